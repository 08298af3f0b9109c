import { l10n } from '../text/l10n';
import { PERIOD_UNITS, SCHEDULE_OPTION_NAMES, type PeriodUnit, type ScheduleRunOptions, type Schedule, type ScheduleInput, type ScheduleKind, type UpcomingFire } from './scheduleModel';
import { normaliseServerTime } from './serverTime';
import { asList, asObject, itemOf, type WireObject } from './wireValues';

/**
 * Tolerant reading of schedules (§10). The docs contradict themselves on `runEveryPeriod`: 0 =
 * minutes (create page summary and example, MCP tool reference) or 1 = minutes (the same page's
 * field description, MCP types and the live-checked MCP schema). A 0 can only be the 0-based
 * numbering and a 5 only the 1-based one; for 1–4 the list's other schedules decide, then the
 * server's own words (`localSchedule`), then the live-checked 1-based numbering.
 */

const KINDS: Record<string, ScheduleKind> = { '1': 'once', runonce: 'once', once: 'once', '2': 'every', runevery: 'every', every: 'every', '3': 'cron', cron: 'cron' };

/** The numbering writes use: the live-checked MCP schema's (1 = minutes). */
export const WRITE_PERIOD_BASE = 1;

function unitByName(text: string): PeriodUnit | undefined {
  const word = text.trim().toLowerCase().replace(/s$/, '');
  return PERIOD_UNITS.find((unit) => unit === `${word}s`);
}

/** 0 or 1 when the raw period numbers of a list say which numbering the server uses. */
export function periodBaseOf(raws: unknown[]): 0 | 1 | undefined {
  const numbers = raws.map((raw) => (typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw)).filter((raw): raw is number => typeof raw === 'number');
  if (numbers.includes(0)) return 0;
  if (numbers.includes(5)) return 1;
  return undefined;
}

function readUnit(raw: unknown, base: 0 | 1 | undefined, localSchedule: string | undefined): PeriodUnit | undefined {
  if (typeof raw === 'string' && !/^\d+$/.test(raw.trim())) return unitByName(raw);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isInteger(n)) return undefined;
  const sure = periodBaseOf([n]) ?? base;
  if (sure !== undefined) return PERIOD_UNITS[n - sure];
  const hinted = /\b(minute|hour|day|week|month)s?\b/i.exec(localSchedule ?? '')?.[1];
  if (hinted) return unitByName(hinted);
  return PERIOD_UNITS[n - WRITE_PERIOD_BASE];
}

function time(o: WireObject, ...names: string[]): string | undefined {
  const text = o.optionalString(...names);
  return text === undefined || !text.trim() ? undefined : normaliseServerTime(text);
}

export function toSchedule(o: WireObject, fallbackAgentId?: number, base?: 0 | 1): Schedule {
  const id = o.requiredInt('id', 'scheduleId');
  const agentId = o.optionalInt('configId', 'agentId') ?? fallbackAgentId;
  if (agentId === undefined) throw o.fail(l10n.t('{0} is missing', 'configId'));
  const typeText = o.optionalString('scheduleType', 'type');
  const schedule: Schedule = {
    id,
    agentId,
    name: o.optionalString('name', 'scheduleName') ?? l10n.t('Schedule {0}', id),
    isEnabled: o.optionalBoolean('isEnabled', 'enabled') ?? true,
  };
  const typeKey = typeText?.trim().toLowerCase() ?? '';
  // Own members only: a type named "constructor" is unknown, not Object's constructor.
  const kind = Object.hasOwn(KINDS, typeKey) ? KINDS[typeKey] : undefined;
  if (kind) schedule.kind = kind;
  if (typeText !== undefined) schedule.typeText = typeText;
  const cron = o.optionalString('schedule', 'cronExpression', 'cron');
  if (cron?.trim()) schedule.cronExpression = cron.trim();
  const localSchedule = o.optionalString('localSchedule');
  if (localSchedule?.trim()) schedule.localSchedule = localSchedule;
  const timezone = o.optionalString('timezone', 'timeZone');
  if (timezone?.trim()) schedule.timezone = timezone.trim();
  const nextRunTime = time(o, 'nextRunTime', 'nextRun');
  if (nextRunTime) schedule.nextRunTime = nextRunTime;
  const startTime = time(o, 'startTime');
  if (startTime) schedule.startTime = startTime;
  const count = o.optionalInt('runEveryCount');
  if (count !== undefined) {
    const unit = readUnit(o.get('runEveryPeriod'), base, localSchedule);
    schedule.runEvery = unit ? { count, unit } : { count };
  }
  const inputs = o.get('inputParameters');
  if (typeof inputs === 'string' && inputs.trim()) schedule.inputParameters = inputs;
  else if (inputs !== undefined && typeof inputs === 'object') schedule.inputParameters = JSON.stringify(inputs);
  const options = scheduleOptions(o);
  if (options) schedule.options = options;
  const created = time(o, 'created');
  if (created) schedule.created = created;
  const updated = time(o, 'updated');
  if (updated) schedule.updated = updated;
  return schedule;
}

