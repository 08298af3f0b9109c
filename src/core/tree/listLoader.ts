import type { Agent, Run, RunFile, Space } from '../api/model';
import { ProblemError } from '../api/errors';
import type { AgentVersion } from '../api/runActionModel';
import type { Schedule } from '../api/scheduleModel';
import type { SequentumApi } from '../api/sequentumApi';
import type { AgentFilter } from './filter';
import type { ParentNode } from './nodes';
import { l10n } from '../text/l10n';

/** One entry of a loaded list, before it becomes a node. */
export type ListItem =
  | { kind: 'space'; spaceId: number | null; space: Space }
  | { kind: 'agent'; agent: Agent }
  | { kind: 'schedule'; schedule: Schedule }
  | { kind: 'run'; run: Run }
  | { kind: 'file'; file: RunFile }
  | { kind: 'versionsGroup' }
  | { kind: 'version'; version: AgentVersion; current: boolean };

/** The result of loading (more of) one node's list. */
export interface ListChunk {
  items: ListItem[];
  /** Replace the loaded items (runs are re-read with a larger cap) instead of appending. */
  replace: boolean;
  /** Opaque position for the next "Load more": agent pages loaded, or runs requested. */
  cursor: number;
  hasMore: boolean;
  total?: number;
}

/** Paging sizes. Defaults: 100 agents per page (the API's advised maximum), 20 runs, at most 1000 runs. */
export interface PagingOptions {
  agentPageSize: number;
  runPageSize: number;
  maxRuns: number;
}

export const DEFAULT_PAGING: PagingOptions = { agentPageSize: 100, runPageSize: 20, maxRuns: 1000 };

/** The "Personal" pseudo-space for agents whose spaceId is null; a function so its words are translated after the platform installed its translator. */
export function personalSpace(): Space {
  return { id: 0, name: l10n.t('Personal'), description: l10n.t('Agents in your personal space') };
}

/**
 * Loads the first chunk (`cursor` 0) or the next chunk of a node's list. Every call is one or two
 * requests; nothing here loops over all pages, so 10,000 agents cost one page per expansion.
 */
export async function loadListChunk(
  api: SequentumApi,
  owner: ParentNode,
  cursor: number,
  paging: PagingOptions,
  filter: AgentFilter,
  /** "Load more" of an agent's runs: its schedules as already listed (not requested again). */
  knownSchedules?: readonly Schedule[],
): Promise<ListChunk> {
  switch (owner.kind) {
    case 'environment':
      return loadSpaces(api, paging);
    case 'space':
      return loadAgents(api, owner.spaceId, cursor, paging, filter);
    case 'agent': {
      const wanted = Math.min(paging.maxRuns, cursor + paging.runPageSize);
      // The agent's schedules come with its runs (one more request per expansion, none per schedule).
      // A key or a deployment without schedules (403/404/405/501) must not hide the runs: the agent then
      // lists no schedules. Any other failure makes the agent's error node, like any list.
      const [runs, schedules] = await Promise.all([
        api.listRuns(owner.agent.id, wanted),
        knownSchedules ?? api.listSchedules(owner.agent.id).catch(noSchedulesWhenUnsupported),
      ]);
      const sorted = [...runs].sort(newestFirst);
      const byName = [...schedules].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
      return {
        // The Versions row goes last: runs stay the first rows under their agent, newest on top.
        items: [...byName.map((schedule): ListItem => ({ kind: 'schedule', schedule })), ...sorted.map((run): ListItem => ({ kind: 'run', run })), { kind: 'versionsGroup' }],
        replace: true,
        cursor: wanted,
        hasMore: runs.length >= wanted && wanted < paging.maxRuns,
      };
    }
    case 'run': {
      const files = await api.listRunFiles(owner.agentId, owner.run.id);
      return { items: files.map((file) => ({ kind: 'file', file })), replace: true, cursor: 0, hasMore: false };
    }
    case 'versions': {
      const versions = [...(await api.listVersions(owner.agentId))].sort((a, b) => b.version - a.version);
      return { items: versions.map((version, index) => ({ kind: 'version', version, current: index === 0 })), replace: true, cursor: 0, hasMore: false };
    }
  }
}

