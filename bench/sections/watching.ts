import { startSimulator, type Simulator } from '../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../src/core/api/client';
import type { FailedRunDetail } from '../../src/core/api/runsSummary';
import { defaultFetch, type FetchLike } from '../../src/core/api/transport';
import { systemClock, type Clock } from '../../src/core/clock';
import type { DisposableLike } from '../../src/core/lifecycle';
import { silentLogger } from '../../src/core/log';
import { RunWatcher, watchPollIntervalMs, type WatchNotify } from '../../src/core/runs/runWatcher';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { maxInWindow, percentile, round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

/**
 * Watching runs started elsewhere (issue 11) at account scale: 1,000 agents, 200 of them watched,
 * 50 schedules that fire once an hour each (spread over the hour), half of them on agents that fail.
 * The real RunWatcher polls the real simulator over HTTP through the real client for 62 simulated
 * minutes — one watcher with `watched`, one with `allFailures`, each on its own key (budgets are per
 * key), side by side.
 *
 * Time runs SCALE times faster than the wall clock on both sides: the watcher's clock is scaled
 * (its timers fire after ms ÷ SCALE), the simulator's clock is moved to the same instant right
 * before each request reaches it (schedules fire and runs fail on that clock), and the server's rate
 * limit window is 60 s ÷ SCALE of wall time, so the client's budget is the real 100 per minute in
 * simulated time. Every figure is in simulated time. Seeding is in-process (1,000 agents over HTTP
 * one by one is what made an earlier attempt time out).
 */

const SCALE = 30;
const AGENTS = 1000;
const WATCHED = 200;
const SCHEDULES = 50;
const HOUR = 3_600_000;
/** Simulated time observed: the hour of fires plus the last failures' notice. */
const OBSERVE_MS = 62 * 60_000;
/** Production defaults (settings), in simulated time. */
const INTERVAL_SECONDS = DEFAULT_SETTINGS.polling.intervalSeconds;
const BUDGET = { requests: DEFAULT_SETTINGS.rateLimit.requests, windowSeconds: DEFAULT_SETTINGS.rateLimit.windowSeconds, share: DEFAULT_SETTINGS.polling.backgroundShare };
const KEYS = { watched: 'sk-bench-watch-watched-000000', allFailures: 'sk-bench-watch-all-0000000000', truth: 'sk-bench-watch-truth-00000000' };

/** Simulated time: starts at the simulator's clock, runs SCALE× faster than the wall clock. */
class ScaledTime {
  private readonly wallStart = performance.now();
  private readonly simStart = Date.now();
  /** How far the simulator's clock has been advanced so far (it also moves with the wall clock). */
  private advanced = 0;

  now = (): number => this.simStart + (performance.now() - this.wallStart) * SCALE;

  /** Moves the simulator's clock to now (it never goes back). */
  sync(sim: Simulator): void {
    const behind = this.now() - (Date.now() + this.advanced);
    if (behind <= 0) return;
    this.advanced += behind;
    sim.control.advanceClock(behind);
  }

  /** The extension's clock in simulated time; a timer never fires before its simulated due time. */
  clock(): Clock {
    const now = this.now;
    return {
      now, wallNow: now,
      setTimeout(callback, ms, keepAlive) {
        const due = now() + Math.max(0, ms);
        let handle: DisposableLike | undefined;
        const arm = () => {
          handle = systemClock.setTimeout(() => (now() >= due ? callback() : arm()), (due - now()) / SCALE, keepAlive);
        };
        arm();
        return { dispose: () => void handle?.dispose() };
      },
    };
  }
}

interface Seeded {
  watched: Set<number>;
  failing: Set<number>;
}

/** 1,000 agents; every 20th has an hourly schedule (first fires spread over the hour), every other of those fails. */
function seed(sim: Simulator, start: number): Seeded {
  const watched = new Set<number>();
  const failing = new Set<number>();
  const scheduled: number[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const isScheduled = i % (AGENTS / SCHEDULES) === 0;
    const fails = isScheduled && scheduled.length % 2 === 0;
    const agent = sim.control.addAgent({ name: `Agent ${String(i + 1).padStart(4, '0')}`, behaviour: fails ? 'failure' : 'success', durationSec: 120 });
    if (fails) failing.add(agent.id);
    if (isScheduled) scheduled.push(agent.id);
  }
  // Watched: the first half of the scheduled agents (so failures of unwatched agents happen too) and unscheduled ones up to 200.
  scheduled.slice(0, SCHEDULES / 2).forEach((id) => watched.add(id));
  for (let id = 1001; watched.size < WATCHED; id++) if (!scheduled.includes(id)) watched.add(id);
  scheduled.forEach((agentId, k) => {
    const first = start + 60_000 + Math.round(((k + 0.5) * (HOUR - 60_000)) / SCHEDULES);
    sim.control.addSchedule(agentId, { name: 'Hourly', scheduleType: 2, runEveryCount: 60, runEveryPeriod: 1, startTime: new Date(first).toISOString() });
  });
  return { watched, failing };
}

interface ModeResult {
  notify: WatchNotify;
  /** Simulated times the watcher's requests reached the server. */
  sent: number[];
  noticed: Map<number, { at: number; detail: FailedRunDetail }>;
}

function watchWith(notify: WatchNotify, sim: Simulator, time: ScaledTime, seeded: Seeded): { result: ModeResult; client: SequentumClient; watcher: RunWatcher } {
  const result: ModeResult = { notify, sent: [], noticed: new Map() };
  const fetch: FetchLike = (url, init) => {
    time.sync(sim);
    result.sent.push(time.now());
    return defaultFetch(url, init);
  };
  const client = createSequentumClient({ fetch, baseUrl: sim.baseUrl, apiKey: KEYS[notify === 'watched' ? 'watched' : 'allFailures'], settings: DEFAULT_SETTINGS, log: silentLogger });
  const watcher = new RunWatcher({
    api: () => Promise.resolve(client),
    clock: time.clock(),
    settings: () => ({ notify, intervalSeconds: INTERVAL_SECONDS, budget: BUDGET }),
    isWatched: (agentId) => seeded.watched.has(agentId),
    hasWatched: () => seeded.watched.size > 0,
    wanted: () => false,
    queuedBackground: () => client.budget.snapshot().queuedBackground,
    log: silentLogger,
  });
  watcher.onDidNoticeFailure((detail) => result.noticed.set(detail.runId, { at: time.now(), detail }));
  return { result, client, watcher };
}

function rowsOf(result: ModeResult, failures: FailedRunDetail[], seeded: Seeded, judgedUntil: number, intervalMs: number, onlyN1: boolean): BenchRow[] {
  const mode = `notify ${result.notify}`;
  const expected = failures.filter((f) => Date.parse(f.endTime ?? '') <= judgedUntil && (result.notify === 'allFailures' || seeded.watched.has(f.agentId)));
  const lateness = expected.map((f) => {
    const seen = result.noticed.get(f.runId);
    return seen ? (seen.at - Date.parse(f.endTime ?? '')) / intervalMs : Infinity;
  });
  const missed = lateness.filter((x) => x === Infinity).length;
  const wrong = [...result.noticed.values()].filter(({ detail }) => result.notify === 'watched' && !seeded.watched.has(detail.agentId)).length;
  const worst = Math.max(...lateness);
  const perWindow = maxInWindow(result.sent, BUDGET.windowSeconds * 1000);
  const mean = result.sent.length / (OBSERVE_MS / (BUDGET.windowSeconds * 1000));
  return [
    {
      metric: `${mode}: requests per ${BUDGET.windowSeconds} s window (most in any window)`, value: perWindow, goal: '≤ 2', pass: perWindow <= 2 && onlyN1,
      note: `${result.sent.length} requests in ${OBSERVE_MS / 60_000} min = ${round(mean, 2)} per window on average, ${onlyN1 ? 'all runs-summary (N1), none per agent' : 'NOT ONLY N1'}, for ${AGENTS.toLocaleString('en-US')} agents (${WATCHED} watched); the background share is ${BUDGET.requests * BUDGET.share} per window`,
    },
    {
      metric: `${mode}: failure noticed after (worst, in poll intervals)`, value: Number.isFinite(worst) ? round(worst, 2) : 'never', goal: '≤ 2', pass: worst <= 2 && wrong === 0,
      note: `median ${round(percentile(lateness, 50), 2)}; poll interval ${intervalMs / 1000} s; ${expected.length - missed} of ${expected.length} failures noticed, ${missed} missed, ${wrong} of unwatched agents announced`,
    },
  ];
}

export const watchingSection: BenchSection = {
  name: 'watching (1,000 agents, 200 watched, 50 schedules an hour)',
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulator({ seed: 'empty', timeScale: 1, apiKeys: Object.values(KEYS), rateLimit: { requests: BUDGET.requests, windowSeconds: BUDGET.windowSeconds / SCALE } });
    const watchers: Array<{ client: SequentumClient; watcher: RunWatcher }> = [];
    try {
      const wallStart = performance.now();
      const time = new ScaledTime();
      const start = time.now();
      const seeded = seed(sim, start);
      const modes = (['watched', 'allFailures'] as const).map((notify) => watchWith(notify, sim, time, seeded));
      watchers.push(...modes);
      await new Promise((resolve) => setTimeout(resolve, OBSERVE_MS / SCALE));
      for (const { watcher } of modes) watcher.dispose();
      const routes = Object.keys(sim.control.counters().requestsPerRoute);
      const onlyN1 = routes.length === 1 && routes[0] === 'GET /api/v1/analytics/runs/summary';
      // What really failed: one more N1 on a key of its own, at the end of the observed time.
      time.sync(sim);
      const truth = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: KEYS.truth, settings: DEFAULT_SETTINGS, log: silentLogger });
      watchers.push({ client: truth, watcher: modes[0].watcher });
      const end = time.now();
      const summary = await truth.getRunsSummary({ startDate: new Date(start - HOUR).toISOString(), endDate: new Date(end + HOUR).toISOString(), includeDetails: true });
      const intervalMs = watchPollIntervalMs(INTERVAL_SECONDS, BUDGET);
      // A failure is judged when two poll intervals (and a little) fit before the end.
      const judgedUntil = end - 2 * intervalMs - 5_000;
      const onSchedule = summary.failedRunDetails.filter((f) => seeded.failing.has(f.agentId));
      return [
        {
          metric: 'scheduled runs that failed in the observed time', value: onSchedule.length,
          note: `${SCHEDULES} hourly schedules, ${seeded.failing.size} of them on failing agents; ${OBSERVE_MS / 60_000} simulated minutes in ${round((performance.now() - wallStart) / 1000, 0)} s (time ×${SCALE})`,
        },
        ...modes.flatMap(({ result }) => rowsOf(result, onSchedule, seeded, judgedUntil, intervalMs, onlyN1)),
      ];
    } finally {
      for (const { client, watcher } of watchers) {
        watcher.dispose();
        client.dispose();
      }
      await sim.close();
    }
  },
};
