/** A small persistent key-value store (the adapter wraps ExtensionContext.globalState). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEY = 'sequentum.recentAgents';
const MAX = 10;

/** Agent ids the user started most recently (newest first), for ordering the agent quick pick. */
export class RecentAgents {
  constructor(private readonly store: KeyValueStore) {}

  /** Newest first; entries that are not ids are dropped (the stored value is user-machine state). */
  ids(): number[] {
    const value = this.store.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
  }

  async add(agentId: number): Promise<void> {
    const ids = [agentId, ...this.ids().filter((id) => id !== agentId)].slice(0, MAX);
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
