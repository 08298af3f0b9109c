import type { Agent } from '../api/model';
import { runOutcome, runStatusLabel } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { orderByRecent } from '../runs/recentAgents';
import type { LoadedPick, PickItem, UserInterface } from '../ui';
import { l10n } from '../text/l10n';
import { forIconLabel, forNotification, forPlain, withIcon, type IconLabelText } from '../text/sinks';

const OUTCOME_ICON = {
  'in-flight': 'sync',
  succeeded: 'pass',
  failed: 'error',
  stopped: 'circle-slash',
  skipped: 'debug-step-over',
  unknown: 'circle-outline',
} as const;

function agentItem(agent: Agent, group?: IconLabelText): PickItem<Agent> {
  const status = runStatusLabel(agent.lastStatus, agent.lastStatusName).slice(0, 60);
  return {
    label: withIcon(OUTCOME_ICON[runOutcome(agent.lastStatus)], forIconLabel(agent.name) || forIconLabel(l10n.t('Agent {0}', agent.id))),
    description: forIconLabel(agent.lastStatus === null ? l10n.t('{0} · #{1}', status, agent.id) : l10n.t('last run: {0} · #{1}', status, agent.id)),
    detail: agent.description ? forIconLabel(agent.description, { maxLength: 500 }) : undefined,
    value: agent,
    group,
  };
}

/** One page of agents is read up front; an account with more is searched on the server as the user types. */
const AGENT_PICK_PAGE = 100;
const SEARCH_MAX = 50;

/** Recently started agents first (a titled group), then the rest in the given order. */
function agentItems(agents: readonly Agent[], recentIds: readonly number[]): PickItem<Agent>[] {
  const { recent, rest } = orderByRecent(agents, recentIds);
  return [
    ...recent.map((agent, i) => agentItem(agent, i === 0 ? forIconLabel(l10n.t('recently started')) : undefined)),
    ...rest.map((agent, i) => agentItem(agent, i === 0 && recent.length > 0 ? forIconLabel(l10n.t('all agents')) : undefined)),
  ];
}

export interface AgentPickOptions {
  title: IconLabelText;
  /** Untranslated-ready placeholder words; default "Agent (type to search by name or id)". */
  placeholder?: string;
  /** Agent ids to show first as "recently started" (most recent first); default none. */
  recentIds?: readonly number[];
}

/**
 * THE agent pick of every palette command (Start Run, Reveal Run, Open Output File, Open in
 * Dashboard, Why Did It Fail?): recent agents first, then the rest by name. A small account is
 * read in one page and filtered locally; a larger one shows its first page and searches the server
 * (`searchAgents`, user priority, debounced) as the user types, an id typed as digits included — so
 * 10,000 agents cost a page and a few searches, not 100 pages, and none is out of reach.
 */
export async function pickAgent(deps: { ui: UserInterface }, api: SequentumApi, options: AgentPickOptions): Promise<Agent | undefined> {
  const { title } = options;
  let noAgents = false;
  // The pick opens at once, busy, while the first page is read (a first request can wait for the
  // API client to load, the server, or a used-up request budget); closing it aborts the read.
  const chosen = await deps.ui.pickWhileLoading<Agent>({ title, loadingPlaceholder: forPlain(l10n.t('Reading agents…')) }, async (signal) => {
    const content = await agentPickContent(api, options, signal);
    noAgents = content === undefined;
    return content;
  });
  if (noAgents) void deps.ui.info(forNotification(l10n.t('No agents found for this API key.')));
  return chosen;
}

/** The pick's items once the first page is read: fixed for a small account, searched on the server for a larger one. */
async function agentPickContent(api: SequentumApi, options: AgentPickOptions, signal: AbortSignal): Promise<LoadedPick<Agent> | undefined> {
  const page = await api.listAgents({ pageIndex: 1, recordsPerPage: AGENT_PICK_PAGE }, { priority: 'user', signal });
  if (page.items.length === 0) return undefined;
  const byName = (a: Agent, b: Agent) => a.name.localeCompare(b.name);
  const agents = [...page.items].sort(byName);
  const recentIds = options.recentIds ?? [];
  const complete = page.total !== undefined ? page.total <= page.items.length : page.items.length < AGENT_PICK_PAGE;
  const { title } = options;
  const placeholder = options.placeholder ?? l10n.t('Agent (type to search by name or id)');
  if (complete) return { kind: 'fixed', items: agentItems(agents, recentIds), title, placeholder: forPlain(placeholder), matchOnDescription: true };
  const recentMissing = recentIds.filter((id) => !agents.some((agent) => agent.id === id)).slice(0, 5);
  const recent = await Promise.all(recentMissing.map((id) => api.getAgent(id, { priority: 'user', signal }).catch(() => undefined)));
  const known = [...recent.filter((agent): agent is Agent => agent !== undefined), ...agents];
  return {
    kind: 'search',
    title,
    placeholder: forPlain(page.total === undefined ? l10n.t('{0} — many agents', placeholder) : l10n.t('{0} — {1} agents', placeholder, page.total)),
    matchOnDescription: true,
    initial: agentItems(known, recentIds),
    search: async (query, searchSignal) => {
      const requestOptions = { priority: 'user' as const, signal: searchSignal };
      const byId = /^#?\d+$/.test(query) ? api.getAgent(Number(query.replace('#', '')), requestOptions).then((agent) => [agent], () => []) : Promise.resolve([]);
      const [found, exact] = await Promise.all([api.searchAgents(query, SEARCH_MAX, requestOptions), byId]);
      const matches = [...exact, ...found.filter((agent) => !exact.some((e) => e.id === agent.id))].sort(byName);
      const lower = query.toLowerCase();
      // Recents keep their place on top while they match what is typed.
      const recentMatching = known.filter((agent) => recentIds.includes(agent.id) && agent.name.toLowerCase().includes(lower));
      return agentItems([...recentMatching, ...matches.filter((agent) => !recentMatching.some((r) => r.id === agent.id))], recentIds);
    },
  };
}
