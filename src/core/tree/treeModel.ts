import { hostOf } from '../api/baseUrl';
import { requireClient } from '../api/clientProvider';
import { NoApiKeyError } from '../api/errors';
import type { Run } from '../api/model';
import type { Schedule } from '../api/scheduleModel';
import { Emitter, type EventLike } from '../emitter';
import type { EnvironmentSource } from '../environments/environmentSource';
import type { ErrorScope } from '../errors/describeError';
import type { DisposableLike } from '../lifecycle';
import type { Logger } from '../log';
import { forgetSupersededRuns, isNewestRun } from './agentStatus';
import { isFilterActive, matchesFilter, type AgentFilter } from './filter';
import { appendUnique, DEFAULT_PAGING, emptyText, loadListChunk, type ListItem, type PagingOptions } from './listLoader';
import { NodeRegistry } from './nodeRegistry';
import { NodeId, isParentNode, type LoadMoreNode, type ParentNode, type RunNode, type ScheduleNode, type TreeNode } from './nodes';
import { describeTreeError, type TreeErrorInfo } from './treeErrors';
import { l10n } from '../text/l10n';

export interface TreeModelOptions {
  source: EnvironmentSource;
  log: Logger;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  paging?: Partial<PagingOptions>;
}

interface ListState {
  items: ListItem[];
  cursor: number;
  hasMore: boolean;
  total?: number;
  /** false after a refresh or invalidation: the next getChildren reloads (keeping `items` meanwhile). */
  valid: boolean;
  everLoaded: boolean;
  error?: TreeErrorInfo;
  loading?: Promise<void>;
}

/** One agent's runs as the tree just read them. */
export interface RunsListedEvent {
  envId: string;
  agentId: number;
  /** Newest first. */
  runs: readonly Run[];
}

const SCOPE: Record<ParentNode['kind'], ErrorScope> = { environment: 'root', space: 'space', agent: 'agent', run: 'run', versions: 'agent' };

/**
 * The `sequentum.agents` tree without VS Code: lazy per-node lists, paging, a cache kept until a
 * refresh or a relevant change, error nodes per real cause, and stale last-good children when a
 * refresh fails. {@link getChildren} never rejects.
 */
export class TreeModel implements DisposableLike {
  private readonly states = new Map<string, ListState>();
  private readonly nodes = new NodeRegistry();
  private readonly changed = new Emitter<TreeNode | undefined>({ name: 'TreeModel.onDidChange' });
  private readonly filterChanged = new Emitter<AgentFilter>({ name: 'TreeModel.onDidChangeFilter' });
  private readonly runsListed = new Emitter<RunsListedEvent>({ name: 'TreeModel.onDidListRuns' });
  private readonly paging: PagingOptions;
  private readonly now: () => number;
  private readonly sourceSubscription: DisposableLike;
  private filterValue: AgentFilter = {};
  /** Counts recorded run changes, so a list answer can tell whether it was asked for after one. */
  private changeSeq = 0;

  /** Fires with the node whose children changed; undefined = the whole tree. */
  readonly onDidChange: EventLike<TreeNode | undefined> = this.changed.event;
  readonly onDidChangeFilter: EventLike<AgentFilter> = this.filterChanged.event;
  /**
   * An agent's runs were (re)loaded from the server: the runs layer follows the in-flight ones, so
   * their nodes change when they finish without the list being read again.
   */
  readonly onDidListRuns: EventLike<RunsListedEvent> = this.runsListed.event;

  constructor(private readonly options: TreeModelOptions) {
    this.paging = { ...DEFAULT_PAGING, ...options.paging };
    this.now = options.now ?? Date.now;
    this.sourceSubscription = options.source.onDidChange(() => this.refresh());
  }

  get filter(): AgentFilter {
    return this.filterValue;
  }

