/** A small persistent key-value store (the adapter wraps ExtensionContext.globalState). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEY = 'sequentum.recentAgents';
const MAX = 10;

/**
 * Agent ids the user started most recently (newest first), for ordering the agent quick pick.
 *
 * Starts made in this extension host are also kept in memory, newest first, ahead of what the
 * store returns: VS Code's globalState replaces its whole in-memory value when the window echoes
 * an earlier write back, so for a moment `get` can return the list from before the latest start
 * (and the next flush can even persist that stale list). Other windows' starts still come through
 * the store, after ours.
 */
export class RecentAgents {
  /** Started in this host, newest first. */
  private local: number[] = [];

  constructor(private readonly store: KeyValueStore) {}

  /** Newest first; entries that are not ids are dropped (the stored value is user-machine state). */
  ids(): number[] {
    const value = this.store.get<unknown>(KEY);
    const stored = Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
    return [...this.local, ...stored.filter((id) => !this.local.includes(id))].slice(0, MAX);
  }

  async add(agentId: number): Promise<void> {
    const ids = [agentId, ...this.ids().filter((id) => id !== agentId)].slice(0, MAX);
    this.local = [agentId, ...this.local.filter((id) => id !== agentId)].slice(0, MAX);
    await this.store.update(KEY, ids);
  }
}

/** Splits `items` into the recently used ones (in recency order) and the rest (order kept). */
export function orderByRecent<T extends { id: number }>(items: readonly T[], recentIds: readonly number[]): { recent: T[]; rest: T[] } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const recent = recentIds.map((id) => byId.get(id)).filter((item): item is T => item !== undefined);
  const recentSet = new Set(recent.map((item) => item.id));
  return { recent, rest: items.filter((item) => !recentSet.has(item.id)) };
}
