import fetch from 'node-fetch';
import { createSequentumClient } from '../../src/core/api/client';
import { defaultFetch, type FetchLike } from '../../src/core/api/transport';
import { silentLogger } from '../../src/core/log';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { startSimulatorProcess, type SimProcess } from '../simProcess';
import { round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

const LIMIT = 100;
const WINDOW_S = 3;
const REQUESTS = 500;
/** (⌈N/L⌉ − 1) full windows: no client can finish N requests sooner without a 429. */
const PHYSICAL_MIN_MS = (Math.ceil(REQUESTS / LIMIT) - 1) * WINDOW_S * 1000;

const total = (map: Record<string, number>): number => Object.values(map).reduce((a, b) => a + b, 0);

/** 500 GETs queued at once through the client: time ÷ physical minimum, and 429s received. */
async function throughClient(sim: SimProcess, apiKey: string): Promise<{ ms: number; ok: number; firstWaveMs: number }> {
  const answered: number[] = [];
  // Records when each response's headers arrive, to separate server service time from scheduling.
  const timed: FetchLike = async (url, init) => {
    const response = await defaultFetch(url, init);
    answered.push(performance.now());
    return response;
  };
  const client = createSequentumClient({
    fetch: timed,
    baseUrl: sim.baseUrl,
    apiKey,
    // Settings say the production default; the client learns 100 / 3 s from the first answer.
    settings: DEFAULT_SETTINGS,
    log: silentLogger,
  });
  const start = performance.now();
  const results = await Promise.allSettled(Array.from({ length: REQUESTS }, () => client.listSpaces()));
  const ms = performance.now() - start;
  client.dispose();
  const firstWaveMs = (answered[LIMIT - 1] ?? start) - start;
  return { ms, ok: results.filter((r) => r.status === 'fulfilled').length, firstWaveMs };
}

/** The naive baseline: plain fetch of all 500 at once; on 429 wait Retry-After, then try again. */
async function naive(sim: SimProcess, apiKey: string): Promise<{ ms: number; ok: number }> {
  const url = `${sim.baseUrl}/api/v1/spaces`;
  const one = async (): Promise<boolean> => {
    for (;;) {
      const response = await fetch(url, { headers: { Authorization: `ApiKey ${apiKey}` } });
      await response.arrayBuffer();
      if (response.status !== 429) return response.ok;
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  };
  const start = performance.now();
  const results = await Promise.all(Array.from({ length: REQUESTS }, one));
  return { ms: performance.now() - start, ok: results.filter(Boolean).length };
}

export const budgetEfficiencySection: BenchSection = {
  name: `budget efficiency (${REQUESTS} GETs, ${LIMIT} per ${WINDOW_S} s)`,
  async run(): Promise<BenchRow[]> {
    const keys = ['sk-bench-client-000000000000', 'sk-bench-naive-0000000000000', 'sk-bench-warmup-00000000000'];
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: keys });
    try {
      // A real server is warm: let the fresh simulator process JIT its request path first, on a
      // key of its own (budgets are per key), within that key's limit.
      await Promise.all(
        Array.from({ length: LIMIT }, async () => {
          const response = await fetch(`${sim.baseUrl}/api/v1/spaces`, { headers: { Authorization: `ApiKey ${keys[2]}` } });
          await response.arrayBuffer();
        }),
      );
      const ours = await throughClient(sim, keys[0]);
      const our429 = (await sim.counters()).rateLimitedPerKey[keys[0]] ?? 0;
      const base = await naive(sim, keys[1]);
      const counters = await sim.counters();
      const base429 = counters.rateLimitedPerKey[keys[1]] ?? 0;
      const ratio = ours.ms / PHYSICAL_MIN_MS;
      return [
        { metric: 'client: time ÷ physical minimum', value: round(ratio), goal: '≤ 1.03', pass: ratio <= 1.03, note: `${round(ours.ms / 1000, 2)} s vs ${PHYSICAL_MIN_MS / 1000} s` },
        { metric: 'client: 429 responses', value: our429, goal: '0', pass: our429 === 0 },
        { metric: 'client: requests completed', value: `${ours.ok}/${REQUESTS}`, goal: `${REQUESTS}/${REQUESTS}`, pass: ours.ok === REQUESTS },
        { metric: 'client: requests sent to server', value: counters.requestsPerKey[keys[0]] ?? 0, note: 'no retries needed' },
        {
          metric: 'client: time ÷ (minimum + first wave service time)',
          value: round(ours.ms / (PHYSICAL_MIN_MS + ours.firstWaveMs)),
          note: `the server needed ${Math.round(ours.firstWaveMs)} ms to answer the first ${LIMIT}; no client can beat that`,
        },
        { metric: 'naive baseline: time ÷ physical minimum', value: round(base.ms / PHYSICAL_MIN_MS), note: `${round(base.ms / 1000, 2)} s, plain fetch + retry after Retry-After` },
        { metric: 'naive baseline: 429 responses', value: base429 },
        { metric: 'naive baseline: requests sent to server', value: counters.requestsPerKey[keys[1]] ?? 0, note: `${base.ok}/${REQUESTS} completed` },
        { metric: 'simulator: 429 total', value: total(counters.rateLimitedPerKey) },
      ];
    } finally {
      await sim.close();
    }
  },
};
