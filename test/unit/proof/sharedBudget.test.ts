import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { ledgerKeyId } from '../../../src/core/api/sharedLedger';
import { forkHost, tempLedgerDir, type ForkedHost, type HostArgs } from '../../support/forkedHosts';

const LIMIT = 10;
const WINDOW_SECONDS = 1;

/** Sum of a per-key counter for one key. */
const of = (map: Record<string, number>, key: string): number => map[key] ?? 0;

suite('Proof: one budget across extension hosts (forked processes, counted by the simulator)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let ledger: ReturnType<typeof tempLedgerDir>;
  const hosts: ForkedHost[] = [];

  const spawn = async (count: number, extra: Partial<HostArgs> = {}): Promise<ForkedHost> => {
    const host = await forkHost({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, ledgerDir: ledger.dir, count, limit: LIMIT, windowSeconds: WINDOW_SECONDS, ...extra });
    hosts.push(host);
    return host;
  };

  setup(async () => {
    sim = await startSimulator({ rateLimit: { requests: LIMIT, windowSeconds: WINDOW_SECONDS }, seed: 'demo' });
    ledger = tempLedgerDir();
  });

  teardown(async () => {
    for (const host of hosts.splice(0)) host.kill();
    await sim.close();
    ledger.remove();
  });

  test('3 processes × 25 requests: no sliding window of the key ever holds more than L arrivals', async () => {
    const group = await Promise.all([spawn(25), spawn(25), spawn(25)]);
    for (const host of group) host.go();
    const reports = await Promise.all(group.map((h) => h.report));
    const counters = sim.control.counters();
    assert.deepEqual(reports.map((r) => [r.ok, r.failed]), [[25, 0], [25, 0], [25, 0]], JSON.stringify(reports.map((r) => r.errors)));
    assert.equal(of(counters.requestsPerKey, sim.apiKey), 75);
    assert.equal(of(counters.overLimitPerKey, sim.apiKey), 0, 'a request arrived while the window already held L');
    assert.equal(of(counters.rateLimitedPerKey, sim.apiKey), 0);
  });

  test('negative control: the same hosts without the shared ledger overrun the window', async () => {
    const group = await Promise.all([spawn(12, { ledgerDir: undefined }), spawn(12, { ledgerDir: undefined }), spawn(12, { ledgerDir: undefined })]);
    for (const host of group) host.go();
    await Promise.allSettled(group.map((h) => h.report));
    const counters = sim.control.counters();
    assert.ok(of(counters.overLimitPerKey, sim.apiKey) > 0, 'the check above must be able to fail');
  });

  test('a host killed with SIGKILL while holding in-flight slots stops holding budget; the others finish', async () => {
    // The crashed host's requests hang on the server (in flight in the ledger when it dies).
    sim.control.setFault({ route: 'GET agent/{agentId}', kind: 'hang' });
    const crashing = await spawn(LIMIT / 2, { mode: 'slow' });
    crashing.go();
    const slowRoute = 'GET /api/v1/agent/{agentId}';
    while ((sim.control.counters().requestsPerRoute[slowRoute] ?? 0) < LIMIT / 2) await new Promise((r) => setTimeout(r, 10));
    crashing.kill();
    await crashing.report.catch(() => undefined);

    // Without crash handling these would wait for maxInFlight (2 min) and time the test out.
    const survivors = await Promise.all([spawn(LIMIT), spawn(LIMIT)]);
    for (const host of survivors) host.go();
    const reports = await Promise.all(survivors.map((h) => h.report));
    assert.deepEqual(reports.map((r) => r.ok), [LIMIT, LIMIT]);
    const counters = sim.control.counters();
    assert.equal(of(counters.overLimitPerKey, sim.apiKey), 0, 'the dead host’s requests still counted for one window');
    assert.equal(of(counters.rateLimitedPerKey, sim.apiKey), 0);

    // The dead host's file has no slot left in flight.
    const hostsDir = path.join(ledger.dir, 'budget', ledgerKeyId(sim.baseUrl, sim.apiKey), 'hosts');
    const files = readdirSync(hostsDir).filter((name) => name.startsWith(`${crashing.child.pid}-`));
    assert.equal(files.length, 1);
    const dead = JSON.parse(readFileSync(path.join(hostsDir, files[0] ?? ''), 'utf8')) as { slots: Array<[number, number | null]> };
    assert.ok(dead.slots.length > 0 && dead.slots.every(([, doneAt]) => doneAt !== null));
  });

  const AGENTS_ROUTE = 'GET /api/v1/agent/all';

  test('a 429 in one process pauses every process on the key until its Retry-After', async () => {
    sim.control.setFault({ route: 'GET spaces', kind: 'rateLimit', retryAfterSeconds: 3, times: 1 });
    const [first, second] = await Promise.all([spawn(1), spawn(1, { mode: 'agents' })]);
    first.go();
    const firstUntil = await first.paused;
    second.go();
    // Without the shared pause the second host simply finishes: its report comes first.
    const secondUntil = await Promise.race([second.paused, second.report.then(() => undefined)]);
    // The second host never got a 429 itself: it paused on the first one's, to the same instant,
    // before sending anything. (The pause is kept in monotonic time and shown as wall time: each
    // process converts with its own reading of both clocks, a millisecond or two apart.)
    assert.ok(secondUntil !== undefined && Math.abs(secondUntil - firstUntil) <= 2, `${secondUntil} vs ${firstUntil}`);
    assert.equal(sim.control.counters().requestsPerRoute[AGENTS_ROUTE] ?? 0, 0, 'the second host sent during the pause');
    const reports = await Promise.all([first.report, second.report]);
    assert.deepEqual(reports.map((r) => [r.ok, r.failed]), [[1, 0], [1, 0]], JSON.stringify(reports.map((r) => r.errors)));
    const counters = sim.control.counters();
    assert.equal(of(counters.rateLimitedPerKey, sim.apiKey), 1, 'only the first request was refused');
    assert.equal(counters.requestsPerRoute[AGENTS_ROUTE], 1);
  });

  test('negative control: without the shared ledger the second process sends during the pause', async () => {
    sim.control.setFault({ route: 'GET spaces', kind: 'rateLimit', retryAfterSeconds: 3, times: 1 });
    const [first, second] = await Promise.all([spawn(1, { ledgerDir: undefined }), spawn(1, { ledgerDir: undefined, mode: 'agents' })]);
    let firstDone = false;
    void first.report.then(() => void (firstDone = true), () => undefined);
    first.go();
    await first.paused;
    second.go();
    const report = await second.report;
    assert.equal(report.ok, 1);
    assert.equal(report.pausedUntil, undefined);
    assert.equal(firstDone, false, 'the first host is still waiting out its Retry-After');
    assert.equal(sim.control.counters().requestsPerRoute[AGENTS_ROUTE], 1);
  });

  test('no file in the ledger folder contains the API key', async () => {
    const group = await Promise.all([spawn(3), spawn(3)]);
    for (const host of group) host.go();
    await Promise.all(group.map((h) => h.report));
    const root = path.join(ledger.dir, 'budget');
    const names: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        names.push(full);
        if (entry.isDirectory()) walk(full);
        else assert.ok(!readFileSync(full, 'utf8').includes(sim.apiKey), full);
      }
    };
    walk(root);
    assert.ok(names.some((n) => n.endsWith('.json')), 'host files were written');
    assert.ok(names.every((n) => !n.includes(sim.apiKey)));
  });
});
