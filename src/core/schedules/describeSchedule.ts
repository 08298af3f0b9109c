import type { PeriodUnit, Schedule } from '../api/scheduleModel';
import { parseServerTime } from '../api/serverTime';
import { l10n } from '../text/l10n';
import { CronSyntaxError, isKnownTimeZone, nextCronFires, parseCron, type CronExpression } from './cron';

/** Locale for day and month names and dates (undefined = the runtime's). */
export interface WordsContext {
  locale?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dayName(day: number, locale?: string): string {
  // 1 January 2023 was a Sunday (day 0).
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + day));
}

function monthName(month: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, month - 1, 1));
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/**
 * "at 02:00", "at 09:00 and 17:30" (clock times: they need a day, "every day at 02:00"), or a
 * repetition within the day: "every 15 minutes", "every hour at :05", "every minute".
 */
function timeWords(cron: CronExpression): { text: string; clock: boolean } {
  const { minute, hour } = cron;
  const repeat = (text: string) => ({ text, clock: false });
  if (minute.any && hour.any) return repeat(l10n.t('every minute'));
  if (minute.step !== undefined && minute.values[0] === 0 && hour.any) return repeat(l10n.t('every {0} minutes', minute.step));
  if (hour.any) return repeat(l10n.t('every hour at {0}', list(minute.values.map((m) => `:${pad(m)}`))));
  if (hour.step !== undefined && hour.values[0] === 0 && minute.values.length === 1) return repeat(l10n.t('every {0} hours at {1}', hour.step, `:${pad(minute.values[0])}`));
  const first = hour.values[0];
  const last = hour.values[hour.values.length - 1];
  const contiguous = hour.values.length === last - first + 1;
  if (minute.step !== undefined && minute.values[0] === 0 && contiguous) {
    return repeat(l10n.t('every {0} minutes from {1} to {2}', minute.step, `${pad(first)}:00`, `${pad(last)}:${pad(minute.values[minute.values.length - 1])}`));
  }
  if (minute.any) return repeat(l10n.t('every minute of {0}', list(hour.values.map((h) => `${pad(h)}:00–${pad(h)}:59`))));
  if (hour.values.length * minute.values.length <= 6) {
    return { text: l10n.t('at {0}', list(hour.values.flatMap((h) => minute.values.map((m) => `${pad(h)}:${pad(m)}`)))), clock: true };
  }
  return { text: l10n.t('at minutes {0} of hours {1}', minute.values.join(', '), hour.values.join(', ')), clock: true };
}

/** "every day", "every Monday and Thursday", "every weekday", "on day 1 of the month", "in January". */
function dayWords(cron: CronExpression, locale?: string): string {
  const { dayOfMonth: dom, dayOfWeek: dow, month } = cron;
  const parts: string[] = [];
  const weekdays = dow.values.join(',') === '1,2,3,4,5' ? l10n.t('every weekday') : l10n.t('every {0}', list(dow.values.map((d) => dayName(d, locale))));
  if (!dom.any && !dow.any) parts.push(l10n.t('on day {0} of the month or {1}', list(dom.values.map(String)), weekdays));
  else if (!dom.any) parts.push(l10n.t('on day {0} of the month', list(dom.values.map(String))));
  else if (!dow.any) parts.push(weekdays);
  else if (month.any) parts.push(l10n.t('every day'));
  if (!month.any) parts.push(l10n.t('in {0}', list(month.values.map((m) => monthName(m, locale)))));
  return parts.join(' ');
}

/** A CRON expression in plain words ("every day at 02:00"); throws CronSyntaxError for a bad one. */
export function describeCron(text: string, context: WordsContext = {}): string {
  const cron = parseCron(text);
  const time = timeWords(cron);
  const everyDay = cron.dayOfMonth.any && cron.dayOfWeek.any && cron.month.any;
  // "every 15 minutes" needs no "every day"; "at 02:00" does.
  if (everyDay && !time.clock) return time.text;
  return time.clock ? l10n.t('{0} {1}', dayWords(cron, context.locale), time.text) : l10n.t('{0}, {1}', dayWords(cron, context.locale), time.text);
}

