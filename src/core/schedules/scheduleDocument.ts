import type { FieldProblem } from '../api/errors';
import { PERIOD_UNITS, SCHEDULE_OPTION_NAMES, type PeriodUnit, type Schedule, type ScheduleInput, type ScheduleKind, type ScheduleRunOptions } from '../api/scheduleModel';
import { l10n } from '../text/l10n';

/**
 * A schedule as the JSON document the user edits on the `sequentum:` file system. The document
 * uses names where the wire uses numbers (`"scheduleType": "CRON"`, `"runEveryPeriod": "Minutes"`),
 * so the docs' 0- vs 1-based dispute about `runEveryPeriod` (§10) never reaches the user, and
 * `inputParameters` is an object, as in run-config files. Read-only server values (id, next run,
 * created) are not in it: the path names the schedule and the hover shows the next fires.
 */

export const SCHEDULE_TYPE_NAMES: Record<ScheduleKind, string> = { once: 'RunOnce', every: 'RunEvery', cron: 'CRON' };
const KIND_BY_CODE: Record<number, ScheduleKind> = { 1: 'once', 2: 'every', 3: 'cron' };

/** `Minutes` … `Months`: the unit names documents use. */
export const PERIOD_NAMES: readonly string[] = PERIOD_UNITS.map((unit) => unit.charAt(0).toUpperCase() + unit.slice(1));

/** The document's JSON value (key order is the order the file shows). */
export function scheduleDocumentValue(schedule: Schedule): Record<string, unknown> {
  const doc: Record<string, unknown> = { name: schedule.name };
  doc.scheduleType = schedule.kind ? SCHEDULE_TYPE_NAMES[schedule.kind] : (schedule.typeText ?? null);
  if (schedule.kind === 'cron' || schedule.cronExpression !== undefined) doc.cronExpression = schedule.cronExpression ?? '';
  if (schedule.kind === 'every' || schedule.runEvery) {
    doc.runEveryCount = schedule.runEvery?.count ?? 1;
    doc.runEveryPeriod = schedule.runEvery?.unit ? PERIOD_NAMES[PERIOD_UNITS.indexOf(schedule.runEvery.unit)] : null;
  }
  if (schedule.kind !== 'cron' && schedule.startTime !== undefined) doc.startTime = schedule.startTime;
  doc.timezone = schedule.timezone ?? 'UTC';
  doc.isEnabled = schedule.isEnabled;
  doc.inputParameters = inputObject(schedule.inputParameters);
  const options: ScheduleRunOptions = schedule.options ?? {};
  for (const name of [...SCHEDULE_OPTION_NAMES.numbers, ...SCHEDULE_OPTION_NAMES.strings, ...SCHEDULE_OPTION_NAMES.booleans]) {
    if (options[name] !== undefined) doc[name] = options[name];
  }
  return doc;
}

/** The document's text: 2-space JSON with a final newline. */
export function formatScheduleDocument(schedule: Schedule): string {
  return `${JSON.stringify(scheduleDocumentValue(schedule), null, 2)}\n`;
}

/** What `…/schedules/new.json` starts as: a nightly CRON schedule in the user's zone, enabled. */
export function newScheduleDocument(timezone: string): string {
  return `${JSON.stringify({ name: l10n.t('New schedule'), scheduleType: 'CRON', cronExpression: '0 2 * * *', timezone, isEnabled: true, inputParameters: {} }, null, 2)}\n`;
}

function inputObject(text: string | undefined): Record<string, unknown> {
  if (!text?.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A document read for saving: the request it becomes, or why it cannot become one. */
export interface ScheduleDocumentRead {
  /** Undefined when a problem stops the save (nothing is sent). */
  input?: ScheduleInput;
  /** Field problems found without asking the server (pointer = the document's field). */
  problems: FieldProblem[];
}

function member(doc: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(doc, name)) return doc[name];
  const key = Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : doc[key];
}

/** `CRON`, `cron`, `3` → 'cron'; undefined when it names no type. */
export function scheduleKindOf(value: unknown): ScheduleKind | undefined {
  if (typeof value === 'number') return KIND_BY_CODE[value];
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return KIND_BY_CODE[Number(text)];
  return (Object.keys(SCHEDULE_TYPE_NAMES) as ScheduleKind[]).find((kind) => SCHEDULE_TYPE_NAMES[kind].toLowerCase() === text || kind === text);
}

/** `Minutes`, `minute`, `HOURS` → the unit; numbers are refused (the docs disagree on their base). */
export function periodUnitOf(value: unknown): PeriodUnit | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return PERIOD_UNITS.find((unit) => unit === text || unit === `${text}s`);
}

