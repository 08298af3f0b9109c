import { startSimulator, type Simulator } from '../../simulator/index';
import type { FaultRule } from '../../simulator/faults';
import { createSequentumClient } from '../../src/core/api/client';
import { silentLogger } from '../../src/core/log';
import { systemClock, type Clock } from '../../src/core/clock';
import { DEFAULT_RECONCILE } from '../../src/core/runs/reconcileStart';
import { RunStarter, type StartOutcome } from '../../src/core/runs/runStarter';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { BenchRow, BenchSection } from '../types';

const STARTS = 1000;
/** Per fault kind and route; five kinds per route ≈ 20 % of requests faulted. */
const RATE = 0.045;
const START_ROUTE = 'POST agent/{agentId}/start';
const RUNS_ROUTE = 'GET agent/{agentId}/runs';

/** Backoff and Retry-After waits 20× shorter (the budget's own windows stay real). */
const fastClock: Clock = { ...systemClock, setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms / 20) };

function faults(sim: Simulator): void {
  const kinds: Array<Omit<FaultRule, 'route' | 'rate'>> = [
    { kind: 'status', status: 503 },
    { kind: 'rateLimit', retryAfterSeconds: 1 },
    { kind: 'hang' },
    { kind: 'reset' },
  ];
  for (const route of [START_ROUTE, RUNS_ROUTE]) {
    for (const k of kinds) sim.control.setFault({ route, rate: RATE, ...k });
  }
  sim.control.setFault({ route: START_ROUTE, rate: RATE, kind: 'commitThenDrop' });
  sim.control.setFault({ route: RUNS_ROUTE, rate: RATE, kind: 'truncate' });
  // One 429 storm: the next 40 requests anywhere are refused.
  sim.control.setFault({ route: '*', kind: 'rateLimit', retryAfterSeconds: 1, times: 40 });
}

/**
 * 1,000 starts through the real run layer (RunStarter: duplicate-run check, single flight,
 * reconciliation) under ≈20 % injected faults; every outcome checked against the simulator's
 * runs-created counter per agent.
 */
export const faultsSection: BenchSection = {
  name: `faults (${STARTS} starts, ≈20 % faults)`,
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulator({ rateLimit: { requests: 2000, windowSeconds: 1 }, seed: 'empty', timeScale: 1 });
    const agents = Array.from({ length: STARTS }, (_, i) => sim.control.addAgent({ name: `Fault agent ${i}`, behaviour: 'endless', isExclusive: false }).id);
    let unhandled = 0;
    const onUnhandled = (): void => void unhandled++;
    process.on('unhandledRejection', onUnhandled);
    const client = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl, rateLimit: { requests: 2000, windowSeconds: 1 } },
      log: silentLogger,
      timeoutMs: 400,
      clock: fastClock,
      maxConcurrent: 32,
    });
    const starter = new RunStarter({
      api: () => Promise.resolve(client),
      clock: systemClock,
      reconcile: { delaysMs: [20, 40, 60, 80, 100], skewMs: DEFAULT_RECONCILE.skewMs, maxRecords: 25 },
    });
    try {
      faults(sim);
      const started = Date.now();
      const outcomes = await Promise.all(agents.map((agentId) => starter.start({ agentId, askAboutInFlight: () => Promise.resolve('start-another') })));
      const seconds = (Date.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const counters = sim.control.counters();
      const tally = new Map<string, number>();
      let duplicates = 0;
      let lost = 0;
      outcomes.forEach((outcome: StartOutcome, i) => {
        const agentId = agents[i] ?? 0;
        const created = counters.runsCreatedPerAgent[String(agentId)] ?? 0;
        const label = outcome.kind === 'not-started' ? `not-started (${outcome.stage})` : outcome.kind;
        tally.set(label, (tally.get(label) ?? 0) + 1);
        if (created > 1) duplicates++;
        const madeOne = outcome.kind === 'started' || outcome.kind === 'adopted';
        if (madeOne ? created !== 1 : created !== 0) lost++;
      });
      const injected = Object.entries(counters.faultsInjected).map(([kind, n]) => `${kind} ${n}`).join(', ');
      const requests = Object.values(counters.requestsPerKey).reduce((a, b) => a + b, 0);
      return [
        { metric: 'duplicate runs', value: duplicates, goal: '0', pass: duplicates === 0 },
        { metric: 'lost starts (outcome ≠ runs created)', value: lost, goal: '0', pass: lost === 0 },
        { metric: 'unhandled rejections', value: unhandled, goal: '0', pass: unhandled === 0 },
        { metric: 'outcomes', value: [...tally].map(([k, n]) => `${k} ${n}`).join(', ') },
        { metric: 'faults injected', value: injected, note: `${requests} requests, ${round1((100 * sumValues(counters.faultsInjected)) / requests)} % faulted` },
        { metric: 'time', value: round1(seconds), unit: 's' },
      ];
    } finally {
      process.off('unhandledRejection', onUnhandled);
      starter.dispose();
      client.dispose();
      await sim.close();
    }
  },
};

const round1 = (n: number): number => Math.round(n * 10) / 10;
const sumValues = (map: Partial<Record<string, number>>): number => Object.values(map).reduce<number>((a, b) => a + (b ?? 0), 0);
