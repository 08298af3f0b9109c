import { createSequentumClient } from '../../src/core/api/client';
import type { Agent } from '../../src/core/api/model';
import { Emitter } from '../../src/core/emitter';
import { silentLogger } from '../../src/core/log';
import { systemClock } from '../../src/core/clock';
import { RunPoller } from '../../src/core/runs/runPoller';
import { RunStarter } from '../../src/core/runs/runStarter';
import { RunTracker } from '../../src/core/runs/runTracker';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { TreeModel } from '../../src/core/tree/treeModel';
import { startSimulatorProcess } from '../simProcess';
import type { BenchRow, BenchSection } from '../types';

const LIMIT = 100;
const WINDOW_S = 10;
const IN_FLIGHT = 50;

/** SEQUENTUM_SOAK_SECONDS, else 30 with `--quick`, else 600 (the issue's 10 minutes). */
export function soakSeconds(): number {
  const fromEnv = Number(process.env.SEQUENTUM_SOAK_SECONDS);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return process.argv.includes('--quick') ? 30 : 600;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Heap after a full GC (bench runs node with --expose-gc); NaN without it. */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

function resourceDiff(before: string[], after: string[]): string[] {
  const left = [...after];
  for (const name of before) {
    const i = left.indexOf(name);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

/**
 * The core at the budget's edge for N seconds: tree refreshes (root, spaces, agents' runs), 50
 * runs in flight polled in the background lane, user starts — then dispose and look for leaks.
 */
export const soakSection: BenchSection = {
  name: `soak (${soakSeconds()} s at ${LIMIT} per ${WINDOW_S} s)`,
  async run(): Promise<BenchRow[]> {
    const seconds = soakSeconds();
    const key = 'sk-bench-soak-000000000000000';
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: [key], seed: '5x300', timeScale: 1 });
    let unhandled = 0;
    const onUnhandled = (): void => void unhandled++;
    process.on('unhandledRejection', onUnhandled);
    const baseline = process.getActiveResourcesInfo();
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: key, settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl }, log: silentLogger });
    const api = () => Promise.resolve(client);
    const sourceChanged = new Emitter<void>();
    const tree = new TreeModel({
      source: { environments: () => [{ id: 'default', name: 'soak', baseUrl: sim.baseUrl }], client: api, onDidChange: sourceChanged.event },
      log: silentLogger,
    });
    const tracker = new RunTracker(systemClock);
    const poller = new RunPoller(tracker, {
      api,
      clock: systemClock,
      settings: () => ({ intervalSeconds: 5, budget: { requests: LIMIT, windowSeconds: WINDOW_S, share: 0.5 } }),
      queuedBackground: () => client.budget.snapshot().queuedBackground,
    });
    const starter = new RunStarter({ api, clock: systemClock, onDidStart: (run) => tracker.follow(run, 'starting') });
    const listed = tree.onDidListRuns((event) => tracker.observe(event.runs));
    let finished = 0;
    const finishedSub = tracker.onDidFinishRun(() => void finished++);
    const outcomes = new Map<string, number>();
    const start = (agent: Agent): Promise<void> =>
      starter.start({ agentId: agent.id, agentName: agent.name, askAboutInFlight: () => Promise.resolve('start-another') }).then((o) => {
        outcomes.set(o.kind, (outcomes.get(o.kind) ?? 0) + 1);
      });

    const agents = (await client.listAgents({ recordsPerPage: 300, pageIndex: 1 })).items;
    let heapStart = NaN;
    let ticks = 0;
    const endAt = Date.now() + seconds * 1000;
    try {
      // 50 runs in flight to poll (the starts themselves go through the user lane).
      await Promise.all(agents.slice(0, IN_FLIGHT).map(start));
      while (Date.now() < endAt) {
        ticks++;
        tree.refresh();
        const roots = await tree.getChildren();
        for (const env of roots) {
          const spaces = await tree.getChildren(env);
          for (const space of spaces.slice(0, 2)) {
            const children = await tree.getChildren(space);
            const agent = children.find((n) => n.kind === 'agent');
            if (agent) await tree.getChildren(agent);
          }
        }
        // Keep about 50 in flight: a user start replaces each finished run.
        const agent = agents[(IN_FLIGHT + ticks) % agents.length];
        if (agent && tracker.inFlight().length < IN_FLIGHT) await start(agent);
        if (ticks === 3) heapStart = await heapAfterGc(); // after warm-up: caches filled, code compiled
        await sleep(2000);
      }
    } finally {
      listed.dispose();
      finishedSub.dispose();
      poller.dispose();
      starter.dispose();
      tracker.dispose();
      tree.dispose();
      sourceChanged.dispose();
      client.dispose();
    }
    await sleep(500);
    const heapEnd = await heapAfterGc();
    const leftovers = resourceDiff(baseline, process.getActiveResourcesInfo());
    const counters = await sim.counters();
    await sim.close();
    process.off('unhandledRejection', onUnhandled);
    const requests = counters.requestsPerKey[key] ?? 0;
    const perWindow = (requests / seconds) * WINDOW_S;
    const growth = heapEnd - heapStart;
    const flat = growth < 2 * 1024 * 1024 || growth < 0.1 * heapStart;
    return [
      { metric: 'heap after GC: start → end', value: `${mb(heapStart)} → ${mb(heapEnd)}`, unit: 'MB', goal: 'flat (< 2 MB or < 10 % growth)', pass: flat },
      { metric: 'pending handles after dispose', value: leftovers.length === 0 ? 0 : leftovers.join(', '), goal: '0', pass: leftovers.length === 0 },
      { metric: 'unhandled rejections', value: unhandled, goal: '0', pass: unhandled === 0 },
      { metric: '429 responses', value: counters.rateLimitedPerKey[key] ?? 0, goal: '0', pass: (counters.rateLimitedPerKey[key] ?? 0) === 0 },
      { metric: 'requests per window (budget use)', value: Math.round(perWindow), note: `of ${LIMIT}; ${requests} in ${seconds} s` },
      { metric: 'activity', value: `${ticks} tree refreshes, ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}, ${finished} finishes seen` },
    ];
  },
};
