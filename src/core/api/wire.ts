import { l10n } from '../text/l10n';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space } from './model';
import { normaliseServerTime } from './serverTime';
import { carriedStartOptions } from './wireStartOptions';
import { asList, asObject, itemOf, WireObject } from './wireValues';

/**
 * Tolerant mapping from every wire variant in shared/docs/sequentum-api.md onto the internal model.
 * Each function takes parsed JSON and the endpoint label used in error messages; anything that
 * cannot be mapped throws MalformedResponseError.
 */

type Parsed<T> = (value: unknown, where: string) => T;

function listOf<T>(parse: (item: WireObject) => T, keys: string[]): Parsed<Page<T>> {
  return (value, where) => {
    const { items, total } = asList(value, where, keys);
    const page: Page<T> = { items: items.map((item, index) => parse(asObject(item, itemOf(where, index)))) };
    if (total !== undefined) page.total = total;
    return page;
  };
}

export function toAgent(o: WireObject): Agent {
  const id = o.requiredInt('id', 'agentId', 'configId');
  const status = o.status('status', 'lastRunStatus', 'lastStatus');
  const agent: Agent = {
    id,
    name: o.optionalString('name', 'agentName', 'configName') ?? `Agent ${id}`,
    spaceId: o.optionalInt('spaceId') ?? null,
    lastStatus: status?.code ?? null,
    inputParameters: inputParameters(o),
  };
  if (status?.name !== undefined) agent.lastStatusName = status.name;
  assign(agent, 'description', o.optionalString('description'));
  assign(agent, 'version', o.optionalInt('version', 'configVersion'));
  assign(agent, 'isActive', o.optionalBoolean('isActive'));
  assign(agent, 'lastActivity', time(o, 'lastActivity'));
  assign(agent, 'startUrl', o.optionalString('startUrl'));
  return agent;
}

/** `defaultStatus` is used when the wire omits the status (start responses); otherwise it is required. */
export function toRun(o: WireObject, fallbackAgentId?: number, defaultStatus?: number): Run {
  const status = o.status('status', 'runStatus');
  if (!status && defaultStatus === undefined) throw o.fail(l10n.t('{0} is missing', 'status'));
  const agentId = o.optionalInt('configId', 'agentId') ?? fallbackAgentId;
  if (agentId === undefined) throw o.fail(l10n.t('{0} is missing', 'configId'));
  const run: Run = {
    id: o.requiredInt('id', 'runId'),
    agentId,
    status: status?.code ?? defaultStatus ?? 0,
  };
  if (status?.name !== undefined) run.statusName = status.name;
  assign(run, 'agentName', o.optionalString('configName', 'agentName'));
  assign(run, 'message', o.optionalString('message', 'errorMessage'));
  assign(run, 'created', time(o, 'created'));
  assign(run, 'startTime', time(o, 'startTime'));
  assign(run, 'endTime', time(o, 'endTime'));
  assign(run, 'recordsExtracted', o.optionalNumber('dataCount', 'recordsExtracted'));
  assign(run, 'recordsExported', o.optionalNumber('exportCount', 'recordsExported'));
  assign(run, 'errorCount', o.optionalNumber('errorCount'));
  assign(run, 'pageCount', o.optionalNumber('pageCount', 'pageLoads'));
  assign(run, 'runTimeSec', o.optionalNumber('runTimeSec', 'runtimeSeconds'));
  assign(run, 'tableType', o.optionalString('tableType'));
  assign(run, 'configVersion', o.optionalInt('configVersion', 'agentVersion'));
  assign(run, 'startOptions', carriedStartOptions(o));
  return run;
}

export function toSpace(o: WireObject): Space {
  const id = o.requiredInt('id', 'spaceId');
  const space: Space = { id, name: o.optionalString('name', 'spaceName') ?? `Space ${id}` };
  assign(space, 'description', o.optionalString('description'));
  return space;
}

export function toRunFile(o: WireObject): RunFile {
  const id = o.requiredInt('id', 'fileId');
  const file: RunFile = { id, name: o.optionalString('name', 'fileName') ?? `file-${id}` };
  const fileType = o.get('fileType');
  if (typeof fileType === 'number' || (typeof fileType === 'string' && /^\d+$/.test(fileType))) {
    file.fileType = Number(fileType);
  } else if (typeof fileType === 'string' && fileType) {
    file.fileType = fileType;
  } else if (fileType !== undefined) {
    throw o.fail(l10n.t('{0} should be a number or a name', 'fileType'));
  }
  assign(file, 'fileSize', o.optionalNumber('fileSize', 'size'));
  assign(file, 'created', time(o, 'created'));
  return file;
}

