import type { UpcomingFire } from '../api/scheduleModel';
import { l10n } from '../text/l10n';

const DAY_MS = 86_400_000;

/** How far ahead the Upcoming view looks (`sequentum.upcoming.days`): one day or one week. */
export type UpcomingHorizonDays = 1 | 7;

/** One fire with its instant (epoch ms). */
export interface UpcomingEntry {
  fire: UpcomingFire;
  at: number;
}

/** The fires of one calendar day in the user's zone, soonest first. */
export interface UpcomingDay {
  /** "2026-11-30" in the user's zone: stable across refreshes (tree ids). */
  key: string;
  /** "Today", "Tomorrow", or "Wednesday, 2 Dec". */
  label: string;
  entries: UpcomingEntry[];
}

/** The S8 range for a horizon starting now (ISO instants). */
export function upcomingRange(now: number, days: UpcomingHorizonDays): { startDate: string; endDate: string } {
  return { startDate: new Date(now).toISOString(), endDate: new Date(now + days * DAY_MS).toISOString() };
}

/** "2026-11-30" for an instant in a zone (en-CA formats dates as ISO). */
function dayKey(ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(ms);
}

/**
 * The calendar day after a day key ("2026-03-08" → "2026-03-09"). Days are counted on the calendar,
 * not in 24-hour steps: a daylight-saving day has 23 or 25 hours, so "now + 24 h" can land on the
 * same day (00:30 on a 25-hour day) or skip one (23:30 on a 23-hour day).
 */
export function nextDayKey(key: string): string {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * S8 rows grouped by calendar day in the user's zone, days and fires soonest first. Paused
 * schedules, rows without a readable next fire and fires outside [now, now + horizon] are left
 * out (the server's range is the server's business; the view shows what it promises).
 */
export function groupUpcoming(
  fires: readonly UpcomingFire[],
  context: { now: number; days: UpcomingHorizonDays; locale?: string; timeZone?: string },
): UpcomingDay[] {
  const { now, days, locale, timeZone } = context;
  const entries = fires
    .map((fire) => ({ fire, at: Date.parse(fire.nextRunTime ?? '') }))
    .filter((entry) => entry.fire.isEnabled && Number.isFinite(entry.at) && entry.at >= now - 60_000 && entry.at <= now + days * DAY_MS)
    .sort((a, b) => a.at - b.at || a.fire.scheduleId - b.fire.scheduleId);
  const today = dayKey(now, timeZone);
  const tomorrow = nextDayKey(today);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'short', timeZone });
  const result: UpcomingDay[] = [];
  for (const entry of entries) {
    const key = dayKey(entry.at, timeZone);
    let day = result[result.length - 1];
    if (day?.key !== key) {
      const label = key === today ? l10n.t('Today') : key === tomorrow ? l10n.t('Tomorrow') : weekday.format(entry.at);
      day = { key, label, entries: [] };
      result.push(day);
    }
    day.entries.push(entry);
  }
  return result;
}
