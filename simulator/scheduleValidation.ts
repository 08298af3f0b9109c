import { isTimeZone, parseCron } from './cron';
import type { FieldError } from './errors';

/** RunEvery units in order; the wire number is index + periodBase (0 or 1: the docs disagree, §10). */
export const PERIOD_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export const SCHEDULE_TYPE_NAMES = ['None', 'RunOnce', 'RunEvery', 'CRON'];

/** What a valid create/update body says, with every variant normalised. */
export interface ScheduleFields {
  name: string;
  scheduleType: 1 | 2 | 3;
  cron?: string;
  timezone: string;
  startTime?: number;
  runEveryCount?: number;
  runEveryUnit?: PeriodUnit;
  isEnabled: boolean;
  /** Options echoed back as sent (inputParameters text, parallelism, logLevel…). */
  options: Record<string, unknown>;
}

export interface ScheduleValidation {
  /** 400 (shape/type) or 422 (well-formed but refused), with field errors. */
  status: 400 | 422;
  errors: FieldError[];
}

const OPTION_NAMES = ['inputParameters', 'parallelism', 'parallelMaxConcurrency', 'parallelExport', 'proxyPoolId', 'serverGroupId', 'logLevel', 'logMode', 'isExclusive', 'isWaitOnFailure', 'localSchedule'];

function scheduleTypeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const index = SCHEDULE_TYPE_NAMES.findIndex((name) => name.toLowerCase() === value.trim().toLowerCase());
  return index >= 0 ? index : undefined;
}

function periodOf(value: unknown, base: 0 | 1): PeriodUnit | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return PERIOD_UNITS[value - base] ?? null;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return PERIOD_UNITS[Number(text) - base] ?? null;
  // Names: "Minutes", "Minute", "HOURS"…
  return PERIOD_UNITS.find((unit) => unit === text || unit === `${text}s`) ?? null;
}

/**
 * Validates a create (S2) body, or an update (S4) body merged over the current schedule. Property
 * names are case-insensitive; the CRON text may come as `cronExpression` (request name) or
 * `schedule` (response name); `runEveryPeriod` is read with the simulator's period base, and names
 * are accepted too.
 */
export function validateSchedule(body: Record<string, unknown>, now: number, base: 0 | 1, current?: ScheduleFields): { ok: ScheduleFields } | ScheduleValidation {
  const lower = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
  const get = (name: string): unknown => lower.get(name.toLowerCase());
  const has = (name: string): boolean => lower.has(name.toLowerCase()) && get(name) !== null;
  const shape: FieldError[] = [];
  const refused: FieldError[] = [];
  const fail = (list: FieldError[], field: string, detail: string): void => void list.push({ field: field.charAt(0).toUpperCase() + field.slice(1), pointer: `/${field}`, detail });

  const name = has('name') ? get('name') : current?.name;
  if (typeof name !== 'string' || !name.trim()) fail(shape, 'name', 'The Name field is required.');
  else if (name.length > 200) fail(refused, 'name', 'Name must be at most 200 characters.');

  const rawType = has('scheduleType') ? get('scheduleType') : current?.scheduleType;
  const type = scheduleTypeOf(rawType);
  if (rawType === undefined) fail(shape, 'scheduleType', 'The ScheduleType field is required.');
  else if (type === undefined) fail(shape, 'scheduleType', 'The JSON value could not be converted to ScheduleType.');
  else if (type < 1 || type > 3) fail(refused, 'scheduleType', 'ScheduleType must be RunOnce (1), RunEvery (2) or CRON (3).');

  const timezone = has('timezone') ? get('timezone') : (current?.timezone ?? 'UTC');
  if (typeof timezone !== 'string') fail(shape, 'timezone', 'Timezone must be a string.');
  else if (!isTimeZone(timezone)) fail(refused, 'timezone', `'${timezone.slice(0, 60)}' is not a known IANA time zone.`);

  const rawStart = has('startTime') ? get('startTime') : undefined;
  let startTime = has('startTime') ? undefined : current?.startTime;
  if (rawStart !== undefined) {
    startTime = typeof rawStart === 'string' ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(rawStart) ? rawStart : `${rawStart}Z`) : NaN;
    if (!Number.isFinite(startTime)) {
      fail(shape, 'startTime', 'StartTime must be an ISO 8601 date and time (UTC).');
      startTime = undefined;
    }
  }

  const isEnabled = has('isEnabled') ? get('isEnabled') : (current?.isEnabled ?? true);
  if (typeof isEnabled !== 'boolean') fail(shape, 'isEnabled', 'The JSON value could not be converted to System.Boolean.');

  const result: ScheduleFields = {
    name: typeof name === 'string' ? name : '', scheduleType: (type ?? 1) as 1 | 2 | 3, timezone: typeof timezone === 'string' ? timezone : 'UTC',
    isEnabled: isEnabled === true, options: { ...(current?.options ?? {}) },
  };
  if (startTime !== undefined) result.startTime = startTime;
  for (const option of OPTION_NAMES) if (lower.has(option.toLowerCase())) result.options[option] = get(option);

  if (type === 3) {
    const cron = has('cronExpression') ? get('cronExpression') : has('schedule') ? get('schedule') : current?.cron;
    if (typeof cron !== 'string' || !cron.trim()) fail(shape, 'cronExpression', 'CronExpression is required for a CRON schedule.');
    else {
      const parsed = parseCron(cron);
      if (typeof parsed === 'string') fail(refused, 'cronExpression', parsed);
      else result.cron = cron.trim();
    }
    delete result.startTime; // ignored for CRON (§10)
  } else if (type === 1) {
    if (startTime === undefined && !shape.some((e) => e.pointer === '/startTime')) fail(shape, 'startTime', 'StartTime is required for a RunOnce schedule.');
    else if (startTime !== undefined && startTime < now + 60_000) fail(refused, 'startTime', 'StartTime must be at least 1 minute in the future (UTC).');
  } else if (type === 2) {
    const count = has('runEveryCount') ? get('runEveryCount') : current?.runEveryCount;
    if (typeof count !== 'number' || !Number.isInteger(count)) fail(shape, 'runEveryCount', 'RunEveryCount is required for a RunEvery schedule (a whole number).');
    else if (count < 1 || count > 1000) fail(refused, 'runEveryCount', 'RunEveryCount must be between 1 and 1000.');
    else result.runEveryCount = count;
    const unit = has('runEveryPeriod') ? periodOf(get('runEveryPeriod'), base) : current?.runEveryUnit;
    if (unit === undefined) fail(shape, 'runEveryPeriod', 'RunEveryPeriod is required for a RunEvery schedule.');
    else if (unit === null) fail(shape, 'runEveryPeriod', `RunEveryPeriod must be ${base}–${base + 4} (minutes … months) or a unit name.`);
    else result.runEveryUnit = unit;
    if (rawStart !== undefined && startTime !== undefined && startTime <= now) fail(refused, 'startTime', 'StartTime must be in the future.');
  }
  if (shape.length > 0) return { status: 400, errors: shape };
  if (refused.length > 0) return { status: 422, errors: refused };
  return { ok: result };
}
