import { nextCronFire, parseCron } from './cron';
import type { PeriodUnit, ScheduleFields } from './scheduleValidation';

/** A schedule as the simulator keeps it; wire.ts turns it into the S1/S3 object. */
export interface SimSchedule extends ScheduleFields {
  id: number;
  agentId: number;
  created: number;
  updated: number;
  /** Clock ms of the next fire; null when it will not fire again (a RunOnce that fired, an impossible CRON). */
  nextRunAt: number | null;
  /** Runs this schedule started, oldest first. */
  firedRunIds: number[];
}

/** Fires missed while the clock jumped are caught up to this many per schedule; the rest are skipped, as a real scheduler would. */
const MAX_CATCH_UP = 50;

const UNIT_MS: Record<Exclude<PeriodUnit, 'months'>, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 };

/**
 * `times` periods after `ms`. Months keep the day, or take the month's last day when it is shorter
 * (31 January + 1 month = 28 February), as .NET's DateTime.AddMonths does on the real server;
 * Date#setUTCMonth would roll over into March instead.
 */
function addPeriod(ms: number, count: number, unit: PeriodUnit, times: number): number {
  if (unit !== 'months') return ms + count * times * UNIT_MS[unit];
  const d = new Date(ms);
  const months = d.getUTCMonth() + count * times;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), months + 1, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), months, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** The first fire strictly after `after` (clock ms), or null. */
export function nextFireOf(s: ScheduleFields & { created: number }, after: number): number | null {
  switch (s.scheduleType) {
    case 1:
      return s.startTime !== undefined && s.startTime > after ? s.startTime : null;
    case 2: {
      const anchor = s.startTime ?? s.created;
      if (anchor > after) return anchor;
      const count = s.runEveryCount ?? 1;
      const unit = s.runEveryUnit ?? 'minutes';
      if (unit !== 'months') {
        const step = count * UNIT_MS[unit];
        return anchor + (Math.floor((after - anchor) / step) + 1) * step;
      }
      let n = Math.max(1, Math.floor((after - anchor) / (count * 28 * 86_400_000)) - 1);
      while (addPeriod(anchor, count, unit, n) <= after) n++;
      return addPeriod(anchor, count, unit, n);
    }
    case 3: {
      const spec = s.cron !== undefined ? parseCron(s.cron) : 'none';
      return typeof spec === 'string' ? null : (nextCronFire(spec, s.timezone, after) ?? null);
    }
  }
}

/**
 * The schedules of all agents. They fire lazily, like runs progress: whenever the simulator is asked
 * anything, {@link settle} creates the runs of every fire that is due by the clock (with the fire
 * time as their creation time), so advancing the clock by an hour fires an every-30-minutes
 * schedule twice.
 */
export class ScheduleBook {
  readonly byId = new Map<number, SimSchedule>();
  private nextId = 7001;

  constructor(
    private readonly now: () => number,
    /** Creates the run of one fire at clock ms `at`; returns its id (undefined when the agent is gone). */
    private readonly fire: (schedule: SimSchedule, at: number) => number | undefined,
  ) {}

  clear(): void {
    this.byId.clear();
    this.nextId = 7001;
  }

  add(agentId: number, fields: ScheduleFields): SimSchedule {
    const now = this.now();
    const schedule: SimSchedule = { ...fields, id: this.nextId++, agentId, created: now, updated: now, nextRunAt: null, firedRunIds: [] };
    schedule.nextRunAt = nextFireOf(schedule, now);
    this.byId.set(schedule.id, schedule);
    return schedule;
  }

  update(schedule: SimSchedule, fields: ScheduleFields): SimSchedule {
    Object.assign(schedule, fields);
    delete (schedule as Partial<SimSchedule>).cron;
    if (fields.cron !== undefined) schedule.cron = fields.cron;
    schedule.updated = this.now();
    schedule.nextRunAt = nextFireOf(schedule, schedule.updated);
    return schedule;
  }

  setEnabled(schedule: SimSchedule, enabled: boolean): void {
    if (schedule.isEnabled === enabled) return;
    schedule.isEnabled = enabled;
    schedule.updated = this.now();
    // Paused schedules keep their config; re-enabled ones continue from now, without catching up.
    schedule.nextRunAt = nextFireOf(schedule, schedule.updated);
  }

  ofAgent(agentId: number): SimSchedule[] {
    return [...this.byId.values()].filter((s) => s.agentId === agentId);
  }

  /** Fires every enabled schedule that is due by the clock. */
  settle(): void {
    const now = this.now();
    for (const s of this.byId.values()) {
      let fired = 0;
      while (s.isEnabled && s.nextRunAt !== null && s.nextRunAt <= now) {
        if (fired++ < MAX_CATCH_UP) {
          const runId = this.fire(s, s.nextRunAt);
          if (runId !== undefined) s.firedRunIds.push(runId);
          s.nextRunAt = nextFireOf(s, s.nextRunAt);
        } else {
          s.nextRunAt = nextFireOf(s, now);
        }
      }
    }
  }
}
