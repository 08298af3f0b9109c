import { createSequentumClient } from '../../src/core/api/client';
import { AmbiguousRequestError } from '../../src/core/api/errors';
import { silentLogger } from '../../src/core/log';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { ForeignLoadSnapshot } from '../../simulator/foreignConsumer';
import { startSimulatorProcess } from '../simProcess';
import { round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

/** The real window: the server holds requests up to 60 s, longer than the 30 s timeout. */
const LIMIT = 100;
const WINDOW_S = 60;
const REQUESTS = 500;
const STARTS = 10;
/** Someone else on the key (a CI job): 30 of the 100 per window. */
const FOREIGN_PER_WINDOW = 30;

/**
 * 500 GETs and 10 run starts at once through the client, at the real 100 per 60 s, while a
 * foreign consumer uses 30 per window of the same key: the server's window is full before our
 * count says so, and it holds our requests in its queue for up to a window. Counts what that costs:
 * requests sent twice (a held GET that timed out and was retried), 429s, ambiguous starts.
 * Long (about 8 minutes): run it alone with `npm run bench -- held`.
 */
export const heldRequestsSection: BenchSection = {
  name: `held requests (${REQUESTS} GETs + ${STARTS} starts, ${LIMIT} per ${WINDOW_S} s, foreign ${FOREIGN_PER_WINDOW}/window)`,
  async run(): Promise<BenchRow[]> {
    const key = 'sk-bench-held-00000000000000';
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: [key] });
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: key, settings: DEFAULT_SETTINGS, log: silentLogger });
    try {
      const agents = (await client.listAgents()).items.map((agent) => agent.id);
      await sim.control('setForeignLoad', key, FOREIGN_PER_WINDOW);
      const start = performance.now();
      const gets = Array.from({ length: REQUESTS }, () => client.listSpaces());
      const starts = Array.from({ length: STARTS }, (_, i) => client.startRun(agents[i % agents.length] ?? 1, {}));
      const [getResults, startResults] = await Promise.all([Promise.allSettled(gets), Promise.allSettled(starts)]);
      const seconds = (performance.now() - start) / 1000;
      const foreign = await sim.control<ForeignLoadSnapshot | undefined>('setForeignLoad', key, 0);
      const counters = await sim.counters();
      const sent = counters.requestsPerRoute['GET /api/v1/spaces'] ?? 0;
      const startPosts = Object.values(counters.startPostsPerAgent).reduce((a, b) => a + b, 0);
      const ambiguous = startResults.filter((r) => r.status === 'rejected' && r.reason instanceof AmbiguousRequestError).length;
      const ok = getResults.filter((r) => r.status === 'fulfilled').length;
      const our429 = counters.rateLimitedPerKey[key] ?? 0;
      return [
        { metric: 'GETs completed', value: `${ok}/${REQUESTS}`, goal: `${REQUESTS}/${REQUESTS}`, pass: ok === REQUESTS },
        { metric: 'GETs sent more than once (extra requests)', value: sent - REQUESTS, goal: '0', pass: sent === REQUESTS },
        { metric: '429 responses to the client', value: our429, note: 'each pauses the key for its Retry-After' },
        { metric: 'ambiguous starts', value: `${ambiguous}/${STARTS}`, goal: '0', pass: ambiguous === 0, note: `${startPosts} POSTs sent` },
        { metric: 'foreign consumer: 429s', value: foreign?.rateLimited ?? 0, note: `${foreign?.held ?? 0} of its ${foreign?.sent ?? 0} held, longest ${round((foreign?.maxHeldMs ?? 0) / 1000, 1)} s` },
        { metric: 'time', value: round(seconds, 1), unit: 's', note: `${REQUESTS + STARTS} requests at ${LIMIT - FOREIGN_PER_WINDOW} free per window ≥ ${Math.ceil((REQUESTS + STARTS) / (LIMIT - FOREIGN_PER_WINDOW)) - 1} windows` },
      ];
    } finally {
      client.dispose();
      await sim.close();
    }
  },
};