  /** Children of a node (undefined = root). Never rejects: failures become error nodes. */
  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (node === undefined) {
        const envs = this.options.source.environments();
        if (envs.length === 1) return await this.listChildren(this.nodes.environment(envs[0]));
        return envs.map((env) => this.nodes.environment(env));
      }
      return isParentNode(node) ? await this.listChildren(node) : [];
    } catch (error) {
      this.options.log.error('Tree: unexpected failure building children', error);
      return [this.nodes.message(NodeId.message(node?.id ?? NodeId.root), l10n.t('Could not build this list (see the log)'))];
    }
  }

  /** Drops cached lists (all, or one node's) and tells the view; last good items stay until reloaded. */
  refresh(node?: TreeNode): void {
    if (node === undefined) {
      for (const state of this.states.values()) state.valid = false;
      this.changed.fire(undefined);
      return;
    }
    const owner = node.kind === 'error' || node.kind === 'loadMore' ? node.owner : node;
    if (owner === undefined || !isParentNode(owner)) return this.refresh();
    for (const id of owner.kind === 'agent' ? [owner.id, NodeId.versions(owner.envId, owner.agent.id)] : [owner.id]) {
      const state = this.states.get(id); // an agent's Versions row, when expanded, is read again with it
      if (state) state.valid = false;
    }
    this.fireFor(owner);
  }

  /** Loads the next chunk of a "Load more…" node's list. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const owner = node.owner;
    if (!owner) return;
    const state = this.states.get(owner.id);
    if (!state || state.loading) return state?.loading;
    state.loading = this.load(owner, state, state.cursor).finally(() => (state.loading = undefined));
    await state.loading;
    this.fireFor(owner);
  }

  setFilter(filter: AgentFilter): void {
    this.filterValue = { ...filter };
    // The name goes to the server, so agent lists are re-read; other lists stay cached.
    for (const [id, state] of this.states) if (id.includes('/space:')) state.valid = false;
    this.filterChanged.fire(this.filterValue);
    this.changed.fire(undefined);
  }

  /** Known node by id (for commands that get an id rather than a node). */
  nodeById(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** The node a node is shown under (TreeDataProvider.getParent); undefined at the top level. */
  parentOf(node: TreeNode): TreeNode | undefined {
    const parent = node.kind === 'error' || node.kind === 'loadMore' ? node.owner : this.nodes.parentOf(node.id);
    const hiddenRoot = parent?.kind === 'environment' && this.options.source.environments().length === 1;
    return hiddenRoot ? undefined : parent;
  }

  /**
   * A run changed (started, polled, finished), as the runs layer reports it: updates the run node
   * in place, inserts a new run at the top of a loaded list, and updates the agent's last status.
   */
  runChanged(envId: string, run: Run, pending?: RunNode['pending']): void {
    const agentNode = this.nodes.get(NodeId.agent(envId, run.agentId));
    const existing = this.nodes.get(NodeId.run(envId, run.agentId, run.id));
    const state = this.states.get(NodeId.agent(envId, run.agentId));
    // The list may hold the run before its node is built (a change reported while the list loads).
    const index = state?.items.findIndex((item) => item.kind === 'run' && item.run.id === run.id) ?? -1;
    if (state && index >= 0) state.items[index] = { kind: 'run', run };
    if (existing?.kind === 'run') {
      existing.run = run;
      existing.pending = pending;
      this.changed.fire(existing);
    } else if (index < 0 && state?.everLoaded && agentNode) {
      state.items.splice(state.items.filter((item) => item.kind === 'schedule').length, 0, { kind: 'run', run }); // schedules stay on top
      if (agentNode.kind === 'agent') this.nodes.fromItem(envId, agentNode, { kind: 'run', run });
      this.nodes.run(envId, agentNode.kind === 'agent' ? agentNode.agent.name : '', run, pending, agentNode.kind === 'agent' ? agentNode.agent.version : undefined);
      this.changed.fire(agentNode);
    }
    if (agentNode?.kind === 'agent' && isNewestRun(run, agentNode.followedRun, state?.everLoaded ? state.items : undefined)) {
      // The agent row shows what the run row shows, pending action included; list rebuilds keep it.
      const runNode = this.nodes.get(NodeId.run(envId, run.agentId, run.id));
      agentNode.agent = { ...agentNode.agent, lastStatus: run.status, lastStatusName: run.statusName };
      agentNode.followedRun = { run, pending: runNode?.kind === 'run' ? runNode.pending : pending, seq: ++this.changeSeq };
      this.changed.fire(agentNode);
    }
  }

  /** A schedule changed (enable/disable shown at once, then the server's answer): its node and list entry, in place. */
  scheduleChanged(envId: string, schedule: Schedule, pending?: ScheduleNode['pending']): void {
    const state = this.states.get(NodeId.agent(envId, schedule.agentId));
    const index = state?.items.findIndex((item) => item.kind === 'schedule' && item.schedule.id === schedule.id) ?? -1;
    if (state && index >= 0) state.items[index] = { kind: 'schedule', schedule };
    const node = this.nodes.get(NodeId.schedule(envId, schedule.agentId, schedule.id));
    if (node?.kind !== 'schedule') return;
    node.schedule = schedule;
    node.pending = pending;
    this.changed.fire(node);
  }

  /** Forgets an agent's cached runs (e.g. the runs layer saw a change it cannot express as a run). */
  invalidateRuns(envId: string, agentId: number): void {
    this.invalidate(NodeId.agent(envId, agentId));
  }

  /** Forgets an agent's cached versions (a restore made a new one): its Versions row reads them again. */
  invalidateVersions(envId: string, agentId: number): void {
    this.invalidate(NodeId.versions(envId, agentId));
  }

  dispose(): void {
    this.sourceSubscription.dispose();
    this.changed.dispose();
    this.filterChanged.dispose();
    this.runsListed.dispose();
  }

  private invalidate(id: string): void {
    const state = this.states.get(id);
    if (state) state.valid = false;
    const node = this.nodes.get(id);
    if (node) this.changed.fire(node);
  }

  /** The hidden root environment is unknown to the view: a change there is a change of the root. */
  private fireFor(owner: ParentNode): void {
    const hiddenRoot = owner.kind === 'environment' && this.options.source.environments().length === 1;
    this.changed.fire(hiddenRoot ? undefined : owner);
  }

  private async listChildren(owner: ParentNode): Promise<TreeNode[]> {
    let state = this.states.get(owner.id);
    if (!state) {
      state = { items: [], cursor: 0, hasMore: false, valid: false, everLoaded: false };
      this.states.set(owner.id, state);
    }
    if (!state.valid) {
      const current = state;
      current.loading ??= this.load(owner, current, 0).finally(() => (current.loading = undefined));
      await current.loading;
    } else if (state.loading) {
      await state.loading;
    }
    if (!state.everLoaded && state.error === undefined) return []; // no API key: the welcome view
    return this.build(owner, state);
  }

  private async load(owner: ParentNode, state: ListState, cursor: number): Promise<void> {
    const envId = owner.kind === 'environment' ? owner.env.id : owner.envId;
    const env = this.options.source.environments().find((candidate) => candidate.id === envId);
    const requestedAt = this.changeSeq;
    try {
      const api = await requireClient(this.options.source.client(envId));
      // Load more (cursor > 0) pages runs only: the schedules listed with the first page stay.
      const knownSchedules = cursor > 0 && owner.kind === 'agent' ? state.items.flatMap((item) => (item.kind === 'schedule' ? [item.schedule] : [])) : undefined;
      const chunk = await loadListChunk(api, owner, cursor, this.paging, this.filterValue, knownSchedules);
      state.items = chunk.replace ? chunk.items : appendUnique(state.items, chunk.items);
      state.cursor = chunk.cursor;
      state.hasMore = chunk.hasMore;
      state.total = chunk.total;
      state.everLoaded = true;
      state.error = undefined;
      forgetSupersededRuns(chunk.items.map((item) => item.kind === 'agent' && this.nodes.get(NodeId.agent(envId, item.agent.id))), requestedAt);
      if (owner.kind === 'agent') this.runsListed.fire({ envId, agentId: owner.agent.id, runs: chunk.items.flatMap((item) => (item.kind === 'run' ? [item.run] : [])) });
    } catch (error) {
      state.valid = true; // a failed load is not retried until Retry / refresh, so nothing hammers
      // One environment without a key: the welcome view. With several, an error node per environment.
      if (NoApiKeyError.is(error) && this.options.source.environments().length === 1) {
        state.items = [];
        state.everLoaded = false;
        state.error = undefined;
        return;
      }
      this.options.log.warn(`Tree: loading ${owner.id} failed: ${error instanceof Error ? error.name : 'error'}`);
      state.error = describeTreeError(error, {
        host: hostOf(env?.baseUrl ?? ''),
        scope: SCOPE[owner.kind],
        pausedUntil: this.options.source.pausedUntil?.(envId),
        now: this.now(),
      });
      return;
    }
    state.valid = true;
  }

  private build(owner: ParentNode, state: ListState): TreeNode[] {
    const envId = owner.kind === 'environment' ? owner.env.id : owner.envId;
    const stale = state.error && state.everLoaded ? state.error.shortCause : undefined;
    const children: TreeNode[] = [];
    if (state.error) children.push(this.nodes.error(owner, state.error));
    let hidden = 0;
    for (const item of state.items) {
      if (item.kind === 'agent' && !matchesFilter(item.agent, this.filterValue)) {
        hidden++;
        continue;
      }
      const node = this.nodes.fromItem(envId, owner, item);
      node.stale = stale;
      children.push(node);
    }
    const versionsRow = children.at(-1)?.kind === 'versions' ? 1 : 0; // no run: "No runs yet" still shows, above it
    if (state.everLoaded && children.length === versionsRow) {
      children.splice(children.length - versionsRow, 0, this.nodes.message(NodeId.message(owner.id), emptyText(owner, hidden > 0 || isFilterActive(this.filterValue))));
    }
    if (state.hasMore) {
      const paged = state.items.filter((item) => item.kind !== 'versionsGroup' && item.kind !== 'schedule').length; // listed beside the runs, not paged
      children.push(this.nodes.loadMore(owner, { shown: paged - hidden, total: state.total, hidden }));
    }
    return children;
  }
}
