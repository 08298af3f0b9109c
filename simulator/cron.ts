/**
 * The simulator's own 5-field CRON reader (minute hour day-of-month month day-of-week), in a time
 * zone. Deliberately not shared with src/core/schedules: the simulator stands in for the server,
 * so a client-side mistake must not agree with itself.
 */
export interface CronSpec {
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  /** Standard cron: when both day fields are restricted, either one matching is enough. */
  dayOr: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> | string {
  const values = new Set<number>();
  const value = (token: string): number => {
    const index = names.indexOf(token.toUpperCase());
    return index >= 0 ? index + nameBase : /^\d+$/.test(token) ? Number(token) : NaN;
  };
  for (const part of text.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return `'${part}' is not a cron field`;
    const from = m[1] === '*' ? min : value(m[1]);
    const to = m[1] === '*' ? max : m[2] !== undefined ? value(m[2]) : m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < min || to > max || from > to || step < 1) return `'${part}' is out of range ${min}-${max}`;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** The parsed expression, or a sentence saying what is wrong. */
export function parseCron(expression: string): CronSpec | string {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `A CRON expression has 5 fields (minute hour day month weekday); got ${parts.length}.`;
  const [mi, h, dom, mo, dow] = parts as [string, string, string, string, string];
  const minute = field(mi, 0, 59);
  const hour = field(h, 0, 23);
  const dayOfMonth = field(dom, 1, 31);
  const month = field(mo, 1, 12, MONTHS, 1);
  const dayOfWeek = field(dow, 0, 7, DAYS);
  for (const f of [minute, hour, dayOfMonth, month, dayOfWeek]) if (typeof f === 'string') return f;
  const weekdays = dayOfWeek as Set<number>;
  if (weekdays.delete(7)) weekdays.add(0);
  return { minute: minute as Set<number>, hour: hour as Set<number>, dayOfMonth: dayOfMonth as Set<number>, month: month as Set<number>, dayOfWeek: weekdays, dayOr: dom !== '*' && dow !== '*' };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the zone is an IANA zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    wallFormat(zone);
    return true;
  } catch {
    return false;
  }
}

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(zone, format);
  }
  return format;
}

function wall(ms: number, zone: string): { month: number; day: number; hour: number; minute: number; weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of wallFormat(zone).formatToParts(ms)) parts[p.type] = p.value;
  return { month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), weekday: DAYS.indexOf((parts.weekday ?? '').toUpperCase()) };
}

/** DST shifts in use: 30 minutes (Lord Howe), one hour, two hours (Troll). */
const SHIFTS_MS = [30 * 60_000, 60 * 60_000, 120 * 60_000];

/**
 * True when the same wall time already happened a DST shift earlier: when clocks go back, 02:30
 * comes twice and a job at a set hour fires at the first only (every-hour jobs fire in both, as in
 * Vixie cron); a 02:30 that clocks skip going forward does not fire.
 */
function repeatedWall(ms: number, zone: string, w: ReturnType<typeof wall>): boolean {
  return SHIFTS_MS.some((shift) => {
    const before = wall(ms - shift, zone);
    return before.month === w.month && before.day === w.day && before.hour === w.hour && before.minute === w.minute;
  });
}

/** First whole minute strictly after `afterMs` that matches, within 5 years; undefined if none (e.g. 30 February). */
export function nextCronFire(spec: CronSpec, zone: string, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (t <= limit) {
    const w = wall(t, zone);
    const domOk = spec.dayOfMonth.has(w.day);
    const dowOk = spec.dayOfWeek.has(w.weekday);
    const dayOk = spec.month.has(w.month) && (spec.dayOr ? domOk || dowOk : domOk && dowOk);
    // Skip to the next hour (not the next midnight: a DST change would make that skip a matching hour).
    if (!dayOk || !spec.hour.has(w.hour)) t += (60 - w.minute) * 60_000;
    else if (!spec.minute.has(w.minute)) t += 60_000;
    else if (spec.hour.size < 24 && repeatedWall(t, zone, w)) t += 60_000;
    else return t;
  }
  return undefined;
}
