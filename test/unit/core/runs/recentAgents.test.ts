import * as assert from 'node:assert/strict';
import { RecentAgents, type KeyValueStore } from '../../../../src/core/runs/recentAgents';

/** globalState as VS Code behaves: writes land at once, but an echo of an older write can replace them. */
class EchoingStore implements KeyValueStore {
  readonly writes: unknown[] = [];
  private value: unknown;
  get<T>(): T | undefined {
    return this.value as T | undefined;
  }
  update(_key: string, value: unknown): Promise<void> {
    this.value = value;
    this.writes.push(value);
    return Promise.resolve();
  }
  /** The window sends write `index` back and it replaces the current value. */
  echo(index: number): void {
    this.value = this.writes[index];
  }
  /** Another window wrote. */
  set(value: unknown): void {
    this.value = value;
  }
}

suite('RecentAgents', () => {
  test('newest first, no duplicates, at most 10', async () => {
    const recent = new RecentAgents(new EchoingStore());
    for (const id of [1, 2, 3, 2, 4, 5, 6, 7, 8, 9, 10, 11]) await recent.add(id);
    assert.deepEqual(recent.ids(), [11, 10, 9, 8, 7, 6, 5, 4, 2, 3]);
  });

  test('a stale echo of an earlier write does not drop the latest start', async () => {
    const store = new EchoingStore();
    const recent = new RecentAgents(store);
    await recent.add(1);
    await recent.add(2);
    await recent.add(3);
    store.echo(1); // [2, 1] arrives back after the write of 3
    assert.deepEqual(recent.ids(), [3, 2, 1]);
  });

  test("another window's starts come after this window's, stored junk is ignored", async () => {
    const store = new EchoingStore();
    store.set([7, 'x', 1.5, 8]);
    const recent = new RecentAgents(store);
    assert.deepEqual(recent.ids(), [7, 8]);
    await recent.add(8);
    store.set([9, 7, 8]); // the other window started 9 since
    assert.deepEqual(recent.ids(), [8, 9, 7]);
  });
});
