import { startSimulator } from '../../simulator/index';
import { HOSTILE_CASES, judgeHostile, runHostileCase } from '../../test/support/hostileCases';
import type { BenchRow, BenchSection } from '../types';

/** Every hostile/broken answer through the real client: case → outcome, pass when typed and clear. */
export const hostileBodiesSection: BenchSection = {
  name: `hostile bodies (${HOSTILE_CASES.length} cases)`,
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulator({ rateLimit: { requests: 10_000, windowSeconds: 60 }, apiKeys: ['sk-bench-hostile-7e1d0c55aa'] });
    let unhandled = 0;
    const onUnhandled = (): void => void unhandled++;
    process.on('unhandledRejection', onUnhandled);
    const rows: BenchRow[] = [];
    try {
      for (const c of HOSTILE_CASES) {
        const outcome = await runHostileCase(sim, c);
        const verdict = judgeHostile(c, outcome, sim.apiKey);
        // Control characters would garble the table; the message itself is shown inert elsewhere.
        const shown = [...outcome.outcome].map((ch) => (ch < ' ' || ch === '\u007f' || ch === '|' ? ' ' : ch)).join('').slice(0, 110);
        rows.push({ metric: c.name, value: shown, goal: typeof c.expect === 'function' ? 'tolerated value' : c.expect.join('/'), pass: verdict.ok, ...(verdict.why ? { note: verdict.why } : {}) });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows.push({ metric: 'unhandled rejections', value: unhandled, goal: '0', pass: unhandled === 0 });
      return rows;
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await sim.close();
    }
  },
};