export function toDiagnostics(o: WireObject): RunDiagnostics {
  const status = o.status('status');
  const diagnostics: RunDiagnostics = {
    possibleCauses: stringList(o, 'possibleCauses'),
    suggestedActions: stringList(o, 'suggestedActions', 'suggestedRemediations'),
  };
  assign(diagnostics, 'runId', o.optionalInt('runId'));
  assign(diagnostics, 'agentId', o.optionalInt('agentId', 'configId'));
  assign(diagnostics, 'agentName', o.optionalString('agentName', 'configName'));
  assign(diagnostics, 'status', status?.code);
  assign(diagnostics, 'errorMessage', o.optionalString('errorMessage', 'message'));
  assign(diagnostics, 'startTime', time(o, 'startTime'));
  assign(diagnostics, 'endTime', time(o, 'endTime'));
  assign(diagnostics, 'runtimeSeconds', o.optionalNumber('runtimeSeconds', 'runTimeSec'));
  const stats = o.get('stats', 'statistics');
  if (stats !== undefined) {
    const s = asObject(stats, `${o.where} stats`);
    const result: NonNullable<RunDiagnostics['stats']> = {};
    for (const key of ['dataCount', 'inputCount', 'errorCount', 'pageCount', 'exportCount', 'traffic'] as const) {
      assign(result, key, s.optionalNumber(key));
    }
    diagnostics.stats = result;
  }
  return diagnostics;
}

export const parseAgentPage: Parsed<Page<Agent>> = listOf(toAgent, ['agents', 'items', 'configs']);
export const parseAgents: Parsed<Agent[]> = (value, where) => parseAgentPage(value, where).items;
export const parseAgent: Parsed<Agent> = (value, where) => toAgent(asObject(value, where));
export const parseSpaces: Parsed<Space[]> = (value, where) => listOf(toSpace, ['spaces', 'items'])(value, where).items;
export const parseRunFiles: Parsed<RunFile[]> = (value, where) => listOf(toRunFile, ['files', 'items'])(value, where).items;
export const parseDiagnostics: Parsed<RunDiagnostics> = (value, where) => toDiagnostics(asObject(value, where));

export function parseRuns(value: unknown, where: string, agentId: number): Run[] {
  return listOf((o) => toRun(o, agentId), ['runs', 'items'])(value, where).items;
}

export function parseRun(value: unknown, where: string, agentId: number): Run {
  return toRun(asObject(value, where), agentId);
}

/**
 * Start response: a run object with `id` (best evidence), `{runId, status}` (MCP tool doc), or a
 * `{run: {...}}` wrapper. A bare number is accepted as the run id. Status defaults to Queuing.
 */
export function parseStartResponse(value: unknown, where: string, agentId: number): Run {
  if (typeof value === 'number' && Number.isInteger(value)) return { id: value, agentId, status: 4 };
  const outer = asObject(value, where);
  const inner = outer.get('run');
  const o = inner !== undefined ? asObject(inner, `${where} run`) : outer;
  return toRun(o, agentId, 4);
}

function inputParameters(o: WireObject): Record<string, string> {
  let value = o.get('inputParameters');
  if (typeof value === 'string') {
    if (!value.trim()) return {};
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      // One agent's odd parameter text must not break a whole agent list.
      return {};
    }
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw o.fail(l10n.t('{0} should be an object', 'inputParameters'));
  // fromEntries defines own members: a parameter called "__proto__" is kept as data, not dropped.
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, item === null || item === undefined ? '' : typeof item === 'string' ? item : jsonText(o, item)]),
  );
}

function stringList(o: WireObject, ...names: string[]): string[] {
  const value = o.get(...names);
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw o.fail(l10n.t('{0} should be a list', names[0]));
  return value.map((item) => (typeof item === 'string' ? item : jsonText(o, item)));
}

/** A server timestamp, zone-less ones read as UTC (see serverTime.ts). */
function time(o: WireObject, name: string): string | undefined {
  const text = o.optionalString(name);
  return text === undefined ? undefined : normaliseServerTime(text);
}

/** A value kept as JSON text; one nested too deeply to serialise (thousands of levels) is a malformed answer, not a crash. */
function jsonText(o: WireObject, value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    throw o.fail(l10n.t('a value is nested too deeply to read'));
  }
}

/** Sets an optional property only when defined (exactOptionalPropertyTypes-friendly, no `undefined` keys). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
