import type { Agent } from '../../core/api/model';
import { runOutcome, runStatusLabel } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { pickText } from '../../core/pickText';
import { orderByRecent } from '../../core/runs/recentAgents';
import type { PickItem } from '../../core/ui';
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
  const status = pickText(runStatusLabel(agent.lastStatus, agent.lastStatusName), 60);
  return {
    label: `${OUTCOME_ICON[runOutcome(agent.lastStatus)]} ${pickText(agent.name) || `Agent ${agent.id}`}`,
    description: `${agent.lastStatus === null ? status : `last run: ${status}`} · #${agent.id}`,
    detail: agent.description ? pickText(agent.description, 500) : undefined,
    value: agent,
    group,
  };
}

/** One page of agents is read up front; an account with more is searched on the server as the user types. */
export const AGENT_PICK_PAGE = 100;
const SEARCH_MAX = 50;
const TITLE = 'Sequentum: Start Run';
const PLACEHOLDER = 'Agent to start (type to search by name or id)';

/** Recently started agents first (a titled group), then the rest in the given order. */
function agentItems(agents: readonly Agent[], recentIds: readonly number[]): PickItem<Agent>[] {
  const { recent, rest } = orderByRecent(agents, recentIds);
  return [
    ...recent.map((agent, i) => agentItem(agent, i === 0 ? 'recently started' : undefined)),
    ...rest.map((agent, i) => agentItem(agent, i === 0 && recent.length > 0 ? 'all agents' : undefined)),
  ];
}

/**
 * Quick pick of agents: recently started ones first, then the rest by name. A small account is
 * read in one page and filtered locally; a larger one shows its first page and searches the
 * server (`searchAgents`, user priority, debounced) as the user types, an id typed as digits
 * included — so 10,000 agents cost a page and a few searches, not 100 pages.
 */
export async function pickAgent(deps: RunCommandDeps, api: SequentumApi): Promise<Agent | undefined> {
  const page = await api.listAgents({ pageIndex: 1, recordsPerPage: AGENT_PICK_PAGE }, { priority: 'user' });
  if (page.items.length === 0) {
    void deps.ui.info('No agents found for this API key.');
    return undefined;
  }
  const byName = (a: Agent, b: Agent) => a.name.localeCompare(b.name);
  const agents = [...page.items].sort(byName);
  const recentIds = deps.runs.recentAgents.ids();
  const complete = page.total !== undefined ? page.total <= page.items.length : page.items.length < AGENT_PICK_PAGE;
  if (complete) return deps.ui.pick(agentItems(agents, recentIds), { title: TITLE, placeholder: PLACEHOLDER, matchOnDescription: true });
  const recentMissing = recentIds.filter((id) => !agents.some((agent) => agent.id === id)).slice(0, 5);
  const recent = await Promise.all(recentMissing.map((id) => api.getAgent(id, { priority: 'user' }).catch(() => undefined)));
  const known = [...recent.filter((agent): agent is Agent => agent !== undefined), ...agents];
  return deps.ui.searchPick({
    title: TITLE,
    placeholder: `${PLACEHOLDER} — ${page.total ?? 'many'} agents`,
    matchOnDescription: true,
    initial: agentItems(known, recentIds),
    search: async (query, signal) => {
      const options = { priority: 'user' as const, signal };
      const byId = /^#?\d+$/.test(query) ? api.getAgent(Number(query.replace('#', '')), options).then((agent) => [agent], () => []) : Promise.resolve([]);
      const [found, exact] = await Promise.all([api.searchAgents(query, SEARCH_MAX, options), byId]);
      const matches = [...exact, ...found.filter((agent) => !exact.some((e) => e.id === agent.id))].sort(byName);
      const lower = query.toLowerCase();
      // Recents keep their place on top while they match what is typed.
      const recentMatching = known.filter((agent) => recentIds.includes(agent.id) && agent.name.toLowerCase().includes(lower));
      return agentItems([...recentMatching, ...matches.filter((agent) => !recentMatching.some((r) => r.id === agent.id))], recentIds);
    },
  });
}