/** The run options of a schedule object; a member of an unexpected type (or null) is left out. */
function scheduleOptions(o: WireObject): ScheduleRunOptions | undefined {
  const options: Record<string, unknown> = {};
  for (const name of SCHEDULE_OPTION_NAMES.numbers) {
    const value = o.get(name);
    if (typeof value === 'number' && Number.isFinite(value)) options[name] = value;
  }
  for (const name of SCHEDULE_OPTION_NAMES.strings) {
    const value = o.get(name);
    if (typeof value === 'string' && value !== '') options[name] = value;
  }
  for (const name of SCHEDULE_OPTION_NAMES.booleans) {
    const value = o.get(name);
    if (typeof value === 'boolean') options[name] = value;
  }
  return Object.keys(options).length > 0 ? (options) : undefined;
}

export function parseSchedules(value: unknown, where: string, agentId: number): Schedule[] {
  const { items } = asList(value, where, ['schedules', 'items']);
  const objects = items.map((item, index) => asObject(item, itemOf(where, index)));
  const base = periodBaseOf(objects.map((o) => o.get('runEveryPeriod')));
  return objects.map((o) => toSchedule(o, agentId, base));
}

export function parseSchedule(value: unknown, where: string, agentId: number): Schedule {
  return toSchedule(asObject(value, where), agentId);
}

/**
 * What enable/disable answered (undocumented, §14): nothing, a message, or the schedule. Only a
 * schedule object is used; anything else means "done, state unknown" and the caller asks S3.
 */
export function parseScheduleActionAnswer(text: string, where: string, agentId: number): Schedule | undefined {
  if (!text.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = asObject(json, where);
  return o.has('id') && (o.has('isEnabled') || o.has('scheduleType')) ? toSchedule(o, agentId) : undefined;
}

export function parseUpcoming(value: unknown, where: string): UpcomingFire[] {
  const { items } = asList(value, where, ['schedules', 'items', 'upcoming']);
  return items.map((item, index) => {
    const o = asObject(item, itemOf(where, index));
    const fire: UpcomingFire = { scheduleId: o.requiredInt('scheduleId', 'id'), agentId: o.requiredInt('agentId', 'configId'), isEnabled: o.optionalBoolean('isEnabled') ?? true };
    const agentName = o.optionalString('agentName', 'configName');
    if (agentName !== undefined) fire.agentName = agentName;
    const scheduleName = o.optionalString('scheduleName', 'name');
    if (scheduleName !== undefined) fire.scheduleName = scheduleName;
    const next = time(o, 'nextRunTime');
    if (next) fire.nextRunTime = next;
    const timezone = o.optionalString('timezone');
    if (timezone !== undefined) fire.timezone = timezone;
    return fire;
  });
}

const KIND_CODES: Record<ScheduleKind, number> = { once: 1, every: 2, cron: 3 };

/** The S2/S4 body: request names (`cronExpression`), integer enums, inputParameters as JSON text. */
export function scheduleBody(input: ScheduleInput): Record<string, unknown> {
  const body: Record<string, unknown> = { name: input.name, scheduleType: KIND_CODES[input.kind] };
  if (input.cronExpression !== undefined) body.cronExpression = input.cronExpression;
  if (input.timezone !== undefined) body.timezone = input.timezone;
  if (input.startTime !== undefined) body.startTime = input.startTime;
  if (input.runEvery) {
    body.runEveryCount = input.runEvery.count;
    body.runEveryPeriod = PERIOD_UNITS.indexOf(input.runEvery.unit) + WRITE_PERIOD_BASE;
  }
  if (input.isEnabled !== undefined) body.isEnabled = input.isEnabled;
  if (input.inputParameters !== undefined) body.inputParameters = JSON.stringify(input.inputParameters);
  for (const [name, value] of Object.entries(input.options ?? {})) if (value !== undefined) body[name] = value;
  return body;
}
