import { Emitter, type EventLike } from '../emitter';
import type { KeyValueStore } from './recentAgents';

const KEY = 'sequentum.watchedAgents';

/**
 * The agents the user watches (`sequentum.watchAgent`), per environment, kept in the profile's
 * global state so every window and the next session see the same list. The stored value is
 * user-machine state: anything that is not an id list per environment id is ignored.
 */
export class WatchList {
  private readonly changed = new Emitter<string>({ name: 'WatchList.onDidChange' });
  /** Fires with the environment id whose list changed. */
  readonly onDidChange: EventLike<string> = this.changed.event;

  constructor(private readonly store: KeyValueStore) {}

  private all(): Record<string, number[]> {
    const value = this.store.get<unknown>(KEY);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const result: Record<string, number[]> = {};
    for (const [envId, ids] of Object.entries(value as Record<string, unknown>)) {
      if (Array.isArray(ids)) result[envId] = ids.filter((id): id is number => Number.isSafeInteger(id));
    }
    return result;
  }

  ids(envId: string): number[] {
    return this.all()[envId] ?? [];
  }

  has(envId: string, agentId: number): boolean {
    return this.ids(envId).includes(agentId);
  }

  async set(envId: string, agentId: number, watched: boolean): Promise<void> {
    const all = this.all();
    const ids = (all[envId] ?? []).filter((id) => id !== agentId);
    if (watched) ids.push(agentId);
    await this.store.update(KEY, Object.fromEntries([...Object.entries(all).filter(([key]) => key !== envId), [envId, ids]]));
    this.changed.fire(envId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
