import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSimulator } from '../../../../simulator/index';
import { BudgetScheduler } from '../../../../src/core/api/budget';
import { leaseBudget } from '../../../../src/core/api/budgetRegistry';
import { createSequentumClient } from '../../../../src/core/api/client';
import { CancelledError } from '../../../../src/core/api/errors';
import { nodeLedgerFs, type LedgerFs } from '../../../../src/core/api/ledgerFiles';
import { LEDGER_RETRY_MS } from '../../../../src/core/api/ledgerLink';
import { ledgerKeyId, SharedLedger, type BudgetLedger } from '../../../../src/core/api/sharedLedger';
import { systemClock, type Clock } from '../../../../src/core/clock';
import type { Logger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';

const ORIGIN = 'https://ledger.test';
const KEY = 'sk-ledger-failures-0000000000';

/** Which ledger file operation fails next, with which error code (null: none). */
class FaultyFs implements LedgerFs {
  failing: Partial<Record<keyof LedgerFs, string>> = {};
  private run<T>(op: keyof LedgerFs, action: () => T): T {
    const code = this.failing[op];
    if (code) throw Object.assign(new Error(`${op} failed: ${code}`), { code });
    return action();
  }
  mkdir = (dir: string): void => this.run('mkdir', () => nodeLedgerFs.mkdir(dir));
  writeFile = (file: string, text: string, exclusive?: boolean): void => this.run('writeFile', () => nodeLedgerFs.writeFile(file, text, exclusive));
  readFile = (file: string): string => this.run('readFile', () => nodeLedgerFs.readFile(file));
  readdir = (dir: string): string[] => this.run('readdir', () => nodeLedgerFs.readdir(dir));
  rename = (from: string, to: string): void => this.run('rename', () => nodeLedgerFs.rename(from, to));
  unlink = (file: string): void => this.run('unlink', () => nodeLedgerFs.unlink(file));
}

/** The real clock, whose monotonic time the test can move ahead (to get past the ledger's rest). */
class ShiftableClock implements Clock {
  offset = 0;
  now = (): number => systemClock.now() + this.offset;
  wallNow = (): number => Date.now();
  setTimeout = (callback: () => void, ms: number, keepAlive?: boolean) => systemClock.setTimeout(callback, ms, keepAlive);
}

function recordingLog(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, trace: () => undefined, debug: () => undefined, info: (m: string) => void infos.push(m), warn: (m: string) => void warnings.push(m), error: () => undefined };
}

/** Runs `count` instant tasks through the scheduler; resolves when all settled. */
async function runTasks(scheduler: BudgetScheduler, count: number): Promise<PromiseSettledResult<number>[]> {
  return Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      scheduler.run('user', undefined, (responded) => {
        responded();
        return Promise.resolve(i);
      }),
    ),
  );
}

