import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { bombArbitrary, CPU_CASES, CPU_TARGETS, plainProse, type CpuTarget } from '../../test/support/cpuBombs';
import type { BenchRow, BenchSection } from '../types';

/**
 * A hostile input may cost at most this many times the same volume of plain text through the same
 * parser, timed in the same run (so a busy machine slows both). Linear parsing keeps the factor to
 * the per-character cost of the characters a sink rewrites: a file name made only of characters
 * that are each replaced costs up to about 75× plain prose, where nothing is replaced (measured at
 * load average 17). A parser that goes quadratic costs far more: the old code's bombs were 340× to
 * 7,000× their plain text already at 16 KB, and four times that at the 64 KB a server can send.
 */
const GOAL_RATIO = 100;
/** Runs per timed case. */
const RUNS = 7;
/** Inputs the fuzzer tries per target against the current code. */
const FUZZ_INPUTS = 120;
/** The old code is run on inputs this long (its bombs take seconds at 64 KB). */
const LEGACY_CHARS = 16 * 1024;
const SEED = 20261130;

/** `global.gc` under `--expose-gc` (npm run bench): a collection left over from the previous run is not this input's cost. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function timeOnce(run: () => unknown): number {
  collect();
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Median and slowest of `runs` runs (after one warm-up), each after a forced GC. The median is the
 * input's cost; the slowest also holds the time this process waited for a core (the bench shares
 * two cores with other work), so the goal is checked on the median and the slowest is shown.
 */
function timed(run: () => unknown, runs = RUNS): { median: number; max: number } {
  run();
  const times = Array.from({ length: runs }, () => timeOnce(run)).sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], max: times[runs - 1] };
}

/** The fastest of three: a single slow run may be a GC pause or a busy machine, not the input. */
function fastestOfThree(run: () => unknown): number {
  return Math.min(timeOnce(run), timeOnce(run), timeOnce(run));
}

// Control and bidi characters shown as escapes: the table must read as it is.
// eslint-disable-next-line no-control-regex
const shape = (unit: string): string => `${JSON.stringify(unit).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\|/g, '¦')} repeated`;
const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1);
const times = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)}×`;

/** The target's own shape of plain text (prose by default), `length` characters. */
const plainFor = (target: CpuTarget, length: number): string => (target.plain ?? plainProse)(length);

/**
 * Looks for an input the OLD code needs more than GOAL_RATIO times its time on plain text of the
 * same length for (fast-check, seeded, no shrinking: a timing property shrinks badly; a slow run is
 * timed twice more and its fastest counts, so one busy moment is not a find). Returns the unit it
 * repeated, or undefined when none was found.
 */
function fuzzLegacy(target: CpuTarget): { unit: string; legacyMs: number; legacyPlainMs: number; tried: number } | undefined {
  const legacy = target.legacy;
  if (!legacy) return undefined;
  const plain = plainFor(target, LEGACY_CHARS);
  const legacyPlainMs = timed(() => legacy(plain)).median;
  const limit = GOAL_RATIO * legacyPlainMs;
  let worst: { unit: string; legacyMs: number } | undefined;
  let tried = 0;
  const result = fc.check(
    fc.property(bombArbitrary(LEGACY_CHARS), ({ unit, input }) => {
      tried++;
      let took = timeOnce(() => legacy(input));
      if (took >= limit) took = fastestOfThree(() => legacy(input));
      if (!worst || took > worst.legacyMs) worst = { unit, legacyMs: took };
      return took < limit;
    }),
    { numRuns: 200, seed: SEED, endOnFailure: true },
  );
  if (!result.failed || !worst) return undefined;
  return { ...worst, legacyPlainMs, tried };
}

/**
 * Per target: its time on plain text of the largest size (the baseline), then each known bomb, the
 * fuzzer's finds against the old code and a fuzz of the current code — each as a factor of that
 * baseline, timed in the same run.
 */
export const hostileCpuSection: BenchSection = {
  name: 'hostile CPU (linear parsing)',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const target of CPU_TARGETS) {
      const plain = plainFor(target, target.maxChars);
      const base = timed(() => target.run(plain));
      const ratio = (median: number): number => median / base.median;
      rows.push({ metric: `${target.name}: plain text of ${target.maxChars / 1024} KB (baseline)`, value: ms(base.median), unit: 'ms median of 7', note: `max ${ms(base.max)} ms` });
      for (const c of CPU_CASES.filter((candidate) => candidate.target === target.name)) {
        const { median, max } = timed(() => target.run(c.input));
        const legacy = target.legacy;
        const before = legacy ? `; old code at ${LEGACY_CHARS / 1024} KB: ${ms(timeOnce(() => legacy(c.input.slice(0, LEGACY_CHARS))))} ms` : '';
        rows.push({
          metric: `${target.name}: ${c.name}`,
          value: times(ratio(median)),
          unit: 'plain text',
          goal: `≤ ${GOAL_RATIO}×`,
          pass: ratio(median) <= GOAL_RATIO,
          note: `median of 7 ${ms(median)} ms, max ${ms(max)} ms${before}`,
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
      const found = fuzzLegacy(target);
      if (found) {
        const input = found.unit.repeat(Math.ceil(target.maxChars / found.unit.length)).slice(0, target.maxChars);
        const now = timed(() => target.run(input));
        rows.push({
          metric: `${target.name}: bomb the fuzzer found in the old code (${shape(found.unit)}, input ${found.tried})`,
          value: times(ratio(now.median)),
          unit: `plain text at ${target.maxChars / 1024} KB`,
          goal: `≤ ${GOAL_RATIO}×`,
          pass: ratio(now.median) <= GOAL_RATIO,
          note: `median of 7 ${ms(now.median)} ms, max ${ms(now.max)} ms; old code at ${LEGACY_CHARS / 1024} KB: ${ms(found.legacyMs)} ms = ${times(found.legacyMs / found.legacyPlainMs)} its plain text`,
        });
      }
      let worst = { unit: '', took: 0 };
      for (const { unit, input } of fc.sample(bombArbitrary(target.maxChars), { numRuns: FUZZ_INPUTS, seed: SEED })) {
        let took = timeOnce(() => target.run(input));
        if (took >= (GOAL_RATIO / 2) * base.median) took = fastestOfThree(() => target.run(input));
        if (took > worst.took) worst = { unit, took };
      }
      rows.push({
        metric: `${target.name}: fuzz, ${FUZZ_INPUTS} repeated-token inputs of ${target.maxChars / 1024} KB`,
        value: times(ratio(worst.took)),
        unit: 'plain text, worst',
        goal: `≤ ${GOAL_RATIO}×`,
        pass: ratio(worst.took) <= GOAL_RATIO,
        note: `${ms(worst.took)} ms: ${shape(worst.unit)}`,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rows;
  },
};
