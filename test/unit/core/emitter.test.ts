import assert from 'node:assert/strict';
import { Emitter, setListenerErrorLog } from '../../../src/core/emitter';

function recordingLog(): { error(message: string, ...args: unknown[]): void; entries: { message: string; args: unknown[] }[] } {
  const entries: { message: string; args: unknown[] }[] = [];
  return { entries, error: (message: string, ...args: unknown[]) => void entries.push({ message, args }) };
}

function subscribeFaultyListener(emitter: Emitter<number>): void {
  emitter.event(() => {
    throw new Error('listener bug');
  });
}

suite('Emitter', () => {
  test('a throwing listener does not stop the others, and is logged with the event name and where it subscribed', () => {
    const log = recordingLog();
    const emitter = new Emitter<number>({ name: 'Test.onDidTick', log });
    const seen: number[] = [];
    subscribeFaultyListener(emitter);
    emitter.event((value) => seen.push(value));
    emitter.fire(7);
    assert.deepEqual(seen, [7]);
    assert.equal(log.entries.length, 1);
    assert.match(log.entries[0].message, /^A listener of Test\.onDidTick threw \(subscribed at .*subscribeFaultyListener.*emitter\.test\.ts/);
    assert.equal((log.entries[0].args[0] as Error).message, 'listener bug');
  });

  test('without a log of its own, an emitter reports to the process-wide listener error log', () => {
    const log = recordingLog();
    const restore = setListenerErrorLog(log);
    try {
      const emitter = new Emitter<number>();
      subscribeFaultyListener(emitter);
      emitter.fire(1);
    } finally {
      void restore.dispose();
    }
    assert.equal(log.entries.length, 1);
    assert.match(log.entries[0].message, /^A listener of an event threw/);
  });

  test('a disposed subscription and a disposed emitter call nobody', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const subscription = emitter.event((value) => seen.push(value));
    emitter.fire(1);
    void subscription.dispose();
    emitter.fire(2);
    emitter.event((value) => seen.push(value * 10));
    emitter.dispose();
    emitter.fire(3);
    assert.deepEqual(seen, [1]);
  });
});
