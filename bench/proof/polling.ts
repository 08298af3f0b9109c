import { startSimulator } from '../../simulator/index';
import { createSequentumClient } from '../../src/core/api/client';
import { silentLogger } from '../../src/core/log';
import { systemClock } from '../../src/core/clock';
import { runPollIntervalMs, type PollBudget } from '../../src/core/runs/pollInterval';
import { RunPoller } from '../../src/core/runs/runPoller';
import { RunTracker } from '../../src/core/runs/runTracker';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { round } from '../stats';
import type { BenchRow } from '../types';

const BUDGET: PollBudget = { requests: 100, windowSeconds: 1, share: 0.2 };
const BASE_SECONDS = 1;
/** Runs last this long (realistic 10 min at time scale 60). */
const RUN_MS = 10_000;

/** N runs in flight polled by the real RunPoller: background requests per window vs the share, and finish-notice delay vs 2 intervals. */
async function pollCase(n: number): Promise<BenchRow[]> {
  const sim = await startSimulator({ seed: 'empty', timeScale: 60, rateLimit: { requests: BUDGET.requests, windowSeconds: BUDGET.windowSeconds } });
  const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl, rateLimit: { requests: BUDGET.requests, windowSeconds: BUDGET.windowSeconds } }, log: silentLogger });
  const tracker = new RunTracker(systemClock);
  const poller = new RunPoller(tracker, { api: () => Promise.resolve(client), clock: systemClock, settings: () => ({ intervalSeconds: BASE_SECONDS, budget: BUDGET }), queuedBackground: () => client.budget.snapshot().queuedBackground });
  const sentAt: number[] = [];
  const statusRoute = 'GET /api/v1/agent/{agentId}/run/{runId}/status';
  let lastCount = 0;
  let sampler: NodeJS.Timeout | undefined;
  const sample = (): void => {
    const count = sim.control.counters().requestsPerRoute[statusRoute] ?? 0;
    for (let i = lastCount; i < count; i++) sentAt.push(Date.now());
    lastCount = count;
  };
  const delays: number[] = [];
  try {
    const ends = new Map<number, number>();
    const done = new Promise<void>((resolve) => {
      tracker.onDidFinishRun((event) => {
        delays.push(Date.now() - (ends.get(event.run.id) ?? Date.now()));
        if (delays.length === n) resolve();
      });
    });
    for (let i = 0; i < n; i++) {
      const agent = sim.control.addAgent({ name: `Poll ${i}`, behaviour: 'success', durationSec: (RUN_MS / 1000) * 60 });
      const run = sim.control.addRun(agent.id);
      ends.set(run.id, Date.now() + RUN_MS);
      tracker.follow(await client.getRunStatus(agent.id, run.id));
    }
    // Count only the poller's requests: the reads above (user lane, same route) are setup.
    lastCount = (sim.control.counters().requestsPerRoute[statusRoute] ?? 0);
    sampler = setInterval(sample, 10);
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, RUN_MS * 6))]);
  } finally {
    clearInterval(sampler);
    sample();
    poller.dispose();
    tracker.dispose();
    client.dispose();
    await sim.close();
  }
  let maxPerWindow = 0;
  for (let i = 0; i < sentAt.length; i++) {
    const inWindow = sentAt.filter((t) => t >= (sentAt[i] ?? 0) && t < (sentAt[i] ?? 0) + BUDGET.windowSeconds * 1000).length;
    maxPerWindow = Math.max(maxPerWindow, inWindow);
  }
  const share = Math.max(1, Math.floor(BUDGET.requests * BUDGET.share));
  const interval = runPollIntervalMs({ baseSeconds: BASE_SECONDS, inFlight: n, runAgeMs: RUN_MS, budget: BUDGET });
  const worst = delays.length === n ? Math.max(...delays) : Infinity;
  return [
    { metric: `polling ${n} in flight: background requests per window (max)`, value: maxPerWindow, goal: `≤ ${share}`, pass: maxPerWindow <= share, note: '10 ms sampling; 1 s window' },
    { metric: `polling ${n} in flight: finish noticed after (worst)`, value: round(worst / 1000, 2), unit: 's', goal: `≤ 2 × ${round(interval / 1000, 2)} s`, pass: worst <= 2 * interval, note: `${delays.length}/${n} finishes seen` },
  ];
}

export async function pollingRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [1, 10, 50]) rows.push(...(await pollCase(n)));
  return rows;
}