function unitWords(count: number, unit: PeriodUnit | undefined): string {
  if (unit === undefined) return l10n.t('every {0} (unknown unit)', count);
  const one: Record<PeriodUnit, () => string> = { minutes: () => l10n.t('every minute'), hours: () => l10n.t('every hour'), days: () => l10n.t('every day'), weeks: () => l10n.t('every week'), months: () => l10n.t('every month') };
  const many: Record<PeriodUnit, () => string> = {
    minutes: () => l10n.t('every {0} minutes', count), hours: () => l10n.t('every {0} hours', count), days: () => l10n.t('every {0} days', count),
    weeks: () => l10n.t('every {0} weeks', count), months: () => l10n.t('every {0} months', count),
  };
  return count === 1 ? one[unit]() : many[unit]();
}

/** "30 Nov 2026, 14:00" in the zone (the user's own when the zone is unknown). */
export function formatInZone(ms: number, zone: string | undefined, locale?: string): string {
  const timeZone = zone && isKnownTimeZone(zone) ? zone : undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(ms);
}

/**
 * What a schedule means, in words: "every day at 02:00 Europe/Berlin", "every 30 minutes from
 * 30 Nov 2026, 14:00 UTC", "once on 1 Dec 2026, 10:00 America/New_York". A CRON text that cannot be
 * read says so; an unknown type falls back to the server's own words (localSchedule).
 */
export function describeSchedule(schedule: Schedule, context: WordsContext = {}): string {
  const zone = schedule.timezone ?? 'UTC';
  const start = parseServerTime(schedule.startTime);
  switch (schedule.kind) {
    case 'cron': {
      if (!schedule.cronExpression) return l10n.t('CRON schedule without an expression');
      try {
        return l10n.t('{0} {1}', describeCron(schedule.cronExpression, context), zone);
      } catch (error) {
        if (error instanceof CronSyntaxError) return l10n.t('unreadable CRON "{0}"', schedule.cronExpression);
        throw error;
      }
    }
    case 'every': {
      const every = schedule.runEvery ? unitWords(schedule.runEvery.count, schedule.runEvery.unit) : l10n.t('repeating');
      return start === undefined ? every : l10n.t('{0} from {1} {2}', every, formatInZone(start, zone, context.locale), zone);
    }
    case 'once':
      return start === undefined ? l10n.t('once') : l10n.t('once on {0} {1}', formatInZone(start, zone, context.locale), zone);
    default:
      return schedule.localSchedule ?? l10n.t('schedule type {0}', schedule.typeText ?? '?');
  }
}

const UNIT_MS: Record<Exclude<PeriodUnit, 'months'>, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };

/**
 * When it fires next (epoch ms), or undefined: paused, finished, or not computable. The server's
 * `nextRunTime` wins while it is still ahead; otherwise it is computed from the definition.
 */
export function nextFire(schedule: Schedule, now: number): number | undefined {
  if (!schedule.isEnabled) return undefined;
  const server = parseServerTime(schedule.nextRunTime);
  if (server !== undefined && server > now) return server;
  const start = parseServerTime(schedule.startTime);
  switch (schedule.kind) {
    case 'once':
      return start !== undefined && start > now ? start : undefined;
    case 'every': {
      const every = schedule.runEvery;
      const anchor = start ?? server;
      if (!every?.unit || anchor === undefined || every.count < 1) return undefined;
      if (anchor > now) return anchor;
      if (every.unit === 'months') {
        let n = 1;
        while (addMonths(anchor, n * every.count) <= now) n++;
        return addMonths(anchor, n * every.count);
      }
      const step = every.count * UNIT_MS[every.unit];
      return anchor + (Math.floor((now - anchor) / step) + 1) * step;
    }
    case 'cron': {
      try {
        const zone = schedule.timezone && isKnownTimeZone(schedule.timezone) ? schedule.timezone : 'UTC';
        return schedule.cronExpression ? nextCronFires(parseCron(schedule.cronExpression), zone, now)[0] : undefined;
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** The same day and time `months` later, on the month's last day when it is shorter (31 January + 1 = 28 February). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/** "in 5 minutes", "in 3 hours", "tomorrow", "in 4 days" (Intl.RelativeTimeFormat, the user's locale). */
export function formatRelative(target: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.round((target - now) / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 36) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}
