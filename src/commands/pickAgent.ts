import type { Agent } from '../core/api/model';
import { runOutcome, runStatusLabel } from '../core/api/model';
import type { SequentumApi } from '../core/api/sequentumApi';
import { orderByRecent } from '../core/runs/recentAgents';
import type { PickItem } from '../core/ui';
import type { RunCommandDeps } from './runDeps';

const OUTCOME_ICON = {
  'in-flight': '$(sync)',
  succeeded: '$(pass)',
  failed: '$(error)',
  stopped: '$(circle-slash)',
  skipped: '$(debug-step-over)',
  unknown: '$(circle-outline)',
} as const;

function agentItem(agent: Agent, group?: string): PickItem<Agent> {
  const status = runStatusLabel(agent.lastStatus, agent.lastStatusName);
  return {
    label: `${OUTCOME_ICON[runOutcome(agent.lastStatus)]} ${agent.name}`,
    description: `${agent.lastStatus === null ? status : `last run: ${status}`} · #${agent.id}`,
    detail: agent.description,
    value: agent,
    group,
  };
}

/** Quick pick of all agents: recently started ones first, then the rest by name; searchable. */
export async function pickAgent(deps: RunCommandDeps, api: SequentumApi): Promise<Agent | undefined> {
  const page = await api.listAgents(undefined, { priority: 'user' });
  if (page.items.length === 0) {
    void deps.ui.info('No agents found for this API key.');
    return undefined;
  }
  const agents = [...page.items].sort((a, b) => a.name.localeCompare(b.name));
  const { recent, rest } = orderByRecent(agents, deps.runs.recentAgents.ids());
  const items = [
    ...recent.map((agent, i) => agentItem(agent, i === 0 ? 'recently started' : undefined)),
    ...rest.map((agent, i) => agentItem(agent, i === 0 && recent.length > 0 ? 'all agents' : undefined)),
  ];
  return deps.ui.pick(items, { title: 'Sequentum: Start Run', placeholder: 'Agent to start (type to search by name or id)', matchOnDescription: true });
}