/**
 * The S2/S4 request a parsed document describes. Only what the request cannot be built without
 * stops a save here (name, a type, a unit name, an inputParameters object, a readable start time);
 * everything else — a CRON text our reader does not know, an unknown zone — is the server's to
 * judge, so a valid schedule is never refused by a stricter client.
 */
export function readScheduleDocument(value: unknown): ScheduleDocumentRead {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ pointer: '', detail: l10n.t('A schedule document is one JSON object.') }] };
  }
  const doc = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const fail = (field: string, detail: string): void => void problems.push({ pointer: `/${field}`, field, detail });
  const name = member(doc, 'name');
  if (typeof name !== 'string' || !name.trim()) fail('name', l10n.t('The schedule needs a name.'));
  const kind = scheduleKindOf(member(doc, 'scheduleType'));
  if (!kind) fail('scheduleType', l10n.t('scheduleType is one of RunOnce, RunEvery or CRON.'));
  const input: ScheduleInput = { name: typeof name === 'string' ? name.trim() : '', kind: kind ?? 'cron' };
  const text = (field: string): string | undefined => {
    const raw = member(doc, field);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') fail(field, l10n.t('{0} is text.', field));
    return typeof raw === 'string' ? raw : undefined;
  };
  const cron = text('cronExpression');
  if (kind === 'cron') input.cronExpression = cron?.trim() ?? '';
  const timezone = text('timezone');
  if (timezone !== undefined) input.timezone = timezone.trim();
  const start = text('startTime');
  if (start !== undefined && kind !== 'cron' && start.trim()) {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(start) ? start : `${start}Z`);
    if (Number.isFinite(ms)) input.startTime = new Date(ms).toISOString();
    else fail('startTime', l10n.t('startTime is a date and time like 2026-12-01T09:00:00Z.'));
  }
  if (kind === 'every') {
    const count = member(doc, 'runEveryCount');
    const unit = periodUnitOf(member(doc, 'runEveryPeriod'));
    if (typeof count !== 'number' || !Number.isInteger(count)) fail('runEveryCount', l10n.t('runEveryCount is a whole number: how many periods lie between two runs.'));
    if (!unit) fail('runEveryPeriod', l10n.t('runEveryPeriod is one of {0}.', PERIOD_NAMES.join(', ')));
    if (typeof count === 'number' && unit) input.runEvery = { count, unit };
  }
  const enabled = member(doc, 'isEnabled');
  if (typeof enabled === 'boolean') input.isEnabled = enabled;
  else if (enabled !== undefined) fail('isEnabled', l10n.t('isEnabled is true or false.'));
  const parameters = member(doc, 'inputParameters');
  if (parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters)) input.inputParameters = parameters as Record<string, unknown>;
  else if (parameters !== undefined && parameters !== null) fail('inputParameters', l10n.t('inputParameters is an object of parameter names and values.'));
  const options = readOptions(doc, fail);
  if (options) input.options = options;
  return problems.length > 0 ? { problems } : { input, problems };
}

function readOptions(doc: Record<string, unknown>, fail: (field: string, detail: string) => void): ScheduleRunOptions | undefined {
  const options: Record<string, unknown> = {};
  const read = (names: readonly string[], type: 'number' | 'string' | 'boolean'): void => {
    for (const name of names) {
      const value = member(doc, name);
      if (value === undefined || value === null) continue;
      if (typeof value === type) options[name] = value;
      else fail(name, l10n.t('{0} is a {1}.', name, type));
    }
  };
  read(SCHEDULE_OPTION_NAMES.numbers, 'number');
  read(SCHEDULE_OPTION_NAMES.strings, 'string');
  read(SCHEDULE_OPTION_NAMES.booleans, 'boolean');
  return Object.keys(options).length > 0 ? (options) : undefined;
}
