/** Schedules (sequentum-api.md §10) as the extension sees them, whatever variant the wire used. */

export type ScheduleKind = 'once' | 'every' | 'cron';

/** RunEvery units, in wire order (the number is index + base; the base is disputed, see scheduleWire.ts). */
export const PERIOD_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface RunEvery {
  count: number;
  /** undefined when the wire value could not be read as a unit. */
  unit?: PeriodUnit;
}

export interface Schedule {
  id: number;
  agentId: number;
  name: string;
  /** undefined for `None` (0) or an unknown type; `typeText` keeps what the wire said. */
  kind?: ScheduleKind;
  typeText?: string;
  isEnabled: boolean;
  /** The CRON text (request name `cronExpression`, response name `schedule`). */
  cronExpression?: string;
  /** The server's own human-readable text, when it sends one. */
  localSchedule?: string;
  /** IANA zone. */
  timezone?: string;
  /** ISO UTC. */
  nextRunTime?: string;
  startTime?: string;
  runEvery?: RunEvery;
  /** JSON text, as the wire carries it. */
  inputParameters?: string;
  /** The run options the schedule starts its runs with (enum values kept as sent). */
  options?: ScheduleRunOptions;
  created?: string;
  updated?: string;
}

/** A schedule to create (S2) or the fields to change (S4). */
export interface ScheduleInput {
  name: string;
  kind: ScheduleKind;
  cronExpression?: string;
  timezone?: string;
  /** ISO UTC. */
  startTime?: string;
  runEvery?: { count: number; unit: PeriodUnit };
  isEnabled?: boolean;
  inputParameters?: Record<string, unknown>;
  options?: ScheduleRunOptions;
}

/** The start options a schedule carries (§10, the same set as R1's body) plus its server group. */
export interface ScheduleRunOptions {
  parallelism?: number;
  parallelMaxConcurrency?: number;
  /** `Combined` | `Separated`. */
  parallelExport?: string;
  proxyPoolId?: number;
  serverGroupId?: number;
  /** `Fatal` | `Error` | `Warning` | `Info`. */
  logLevel?: string;
  /** `Text` | `TextAndHtml`. */
  logMode?: string;
  isExclusive?: boolean;
  isWaitOnFailure?: boolean;
}

/** Option names by JSON type, in the order documents list them. */
export const SCHEDULE_OPTION_NAMES = {
  numbers: ['parallelism', 'parallelMaxConcurrency', 'proxyPoolId', 'serverGroupId'],
  strings: ['parallelExport', 'logLevel', 'logMode'],
  booleans: ['isExclusive', 'isWaitOnFailure'],
} as const;

/** One S8 row: a schedule's next fire. */
export interface UpcomingFire {
  scheduleId: number;
  agentId: number;
  agentName?: string;
  scheduleName?: string;
  nextRunTime?: string;
  timezone?: string;
  isEnabled: boolean;
}