suite('Shared budget ledger: every disk failure falls back to budgeting alone', () => {
  let dir: string;
  let io: FaultyFs;
  let clock: ShiftableClock;
  const schedulers: BudgetScheduler[] = [];
  const keyDir = (): string => path.join(dir, 'budget', ledgerKeyId(ORIGIN, KEY));
  const make = (ledgerDir = dir, extra: Partial<ConstructorParameters<typeof SharedLedger>[0]> = {}) => {
    const log = recordingLog();
    const ledger = new SharedLedger({ dir: ledgerDir, origin: ORIGIN, apiKey: KEY, fs: io, clock, ...extra });
    const scheduler = new BudgetScheduler({ limit: 5, windowSeconds: 60, backgroundShare: 1, clock, ledger, log });
    schedulers.push(scheduler);
    return { scheduler, ledger, log };
  };

  setup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-failures-'));
    io = new FaultyFs();
    clock = new ShiftableClock();
  });
  teardown(() => {
    for (const scheduler of schedulers.splice(0)) scheduler.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [what, op, code] of [
    ['permissions (EACCES on mkdir)', 'mkdir', 'EACCES'],
    ['a full disk (ENOSPC on write)', 'writeFile', 'ENOSPC'],
    ['a refused rename (EPERM)', 'rename', 'EPERM'],
    ['an unreadable folder (EIO on readdir)', 'readdir', 'EIO'],
  ] as const) {
    test(`${what}: every request is granted from the window's own count, logged once`, async () => {
      io.failing[op] = code;
      const { scheduler, log } = make();
      const results = await runTasks(scheduler, 5);
      assert.deepEqual(results.map((r) => r.status), Array(5).fill('fulfilled'));
      assert.equal(scheduler.snapshot().usedInWindow, 5);
      assert.equal(scheduler.snapshot().budgetingAlone, true);
      // Budgeting alone still counts: a sixth waits for the window.
      const sixth = runTasks(scheduler, 1);
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(scheduler.snapshot().queuedUser, 1);
      assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
      assert.match(log.warnings[0] ?? '', new RegExp(`${code}.*budgets on its own`));
      scheduler.dispose();
      assert.equal((await sixth)[0]?.status, 'rejected');
      // No lock and no temporary file left behind.
      const leftovers = (sub: string): string[] => {
        try {
          return readdirSync(path.join(keyDir(), sub));
        } catch {
          return [];
        }
      };
      assert.deepEqual([...leftovers('locks'), ...leftovers('hosts').filter((n) => n.endsWith('.tmp'))], []);
    });
  }

  test('the ledger is tried again after a rest and shared again when it works', async () => {
    io.failing.writeFile = 'ENOSPC';
    const { scheduler, log } = make();
    await runTasks(scheduler, 2);
    assert.equal(scheduler.snapshot().budgetingAlone, true);
    delete io.failing.writeFile;
    await runTasks(scheduler, 1);
    assert.equal(readdirSync(path.join(keyDir(), 'hosts')).length, 0, 'still resting: the ledger is not used yet');
    clock.offset += LEDGER_RETRY_MS + 1;
    await runTasks(scheduler, 1);
    assert.equal(scheduler.snapshot().budgetingAlone, undefined);
    assert.equal(readdirSync(path.join(keyDir(), 'hosts')).length, 1);
    assert.equal(log.warnings.length, 1);
    assert.equal(log.infos.filter((m) => m.includes('works again')).length, 1);
  });

  test('a folder replaced by a file, and a folder deleted while in use', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const replaced = make(file);
    assert.deepEqual((await runTasks(replaced.scheduler, 3)).map((r) => r.status), Array(3).fill('fulfilled'));
    assert.equal(replaced.scheduler.snapshot().budgetingAlone, true);

    const { scheduler } = make();
    await runTasks(scheduler, 1);
    assert.equal(scheduler.snapshot().budgetingAlone, undefined);
    rmSync(path.join(dir, 'budget'), { recursive: true, force: true });
    assert.deepEqual((await runTasks(scheduler, 2)).map((r) => r.status), ['fulfilled', 'fulfilled']);
    assert.equal(scheduler.snapshot().budgetingAlone, true);
    clock.offset += LEDGER_RETRY_MS + 1;
    await runTasks(scheduler, 1);
    assert.equal(scheduler.snapshot().budgetingAlone, undefined, 'the folder is created again');
    assert.equal(readdirSync(path.join(keyDir(), 'hosts')).length, 1);
  });

  test('a failed write takes its slots back: the ledger never counts a slot nobody was granted', () => {
    const ledger = new SharedLedger({ dir, origin: ORIGIN, apiKey: KEY, fs: io, clock });
    const now = clock.now();
    io.failing.rename = 'EPERM';
    assert.throws(() => ledger.reserve(now, 5, 1000, 5), /EPERM/);
    delete io.failing.rename;
    assert.equal(ledger.reserve(now, 5, 1000, 5).ids.length, 5, 'all five are free again');
    ledger.dispose();
  });

  test('a failed write from the completion timer or the heartbeat never throws: the window goes alone', async () => {
    const { scheduler, log } = make(dir, { flushMs: 1 });
    await runTasks(scheduler, 1);
    io.failing.writeFile = 'ENOSPC';
    await runTasks(scheduler, 1); // the grant is written under the lock (fails → alone), the completion by the timer
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(scheduler.snapshot().budgetingAlone, true);
    assert.equal(log.warnings.length, 1);
    const heartbeat = new SharedLedger({ dir, origin: ORIGIN, apiKey: 'sk-other-key-000000000000', fs: io, clock, heartbeatMs: 5 });
    delete io.failing.writeFile;
    const errors: unknown[] = [];
    heartbeat.setErrorSink((error) => errors.push(error));
    heartbeat.reserve(clock.now(), 5, 1000, 1); // one slot in flight: the heartbeat runs
    io.failing.writeFile = 'ENOSPC';
    await new Promise((r) => setTimeout(r, 40));
    assert.ok(errors.length > 0, 'the heartbeat reported its failure');
    io.failing.writeFile = 'EIO';
    assert.doesNotThrow(() => heartbeat.dispose());
  });

  test('a ledger that throws from every method: all waiters settle, dispose does not throw, nothing leaks', async () => {
    const broken: BudgetLedger = {
      reserve: () => {
        throw new Error('reserve');
      },
      pause: () => {
        throw new Error('pause');
      },
      complete: () => {
        throw new Error('complete');
      },
      release: () => {
        throw new Error('release');
      },
      dispose: () => {
        throw new Error('dispose');
      },
    };
    const scheduler = new BudgetScheduler({ limit: 3, windowSeconds: 1, backgroundShare: 1, clock, ledger: broken, log: recordingLog() });
    scheduler.pauseFor(1); // writes the pause to the ledger: throws inside, not here
    await new Promise((r) => setTimeout(r, 1100));
    const results = await runTasks(scheduler, 7); // three windows' worth
    assert.deepEqual(results.map((r) => r.status), Array(7).fill('fulfilled'));
    const controller = new AbortController();
    const cancelled = scheduler.run('user', controller.signal, () => Promise.resolve(0));
    controller.abort();
    await assert.rejects(cancelled, CancelledError);
    const waiting = runTasks(scheduler, 5);
    assert.doesNotThrow(() => scheduler.dispose());
    const settled = await waiting;
    assert.ok(settled.every((r) => r.status === 'fulfilled' || r.reason instanceof CancelledError));
    assert.equal(scheduler.disposed, true);
  });

  test('a disposed scheduler is never handed out again', () => {
    const first = leaseBudget(ORIGIN, KEY, { limit: 5, windowSeconds: 60, backgroundShare: 0.2 });
    first.scheduler.dispose(); // disposed behind the registry's back
    const second = leaseBudget(ORIGIN, KEY, { limit: 5, windowSeconds: 60, backgroundShare: 0.2 });
    assert.notEqual(second.scheduler, first.scheduler);
    assert.equal(second.scheduler.disposed, false);
    first.release();
    assert.equal(second.scheduler.disposed, false, 'the old lease does not dispose the new scheduler');
    second.release();
    assert.equal(second.scheduler.disposed, true);
    const third = leaseBudget(ORIGIN, KEY, { limit: 5, windowSeconds: 60, backgroundShare: 0.2 }, () => {
      throw new Error('no ledger today');
    });
    assert.equal(third.scheduler.disposed, false);
    third.release();
  });

  test('end to end: a client whose ledger folder is a file still finishes every request within the limit', async () => {
    const sim = await startSimulator({ rateLimit: { requests: 5, windowSeconds: 1 }, timeScale: 1000 });
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, settings: DEFAULT_SETTINGS, log: recordingLog(), sharedBudgetDir: file });
    try {
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => client.listSpaces()));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 12);
      const counters = sim.control.counters();
      assert.equal(counters.overLimitPerKey[sim.apiKey] ?? 0, 0);
      assert.equal(counters.rateLimitedPerKey[sim.apiKey] ?? 0, 0);
    } finally {
      client.dispose();
      await sim.close();
    }
  });
});

