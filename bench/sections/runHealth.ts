import type { Run } from '../../src/core/api/model';
import { judgeRun, type HealthSensitivity } from '../../src/core/health/runHealth';
import { generateRunHistory, type BreakageKind, type HistoryRun, type RunHistorySpec } from '../../simulator/runHistory';
import type { BenchRow, BenchSection } from '../types';

/**
 * Run health on simulated histories (simulator/runHistory.ts): how often a normal run is flagged,
 * and whether the first broken run of an injected breakage is. Every agent judges each run against
 * the runs before it, as the extension does with the runs lists it reads.
 */

/** Agent profiles: cadence, noise and error level vary so one lucky profile cannot carry the figure. */
const PROFILES: Array<Omit<RunHistorySpec, 'runs' | 'seed' | 'breakage'>> = [
  {}, // daily, ±8 %, 3 errors, weekends −30 %, +0.2 %/day
  { everyHours: 6, noise: 0.12, baseErrors: 1 },
  { everyHours: 24, noise: 0.05, baseErrors: 0.3, weekendFactor: 0.5 },
  { everyHours: 168, noise: 0.1, baseErrors: 8, growthPerDay: 0.004 },
  { everyHours: 12, noise: 0.15, baseErrors: 3, baseRecords: 300 },
  { everyHours: 24, noise: 0.08, baseErrors: 0, weekendFactor: 1, baseRecords: 40 },
];

const END = Date.parse('2026-11-30T06:00:00Z');
const HISTORY = 20; // the tree lists an agent's newest 20 runs

function asRun(h: HistoryRun, index: number, agentId: number): Run {
  return {
    id: agentId * 10_000 + index, agentId, status: h.status, created: new Date(h.createdAt).toISOString(),
    recordsExtracted: h.records, recordsExported: h.exported, errorCount: h.errors, runTimeSec: h.seconds, pageCount: h.pages,
  };
}

export interface HealthBenchFigures {
  normalRuns: number;
  falseAlarms: number;
  /** Per breakage kind: broken first runs judged and how many were flagged. */
  detection: Record<BreakageKind, { runs: number; detected: number }>;
}

/** `agents` simulated agents per profile, `runs` runs each (the first HISTORY only build history). */
export function evaluateRunHealth(agents: number, runs: number, sensitivity: HealthSensitivity = 'normal'): HealthBenchFigures {
  const figures: HealthBenchFigures = {
    normalRuns: 0, falseAlarms: 0,
    detection: { zeroRecords: { runs: 0, detected: 0 }, recordsDrop: { runs: 0, detected: 0 }, errorSpike: { runs: 0, detected: 0 }, slow: { runs: 0, detected: 0 } },
  };
  let agentId = 1;
  for (const profile of PROFILES) {
    for (let a = 0; a < agents; a++, agentId++) {
      const history = generateRunHistory({ ...profile, runs, seed: agentId }, END).map((h, i) => asRun(h, i, agentId));
      for (let i = HISTORY; i < history.length; i++) {
        const run = history[i];
        figures.normalRuns++;
        if (judgeRun(run, history.slice(i - HISTORY, i), { sensitivity }).state === 'unusual') figures.falseAlarms++;
      }
      for (const kind of Object.keys(figures.detection) as BreakageKind[]) {
        const fromRun = HISTORY + ((agentId * 7) % (runs - HISTORY));
        const broken = generateRunHistory({ ...profile, runs: fromRun + 1, seed: agentId, breakage: { kind, fromRun } }, END).map((h, i) => asRun(h, i, agentId));
        const first = broken[fromRun];
        figures.detection[kind].runs++;
        if (judgeRun(first, broken.slice(fromRun - HISTORY, fromRun), { sensitivity }).state === 'unusual') figures.detection[kind].detected++;
      }
    }
  }
  return figures;
}

export const runHealthSection: BenchSection = {
  name: 'run health',
  run() {
    const f = evaluateRunHealth(40, 170);
    const perThousand = (f.falseAlarms / f.normalRuns) * 1000;
    const rows: BenchRow[] = [{
      metric: 'false alarms per 1,000 normal runs', value: Math.round(perThousand * 100) / 100, goal: '≤ 5', pass: perThousand <= 5,
      note: `${f.falseAlarms} of ${f.normalRuns.toLocaleString('en-US')} runs, ${PROFILES.length} agent profiles, sensitivity normal`,
    }];
    const names: Record<BreakageKind, string> = { zeroRecords: '0 records', recordsDrop: '−80 % records', errorSpike: 'errors × 10', slow: 'duration × 5' };
    for (const [kind, d] of Object.entries(f.detection) as Array<[BreakageKind, { runs: number; detected: number }]>) {
      const share = (d.detected / d.runs) * 100;
      rows.push({ metric: `detected at the first broken run: ${names[kind]}`, value: Math.round(share * 10) / 10, unit: '%', goal: '100 %', pass: d.detected === d.runs, note: `${d.detected} of ${d.runs}` });
    }
    return Promise.resolve(rows);
  },
};
