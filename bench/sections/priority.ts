import { createSequentumClient } from '../../src/core/api/client';
import { defaultFetch, type FetchLike } from '../../src/core/api/transport';
import { silentLogger } from '../../src/core/log';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { startSimulatorProcess } from '../simProcess';
import { maxInWindow, percentile, round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

const LIMIT = 100;
const WINDOW_S = 3;
const SHARE = 0.2;
const USER_REQUESTS = 50;
const USER_GAP_MS = 120;
/** One slot of the budget: the average spacing of L requests over a window. */
const SLOT_MS = (WINDOW_S * 1000) / LIMIT;

export const prioritySection: BenchSection = {
  name: `priority (background saturating its ${SHARE * 100} % share, ${LIMIT} per ${WINDOW_S} s)`,
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: ['sk-bench-priority-00000000000'] });
    const backgroundSent: number[] = [];
    let lastUserSent = 0;
    // Records the instant each request leaves the client (after the budget queue).
    const instrumented: FetchLike = (url, init) => {
      const now = performance.now();
      const path = new URL(url).pathname;
      if (/\/agent\/\d+$/.test(path)) lastUserSent = now;
      else if (path.endsWith('/spaces')) backgroundSent.push(now);
      return defaultFetch(url, init);
    };
    const client = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKeys[0],
      settings: { ...DEFAULT_SETTINGS, rateLimit: { requests: LIMIT, windowSeconds: WINDOW_S }, polling: { ...DEFAULT_SETTINGS.polling, backgroundShare: SHARE } },
      log: silentLogger,
      fetch: instrumented,
    });
    try {
      const agentId = (await client.listAgents()).items[0].id;
      // A backlog far larger than the share, so background is saturated for the whole measurement.
      const background = Array.from({ length: 300 }, () => client.listSpaces({ priority: 'background' }).catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const delays: number[] = [];
      for (let i = 0; i < USER_REQUESTS; i++) {
        const calledAt = performance.now();
        await client.getAgent(agentId);
        delays.push(lastUserSent - calledAt);
        await new Promise((resolve) => setTimeout(resolve, USER_GAP_MS));
      }
      const queuedBackground = client.budget.snapshot().queuedBackground;
      client.dispose();
      await Promise.all(background);
      const bgMax = maxInWindow(backgroundSent, WINDOW_S * 1000);
      const shareLimit = Math.floor(LIMIT * SHARE);
      const p95 = percentile(delays, 95);
      const rateLimited = Object.values((await sim.counters()).rateLimitedPerKey).reduce((a, b) => a + b, 0);
      return [
        { metric: 'user request: p95 delay before sent', value: round(p95, 2), unit: 'ms', goal: `≤ 1 slot (${SLOT_MS} ms)`, pass: p95 <= SLOT_MS },
        { metric: 'user request: p50 / max delay', value: `${round(percentile(delays, 50), 2)} / ${round(Math.max(...delays), 2)}`, unit: 'ms' },
        { metric: 'background: most sent in any window', value: bgMax, goal: `= share (${shareLimit})`, pass: bgMax === shareLimit, note: `still queued at the end: ${queuedBackground}` },
        { metric: '429 responses', value: rateLimited, goal: '0', pass: rateLimited === 0 },
      ];
    } finally {
      client.dispose();
      await sim.close();
    }
  },
};