/** Statuses meaning "this key or server has no schedules", not "something went wrong". */
const SCHEDULES_UNAVAILABLE = new Set([403, 404, 405, 501]);

function noSchedulesWhenUnsupported(error: unknown): Schedule[] {
  if (ProblemError.is(error) && SCHEDULES_UNAVAILABLE.has(error.status)) return [];
  throw error;
}

async function loadSpaces(api: SequentumApi, paging: PagingOptions): Promise<ListChunk> {
  // The API has no cheap "are there personal agents?" call, so one page of all agents is read
  // alongside the spaces: it answers the question exactly for small accounts, and for large ones
  // (more than one page) "Personal" is shown and resolves lazily when expanded.
  const [spaces, firstAgents] = await Promise.all([
    api.listSpaces(),
    api.listAgents({ pageIndex: 1, recordsPerPage: paging.agentPageSize }),
  ]);
  const items: ListItem[] = [...spaces]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((space) => ({ kind: 'space', spaceId: space.id, space }));
  const complete = firstAgents.total !== undefined ? firstAgents.total <= firstAgents.items.length : firstAgents.items.length < paging.agentPageSize;
  if (!complete || firstAgents.items.some((agent) => agent.spaceId === null)) {
    items.push({ kind: 'space', spaceId: null, space: personalSpace() });
  }
  return { items, replace: true, cursor: 0, hasMore: false };
}

async function loadAgents(
  api: SequentumApi,
  spaceId: number | null,
  pagesLoaded: number,
  paging: PagingOptions,
  filter: AgentFilter,
): Promise<ListChunk> {
  const pageIndex = pagesLoaded + 1;
  const name = filter.name?.trim() || undefined;
  const page = await api.listAgents({
    pageIndex,
    recordsPerPage: paging.agentPageSize,
    // The personal space cannot be asked for by id: page through all agents and keep spaceId null.
    spaceId: spaceId ?? undefined,
    name,
  });
  let agents = spaceId === null ? page.items.filter((agent) => agent.spaceId === null) : page.items;
  if (spaceId !== null && pageIndex === 1 && page.items.length === 0 && !name) {
    // The agent list silently leaves out spaces the key may not open; the space's own endpoint
    // says 403. Asking it only for empty spaces keeps the cost at one request per empty space.
    agents = await api.listSpaceAgents(spaceId);
  }
  const seen = pageIndex * paging.agentPageSize;
  const hasMore = page.total !== undefined ? seen < page.total : page.items.length >= paging.agentPageSize;
  return {
    items: agents.map((agent) => ({ kind: 'agent', agent })),
    replace: pageIndex === 1,
    cursor: pageIndex,
    hasMore,
    total: spaceId === null ? undefined : page.total,
  };
}

function newestFirst(a: Run, b: Run): number {
  const time = (run: Run) => Date.parse(run.created ?? run.startTime ?? '') || 0;
  return time(b) - time(a) || b.id - a.id;
}

/** `more` appended to `existing` without entries already there (a page boundary can repeat one). */
export function appendUnique(existing: ListItem[], more: ListItem[]): ListItem[] {
  const key = (item: ListItem): string => {
    switch (item.kind) {
      case 'space':
        return `s${item.spaceId}`;
      case 'agent':
        return `a${item.agent.id}`;
      case 'schedule':
        return `c${item.schedule.id}`;
      case 'run':
        return `r${item.run.id}`;
      case 'file':
        return `f${item.file.id}`;
      case 'versionsGroup':
        return 'versions';
      case 'version':
        return `v${item.version.version}`;
    }
  };
  const seen = new Set(existing.map(key));
  return [...existing, ...more.filter((item) => !seen.has(key(item)))];
}

/** What an empty list says (after loading: nothing there, or nothing that matches the filter). */
export function emptyText(owner: ParentNode, filtered: boolean): string {
  switch (owner.kind) {
    case 'environment':
      return l10n.t('No spaces');
    case 'space':
      return filtered ? l10n.t('No agents match the filter') : l10n.t('No agents in this space');
    case 'agent':
      return l10n.t('No runs yet');
    case 'run':
      return l10n.t('No output files');
    case 'versions':
      return l10n.t('No versions');
  }
}
