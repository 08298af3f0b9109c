import type { SimStore } from './state';
import type { SimRun } from './types';

/**
 * Deterministic costs (credits) of finished runs, for billing B1–B6 (§11). Every run is billed once,
 * at its end time, from its own counters, so the same history always costs the same:
 *
 * | internal type (answers) | filter label (requests) | credits |
 * | --- | --- | --- |
 * | RunUsage | Server Time | 0.5 per server minute (runTimeSec / 60 × 0.5) |
 * | ExportDataCpm | Export CPM | 0.2 per 1,000 exported records |
 * | ExportDataBandwidth | Export GB | 2 per GB of traffic |
 * | InputCount | Agent Inputs | 0.01 per input (one per run) |
 * | ProxyUsage | Proxy Data | 0.001 per page load |
 *
 * The docs spell the usage types differently in the `usageTypes` filter and in the B5 answer
 * (sequentum-api.md §11, [CONFLICT]); this table is the simulator's mapping between the two.
 */
export const USAGE_TYPES = [
  { internal: 'RunUsage', label: 'Server Time' },
  { internal: 'ExportDataCpm', label: 'Export CPM' },
  { internal: 'ExportDataBandwidth', label: 'Export GB' },
  { internal: 'InputCount', label: 'Agent Inputs' },
  { internal: 'ProxyUsage', label: 'Proxy Data' },
] as const;

export type UsageType = (typeof USAGE_TYPES)[number]['internal'];

/** What a run reports as `exportCount` (seeded histories carry their own; live runs export all when error-free). */
export function exportCountOf(run: SimRun): number {
  return run.exportCount ?? (run.errorCount === 0 ? run.dataCount : 0);
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Credits of one finished run per usage type. */
export function runUsage(run: SimRun): Record<UsageType, number> {
  return {
    RunUsage: round4((run.simSeconds / 60) * 0.5),
    ExportDataCpm: round4((exportCountOf(run) / 1000) * 0.2),
    ExportDataBandwidth: round4(((run.dataCount * 1843) / 1e9) * 2),
    InputCount: 0.01,
    ProxyUsage: round4(run.pageCount * 0.001),
  };
}

export interface BilledRun {
  run: SimRun;
  /** Clock ms the cost was booked (the run's end). */
  at: number;
  usage: Record<UsageType, number>;
  cost: number;
}

/** Usage types a request's `usageTypes` filter selects: labels ("Server Time") or internal names; empty = all. */
export function selectedTypes(filter: string | null): Set<UsageType> | 'invalid' {
  if (filter === null || filter.trim() === '') return new Set(USAGE_TYPES.map((t) => t.internal));
  const chosen = new Set<UsageType>();
  for (const part of filter.split(',')) {
    const key = part.trim().toLowerCase();
    const type = USAGE_TYPES.find((t) => t.label.toLowerCase() === key || t.internal.toLowerCase() === key);
    if (!type) return 'invalid';
    chosen.add(type.internal);
  }
  return chosen;
}

/** The organisation's credits: one grant, spent by every finished run; keys without billing access get 403. */
export class BillingBook {
  /** Credits granted (the Initial transaction). */
  grant = 5000;
  /** When the grant was made, ms before the clock's start. */
  readonly grantAgeMs = 90 * 86_400_000;
  /** Keys that get 403 insufficient_scope on billing routes (no billing:read). */
  readonly deniedKeys = new Set<string>();

  constructor(private readonly store: SimStore) {}

  reset(): void {
    this.grant = 5000;
    this.deniedKeys.clear();
  }

  /** Every finished run with its cost, oldest end first (settles lazily like every read). */
  billedRuns(agentIds?: ReadonlySet<number>): BilledRun[] {
    const out: BilledRun[] = [];
    for (const run of this.store.runs.values()) {
      if (agentIds && !agentIds.has(run.agentId)) continue;
      this.store.stateOf(run);
      if (!run.final) continue;
      const usage = runUsage(run);
      out.push({ run, at: run.final.endAt, usage, cost: round4(Object.values(usage).reduce((a, b) => a + b, 0)) });
    }
    return out.sort((a, b) => a.at - b.at || a.run.id - b.run.id);
  }

  /** Total of `types` over billed runs. */
  static costOf(billed: BilledRun, types: ReadonlySet<UsageType>): number {
    let sum = 0;
    for (const type of types) sum += billed.usage[type];
    return round4(sum);
  }

  available(): number {
    const spent = this.billedRuns().reduce((sum, b) => sum + b.cost, 0);
    return round4(Math.max(0, this.grant - spent));
  }
}

export { round4 };