suite('Shared budget ledger: files it cannot trust count for nothing', () => {
  let dir: string;
  let hostsDir: string;
  let locksDir: string;
  const now = systemClock.now();
  const ledger = (extra: Partial<ConstructorParameters<typeof SharedLedger>[0]> = {}) => new SharedLedger({ dir, origin: ORIGIN, apiKey: KEY, ...extra });
  const host = (name: string, content: unknown): void => writeFileSync(path.join(hostsDir, name), typeof content === 'string' ? content : JSON.stringify(content));

  setup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-garbage-'));
    hostsDir = path.join(dir, 'budget', ledgerKeyId(ORIGIN, KEY), 'hosts');
    locksDir = path.join(dir, 'budget', ledgerKeyId(ORIGIN, KEY), 'locks');
    mkdirSync(hostsDir, { recursive: true });
    mkdirSync(locksDir, { recursive: true });
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));

  test('garbage, half-written, old-format and future-dated host files are ignored; a valid one counts', () => {
    host('half.json', '{"format":2,"pid":1,"slots":[[1,');
    host('bytes.json', '\u0000\u00ff garbage');
    host('wrong-types.json', { format: 2, pid: 'x', slots: 'many' });
    host('old-format.json', { pid: process.pid, slots: [[Date.now(), null]] }); // wall-time records of format 1
    host('future.json', { format: 2, pid: process.pid, slots: [[now + 3_600_000, null], [now + 7_200_000, now + 7_200_001]], beat: now + 3_600_000 });
    host('nan.json', '{"format":2,"pid":1,"slots":[[null,null],["1","2"]],"pausedUntil":1e999}');
    host('huge-pause.json', { format: 2, pid: process.pid, slots: [], pausedUntil: now + 365 * 86_400_000 });
    mkdirSync(path.join(hostsDir, 'a-folder.json'));
    const garbageOnly = ledger();
    assert.deepEqual(garbageOnly.reserve(now, 5, 1000, 5).ids.length, 5);
    garbageOnly.dispose();
    // Negative control: a live host with three slots in flight leaves two.
    rmSync(hostsDir, { recursive: true });
    mkdirSync(hostsDir);
    host('live.json', { format: 2, pid: process.pid, slots: [[now - 10, null], [now - 5, null], [now - 1, null]], beat: now });
    const withLive = ledger();
    assert.equal(withLive.reserve(now, 5, 1000, 5).ids.length, 2);
    withLive.dispose();
  });

  test('lock files with unreadable names or times in the future block nobody; a live one does', () => {
    for (const name of ['garbage.lock', 'abc-def.lock', `${Math.floor(now) + 3_600_000}-1-x.lock`, '-1-2.lock']) writeFileSync(path.join(locksDir, name), '');
    const first = ledger();
    assert.equal(first.reserve(now, 5, 1000, 1).ids.length, 1);
    assert.deepEqual(readdirSync(locksDir), [], 'and they are tidied away');
    first.dispose();
    writeFileSync(path.join(locksDir, `${Math.floor(now)}-other-host.lock`), '');
    const second = ledger();
    const blocked = second.reserve(now, 5, 1000, 1);
    assert.equal(blocked.ids.length, 0, 'a live lock of another host is respected');
    assert.ok(blocked.retryAt > now && blocked.retryAt < now + 10);
    second.dispose();
  });

  test("a dead owner whose pid was reused: its heartbeat stopped, so its in-flight slots are closed", () => {
    // The pid is alive (it is ours), but the file's beat is a minute old while slots are in flight.
    host('reused.json', { format: 2, pid: process.pid, slots: [[now - 60_000, null], [now - 59_000, null]], beat: now - 60_000 });
    const reader = ledger({ heartbeatMs: 5000 });
    assert.equal(reader.reserve(now, 5, 1000, 5).ids.length, 3, 'closed at once, they still count for one window');
    const rewritten = JSON.parse(readFileSync(path.join(hostsDir, 'reused.json'), 'utf8')) as { slots: Array<[number, number | null]> };
    assert.ok(rewritten.slots.every(([, doneAt]) => doneAt !== null));
    reader.dispose();
    const later = ledger();
    assert.equal(later.reserve(now + 1001, 5, 1000, 5).ids.length, 5, 'one window later they are gone');
    later.dispose();
  });

  test('negative control: the same slots with a fresh heartbeat stay in flight', () => {
    host('alive.json', { format: 2, pid: process.pid, slots: [[now - 60_000, null], [now - 59_000, null]], beat: now - 1000 });
    const reader = ledger({ heartbeatMs: 5000 });
    assert.equal(reader.reserve(now + 1001, 5, 1000, 5).ids.length, 3);
    reader.dispose();
  });
});
