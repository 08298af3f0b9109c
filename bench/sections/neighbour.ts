import { createSequentumClient } from '../../src/core/api/client';
import { defaultFetch, type FetchLike } from '../../src/core/api/transport';
import { silentLogger } from '../../src/core/log';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { ForeignLoadSnapshot } from '../../simulator/foreignConsumer';
import { startSimulatorProcess } from '../simProcess';
import { percentile, round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

/** A scaled window (the real one is 100 per 60 s): the same shape, 20× faster. */
const LIMIT = 100;
const WINDOW_S = 3;
const WINDOW_MS = WINDOW_S * 1000;
const SHARE = 0.2;
const RUNS = 50;
const USER_GAP_MS = 250;
const PHASES = [
  { foreign: 30, windows: 4 },
  { foreign: 90, windows: 6 },
] as const;
/** How long to wait for the background share to come back after the foreign load stops. */
const RECOVERY_LIMIT_MS = 12 * WINDOW_MS;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Background requests sent in (t − window, t]. */
const inWindowBefore = (times: number[], t: number): number => times.filter((s) => s > t - WINDOW_MS && s <= t).length;

/**
 * The polite neighbour: the key is shared with someone no ledger sees. The extension polls 50 runs
 * (background lane, saturating its share) and the user clicks every 250 ms, while a foreign
 * consumer on the same key uses 30, then 90 of the 100 per window, then stops. Measured: the 429s
 * the extension causes the foreign consumer, the user's delay, and how long the background share
 * takes to come back after the foreign load stops.
 */
export const neighbourSection: BenchSection = {
  name: `polite neighbour (foreign 30 → 90 of ${LIMIT} per ${WINDOW_S} s, ${RUNS} runs polled)`,
  async run(): Promise<BenchRow[]> {
    const key = 'sk-bench-neighbour-0000000000';
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: [key] });
    const background: number[] = [];
    let lastUserSent = 0;
    const instrumented: FetchLike = (url, init) => {
      const path = new URL(url).pathname;
      if (/\/agent\/\d+$/.test(path)) lastUserSent = performance.now();
      else if (path.endsWith('/spaces')) background.push(performance.now());
      return defaultFetch(url, init);
    };
    const client = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: key,
      settings: { ...DEFAULT_SETTINGS, rateLimit: { requests: LIMIT, windowSeconds: WINDOW_S }, polling: { ...DEFAULT_SETTINGS.polling, backgroundShare: SHARE } },
      log: silentLogger,
      fetch: instrumented,
    });
    let stop = false;
    const pollers: Array<Promise<void>> = [];
    try {
      const agentId = (await client.listAgents()).items[0]?.id ?? 1;
      // Fifty runs followed: each poll is followed by the next as soon as the budget allows.
      for (let i = 0; i < RUNS; i++) {
        pollers.push(
          (async () => {
            while (!stop) await client.listSpaces({ priority: 'background' }).catch(() => sleep(100));
          })(),
        );
      }
      await sleep(WINDOW_MS);
      const rows: BenchRow[] = [];
      for (const phase of PHASES) {
        const before = await sim.counters();
        await sim.control('setForeignLoad', key, phase.foreign);
        const phaseStart = performance.now();
        const delays: number[] = [];
        while (performance.now() - phaseStart < phase.windows * WINDOW_MS) {
          const calledAt = performance.now();
          await client.getAgent(agentId);
          delays.push(lastUserSent - calledAt);
          await sleep(USER_GAP_MS);
        }
        const foreign = await sim.control<ForeignLoadSnapshot | undefined>('setForeignLoad', key, 0);
        const after = await sim.counters();
        const ours429 = (after.rateLimitedPerKey[key] ?? 0) - (before.rateLimitedPerKey[key] ?? 0);
        // Background sent per window over the last half of the phase (after it adapted).
        const lastHalf = background.filter((t) => t > phaseStart + (phase.windows / 2) * WINDOW_MS);
        const perWindow = round(lastHalf.length / (phase.windows / 2), 1);
        const label = `foreign ${phase.foreign}/${LIMIT}`;
        rows.push(
          { metric: `${label}: 429s caused to the foreign consumer`, value: foreign?.rateLimited ?? 0, note: `${foreign?.held ?? 0} of its ${foreign?.sent ?? 0} held, longest ${foreign?.maxHeldMs ?? 0} ms` },
          { metric: `${label}: 429s to the extension`, value: ours429 },
          { metric: `${label}: user request p95 / max delay`, value: `${round(percentile(delays, 95), 1)} / ${round(Math.max(...delays), 1)}`, unit: 'ms' },
          { metric: `${label}: background sent per window`, value: perWindow, note: `share ${LIMIT * SHARE}` },
        );
        if (phase !== PHASES[PHASES.length - 1]) continue;
        // The foreign load stopped: how long until background uses its whole share again?
        const stoppedAt = performance.now();
        let recoveredAt: number | undefined;
        while (recoveredAt === undefined && performance.now() - stoppedAt < RECOVERY_LIMIT_MS) {
          await sleep(100);
          const now = performance.now();
          if (now - stoppedAt >= WINDOW_MS && inWindowBefore(background, now) >= LIMIT * SHARE) recoveredAt = now;
        }
        const recoverySeconds = recoveredAt === undefined ? undefined : (recoveredAt - stoppedAt) / 1000;
        rows.push({
          metric: 'background share back after the foreign load stopped',
          value: recoverySeconds === undefined ? `not within ${RECOVERY_LIMIT_MS / 1000}` : round(recoverySeconds, 1),
          unit: 's',
          note: recoverySeconds === undefined ? undefined : `${round(recoverySeconds / WINDOW_S, 1)} windows (a full window of use is the earliest it can show)`,
        });
      }
      return rows;
    } finally {
      stop = true;
      client.dispose();
      await Promise.allSettled(pollers);
      await sim.close();
    }
  },
};
