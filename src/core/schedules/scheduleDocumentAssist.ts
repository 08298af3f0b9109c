import { parse } from 'jsonc-parser';
import type { Schedule } from '../api/scheduleModel';
import { parseObjectDocument, type OffsetRange } from '../runConfig/runConfigDocument';
import { joinMarkdown, markdown, type MarkdownText } from '../text/markdownText';
import { l10n } from '../text/l10n';
import { CronSyntaxError, isKnownTimeZone, nextCronFires, parseCron } from './cron';
import { describeSchedule, formatInZone, formatRelative, nextFire } from './describeSchedule';
import { readScheduleDocument } from './scheduleDocument';

/** Fields whose hover explains when the schedule runs. */
const TIMING_FIELDS = new Set(['scheduletype', 'cronexpression', 'runeverycount', 'runeveryperiod', 'starttime', 'timezone']);

export interface ScheduleHover {
  range: OffsetRange;
  markdown: MarkdownText;
}

/** The schedule a document describes, enough to say when it runs (undefined when it cannot be read yet). */
function timingOf(text: string): Schedule | undefined {
  const read = readScheduleDocument(parse(text, [], { allowTrailingComma: true, disallowComments: false }));
  const input = read.input;
  if (!input) return undefined;
  const schedule: Schedule = { id: 0, agentId: 0, name: input.name, kind: input.kind, isEnabled: true, timezone: input.timezone ?? 'UTC' };
  if (input.cronExpression !== undefined) schedule.cronExpression = input.cronExpression;
  if (input.startTime !== undefined) schedule.startTime = input.startTime;
  if (input.runEvery) schedule.runEvery = input.runEvery;
  return schedule;
}

/** The next `count` fires after `now` (epoch ms), as the client computes them. */
export function nextFires(schedule: Schedule, now: number, count: number): number[] {
  if (schedule.kind === 'cron') {
    const zone = schedule.timezone && isKnownTimeZone(schedule.timezone) ? schedule.timezone : 'UTC';
    return nextCronFires(parseCron(schedule.cronExpression ?? ''), zone, now, count);
  }
  const fires: number[] = [];
  for (let at = now; fires.length < count; ) {
    const next = nextFire(schedule, at);
    if (next === undefined || next <= at) break;
    fires.push(next);
    at = next;
  }
  return fires;
}

/**
 * The hover on a timing field of a schedule document: the schedule in plain words and its next
 * five fires (in the schedule's zone, with "in 3 hours"). A CRON text that cannot be read says why.
 */
export function scheduleHover(text: string, offset: number, now: number, locale?: string): ScheduleHover | undefined {
  const entry = parseObjectDocument(text);
  const field = entry?.fields.find((f) => f.range.start <= offset && offset <= f.range.end && TIMING_FIELDS.has(f.key.toLowerCase()));
  if (!field) return undefined;
  const schedule = timingOf(text);
  if (!schedule) return undefined;
  const zone = schedule.timezone ?? 'UTC';
  let words: string;
  let fires: number[];
  try {
    words = describeSchedule(schedule, { locale });
    fires = nextFires(schedule, now, 5);
  } catch (error) {
    if (!(error instanceof CronSyntaxError)) throw error;
    return { range: field.valueRange, markdown: markdown`${l10n.t('This CRON expression cannot be read: {0}', error.message)}` };
  }
  const lines = fires.map((at) => markdown`- ${formatInZone(at, zone, locale)} (${formatRelative(at, now, locale)})`);
  const paragraphs: MarkdownText[] = [markdown`**${l10n.t('Runs {0}', words)}**`];
  if (lines.length === 0) paragraphs.push(markdown`${l10n.t('It does not fire again.')}`);
  else paragraphs.push(markdown`${l10n.t('Next runs ({0}):', zone)}`, joinMarkdown(lines, '\n'));
  return { range: field.valueRange, markdown: joinMarkdown(paragraphs, '\n\n') };
}

/** Every IANA zone this runtime knows, UTC included (Intl's list leaves it out). */
export function timeZoneNames(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/**
 * When the offset is in (or right after the key of) `timezone`: the range a picked zone replaces
 * (the whole string value, quotes included) and whether the value is still missing.
 */
export function timeZoneSlot(text: string, offset: number): { range: OffsetRange; quoted: boolean } | undefined {
  const entry = parseObjectDocument(text);
  const field = entry?.fields.find((f) => f.key.toLowerCase() === 'timezone' && f.range.start <= offset && offset <= f.range.end);
  if (!field || offset <= field.keyRange.end) return undefined;
  const hasValue = field.valueRange.start !== field.keyRange.start;
  return hasValue ? { range: field.valueRange, quoted: true } : { range: { start: offset, end: offset }, quoted: false };
}
