/**
 * A small reader for the 5-field CRON the API takes (§10: minute hour day-of-month month
 * day-of-week, e.g. `0 9 * * 1,4`): lists, ranges, steps, month and weekday names, 7 = Sunday, `?`
 * as `*`, and the usual rule that a restricted day-of-month OR a restricted weekday matches. It
 * answers two questions — what does it mean (describeSchedule.ts) and when does it fire next — so a
 * dependency (cron-parser, croner) would bring more than it saves; fires are computed on the wall
 * clock of the schedule's IANA zone with Intl, which handles DST.
 */
export interface CronField {
  values: number[];
  /** `*` (or `?`): every value. */
  any: boolean;
  /** `*\/n` or `a-b/n` with nothing else: the step, for words like "every 15 minutes". */
  step?: number;
}

export interface CronExpression {
  text: string;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
}

/** Why an expression cannot be read; `field` names the part (for diagnostics later). */
export class CronSyntaxError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

function readField(text: string, name: string, min: number, max: number, names: string[], nameOffset: number): CronField {
  const token = (value: string): number => {
    const byName = names.indexOf(value.toUpperCase());
    if (byName >= 0) return byName + nameOffset;
    if (!/^\d+$/.test(value)) throw new CronSyntaxError(`The ${name} field has '${value}', which is not a number${names.length ? ' or a name' : ''}.`, name);
    return Number(value);
  };
  if (text === '*' || text === '?') return { values: range(min, max, 1), any: true };
  const values = new Set<number>();
  let step: number | undefined;
  const parts = text.split(',');
  for (const part of parts) {
    const m = /^(\*|[^-/]+)(?:-([^/]+))?(?:\/(.+))?$/.exec(part);
    if (!m) throw new CronSyntaxError(`The ${name} field has '${part}', which is not a value, range or step.`, name);
    const from = m[1] === '*' ? min : token(m[1]);
    const to = m[1] === '*' ? max : m[2] !== undefined ? token(m[2]) : m[3] !== undefined ? max : from;
    const by = m[3] === undefined ? 1 : /^\d+$/.test(m[3]) ? Number(m[3]) : NaN;
    if (!(by >= 1)) throw new CronSyntaxError(`The ${name} field's step '${m[3] ?? ''}' must be a whole number of at least 1.`, name);
    if (from < min || to > max || from > to) throw new CronSyntaxError(`The ${name} field's '${part}' is outside ${min}–${max}.`, name);
    for (const v of range(from, to, by)) values.add(v);
    if (m[3] !== undefined && parts.length === 1) step = by;
  }
  return { values: [...values].sort((a, b) => a - b), any: false, ...(step !== undefined ? { step } : {}) };
}

function range(from: number, to: number, by: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += by) out.push(v);
  return out;
}

/** Reads an expression; throws CronSyntaxError saying what is wrong. */
export function parseCron(text: string): CronExpression {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5) throw new CronSyntaxError(`A CRON expression has 5 fields (minute hour day-of-month month day-of-week); this one has ${parts.length}.`);
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  const dayOfWeek = readField(dow, FIELD_NAMES[4], 0, 7, DAY_NAMES, 0);
  if (dayOfWeek.values.includes(7)) dayOfWeek.values = [...new Set(dayOfWeek.values.map((d) => d % 7))].sort((a, b) => a - b);
  return {
    text: parts.join(' '),
    minute: readField(minute, FIELD_NAMES[0], 0, 59, [], 0),
    hour: readField(hour, FIELD_NAMES[1], 0, 23, [], 0),
    dayOfMonth: readField(dom, FIELD_NAMES[2], 1, 31, [], 0),
    month: readField(month, FIELD_NAMES[3], 1, 12, MONTH_NAMES, 1),
    dayOfWeek,
  };
}

interface WallTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** True when this runtime knows the IANA zone. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    wallFormat(zone);
    return true;
  } catch {
    return false;
  }
}

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    wallFormats.set(zone, format);
  }
  return format;
}

function wallTime(ms: number, zone: string): WallTime {
  const parts = new Map(wallFormat(zone).formatToParts(ms).map((part) => [part.type, part.value]));
  return {
    month: Number(parts.get('month')),
    day: Number(parts.get('day')),
    hour: Number(parts.get('hour')) % 24,
    minute: Number(parts.get('minute')),
    weekday: DAY_NAMES.indexOf((parts.get('weekday') ?? '').toUpperCase()),
  };
}

/** DST shifts in use: 30 minutes (Lord Howe), one hour, two hours (Antarctica/Troll). */
const DST_SHIFTS_MS = [30 * 60_000, 60 * 60_000, 120 * 60_000];

/** True when the wall time `w` of `ms` already happened one DST shift earlier (clocks went back). */
function isRepeatedWall(ms: number, zone: string, w: WallTime): boolean {
  return DST_SHIFTS_MS.some((shift) => {
    const earlier = wallTime(ms - shift, zone);
    return earlier.month === w.month && earlier.day === w.day && earlier.hour === w.hour && earlier.minute === w.minute;
  });
}

/** Five years covers every real schedule; an expression that can never fire (30 February) ends the search there. */
const SEARCH_YEARS = 5;

/**
 * The next `count` fires strictly after `afterMs`, in the zone (an unknown zone throws RangeError).
 * Fewer when the expression cannot fire within five years (30 February).
 */
export function nextCronFires(cron: CronExpression, zone: string, afterMs: number, count = 1): number[] {
  const minutes = new Set(cron.minute.values);
  const hours = new Set(cron.hour.values);
  const days = new Set(cron.dayOfMonth.values);
  const months = new Set(cron.month.values);
  const weekdays = new Set(cron.dayOfWeek.values);
  const eitherDay = !cron.dayOfMonth.any && !cron.dayOfWeek.any;
  // 30 February: answered at once instead of after searching five years hour by hour.
  const firstDay = cron.dayOfMonth.values[0] ?? 1;
  if (cron.dayOfWeek.any && cron.month.values.every((m) => firstDay > (MONTH_DAYS[m - 1] ?? 31))) return [];
  const fires: number[] = [];
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + SEARCH_YEARS * 366 * 86_400_000;
  while (t <= limit && fires.length < count) {
    const w = wallTime(t, zone);
    const dayMatches = months.has(w.month) && (eitherDay ? days.has(w.day) || weekdays.has(w.weekday) : days.has(w.day) && weekdays.has(w.weekday));
    // Hour by hour, not day by day: skipping to "the next midnight" would miss an hour across a DST change.
    if (!dayMatches || !hours.has(w.hour)) t += (60 - w.minute) * 60_000;
    else if (!minutes.has(w.minute)) t += 60_000;
    else {
      // When DST ends, 02:30 happens twice and a job at a set hour fires once (the second is no fire,
      // whether asked for in one call or after the first fire); an every-hour job fires in both, as
      // in Vixie cron. The simulator agrees (a unit test checks).
      if (cron.hour.any || !isRepeatedWall(t, zone, w)) fires.push(t);
      t += 60_000;
    }
  }
  return fires;
}
