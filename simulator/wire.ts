import { exportCountOf } from './billing';
import { iso } from './clock';
import type { SimSchedule } from './schedules';
import { PERIOD_UNITS, SCHEDULE_TYPE_NAMES } from './scheduleValidation';
import type { SimStore } from './state';
import { STATUS_NAMES, type SimAgent, type SimFile, type SimRun, type SimSpace } from './types';

/**
 * Wire variants the real API is known to produce (see sequentum-api.md): enum names instead of ints,
 * PascalCase property names, `items` instead of `agents` in the paged envelope, optional fields missing.
 */
export interface WireVariants {
  enumNames: boolean;
  pascalCase: boolean;
  envelope: 'agents' | 'items';
  omitOptional: boolean;
  /** Timestamps without a zone ("2026-11-30T10:00:00.000", UTC all the same), as a .NET server may send them. */
  zonelessTimes: boolean;
  /** Run objects also carry their `inputParameters` (JSON text, as schedules do) and `startedBy`. */
  runInputs: boolean;
  /**
   * Schedules (§10): `runEveryPeriod` numbering (0 = minutes per the create page's example, 1 =
   * minutes per its field description and the live-checked MCP schema) — requests are read with
   * the same base; where the CRON text goes (`schedule` as documented for responses, the request
   * name `cronExpression`, or both); what enable/disable answer (undocumented: nothing, a message,
   * or the schedule).
   */
  schedulePeriodBase: 0 | 1;
  scheduleCronField: 'schedule' | 'cronExpression' | 'both';
  scheduleActionBody: 'empty' | 'message' | 'schedule';
  /**
   * Billing B5 `usageTypes[].type`: the internal names the answers were seen with (`RunUsage`…) or
   * the filter's display labels (`Server Time`…) — the mapping is undocumented (§11 [CONFLICT]).
   */
  billingTypeNames: 'internal' | 'labels';
}

export const DEFAULT_VARIANTS: WireVariants = {
  enumNames: false, pascalCase: false, envelope: 'agents', omitOptional: false, zonelessTimes: false, runInputs: false,
  schedulePeriodBase: 1, scheduleCronField: 'schedule', scheduleActionBody: 'message', billingTypeNames: 'internal',
};

type Json = Record<string, unknown>;

const CONFIG_TYPES = ['', 'Agent', 'SharedFile', 'Template', 'Command'];
const VALIDATION = ['', 'Unknown', 'Invalid', 'Valid'];
const FILE_TYPES = ['', 'DeliveredFile', 'ExtractedFiles', 'InternalExportFiles', 'InternalRuntimeFiles', 'InternalTrackingDb', 'LogText', 'LogHtml', 'InternalContentCache'];

/** Fields a client must cope with being absent. */
const OPTIONAL = new Set(['description', 'documentation', 'message', 'endTime', 'startTime', 'tag', 'startUrl', 'icon', 'image',
  'agentTemplates', 'proxyPoolId', 'parallelSet', 'lastActivity', 'serverName', 'organizationName', 'version', 'isActive',
  'userId', 'validationStatus', 'documentation', 'regionId', 'created', 'updated', 'isDefaultAccess', 'organizationId',
  'traffic', 'localSchedule', 'serverGroupId', 'dynamicPageCount', 'actionCount', 'requestCount', 'inputCount', 'sequence', 'configVersion', 'tableType']);

/** Keys whose values are server timestamps (zonelessTimes drops their "Z"). */
const TIMES = new Set(['created', 'updated', 'lastActivity', 'startTime', 'endTime', 'nextRunTime']);

/** Keys whose values are user data: never re-cased. */
const OPAQUE = new Set(['inputParameters']);

export class Wire {
  constructor(private readonly store: SimStore, public variants: WireVariants = { ...DEFAULT_VARIANTS }) {}

  private status(code: number | null): number | string | null {
    if (code === null || !this.variants.enumNames) return code;
    return STATUS_NAMES.get(code) ?? code;
  }

  private named(code: number, names: string[]): number | string {
    return this.variants.enumNames ? (names[code] ?? code) : code;
  }

  /** Applies omitOptional and PascalCase to one outgoing object (recursively, except opaque values). */
  shape(obj: Json): Json {
    const out: Json = {};
    for (const [key, value] of Object.entries(obj)) {
      if (this.variants.omitOptional && OPTIONAL.has(key)) continue;
      if (value === undefined) continue;
      if (this.variants.zonelessTimes && TIMES.has(key) && typeof value === 'string') {
        out[this.key(key)] = value.replace(/Z$/, '');
        continue;
      }
      const k = this.variants.pascalCase ? key.charAt(0).toUpperCase() + key.slice(1) : key;
      out[k] = !OPAQUE.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value) ? this.shape(value as Json) : value;
    }
    return out;
  }

  key(name: string): string {
    return this.variants.pascalCase ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  }

  agent(a: SimAgent): Json {
    const last = this.store.latestRun(a.id);
    return this.shape({
      id: a.id, name: a.name, description: a.description ?? null, documentation: a.documentation ?? null,
      configType: this.named(a.configType, CONFIG_TYPES), status: this.status(this.store.agentStatus(a.id)),
      validationStatus: this.named(a.validationStatus, VALIDATION), version: a.version, isActive: a.isActive,
      spaceId: a.spaceId, userId: a.userId, proxyPoolId: null, startUrl: a.startUrl ?? null,
      inputParameters: a.inputParameters, icon: null, image: null, agentTemplates: null,
      lastActivity: last ? iso(last.createdAt) : null, created: a.created, updated: a.updated,
    });
  }

  /** Row of `spaces/{id}/agents` (a smaller projection than the full agent). */
  spaceAgent(a: SimAgent): Json {
    const last = this.store.latestRun(a.id);
    return this.shape({
      id: a.id, name: a.name, description: a.description ?? null, configType: this.named(a.configType, CONFIG_TYPES),
      status: this.status(this.store.agentStatus(a.id)), validationStatus: this.named(a.validationStatus, VALIDATION),
      lastActivity: last ? iso(last.createdAt) : null, created: a.created, updated: a.updated, version: a.version,
    });
  }

  run(r: SimRun): Json {
    const agent = this.store.agents.get(r.agentId);
    const state = this.store.stateOf(r);
    const done = r.final !== undefined;
    const data = done ? r.dataCount : Math.round(r.dataCount * state.progress);
    const startTime = r.createdAt + Math.min(r.lengthMs * 0.16, 5000);
    const started = done || this.store.clock.now() >= startTime;
    return this.shape({
      id: r.id, configId: r.agentId, configName: agent?.name ?? null, configVersion: r.configVersion ?? agent?.version ?? 1,
      spaceId: agent?.spaceId ?? null, organizationId: 1, organizationName: 'Sim Org', sequence: 1,
      parallelism: r.parallelism, parallelMaxConcurrency: r.parallelMaxConcurrency, parallelExport: r.parallelExport, parallelSet: null,
      startTime: started ? iso(startTime) : null, endTime: r.final ? iso(r.final.endAt) : null, created: iso(r.createdAt),
      status: this.status(state.status), message: state.message ?? null,
      actionCount: data * 3, pageCount: done ? r.pageCount : Math.ceil(data / 25), dynamicPageCount: 0, requestCount: data * 2,
      dataCount: data, inputCount: 1, errorCount: r.errorCount, exportCount: done ? exportCountOf(r) : 0,
      traffic: data * 1843, runTimeSec: done ? r.simSeconds : Math.round(r.simSeconds * state.progress), serverName: 'sim-worker-1',
      tableType: r.tableType ?? 'run',
      ...(this.variants.runInputs ? { inputParameters: JSON.stringify(r.inputParameters), startedBy: r.startedBy ?? 'api', ...r.carried } : {}),
    });
  }

  file(f: SimFile): Json {
    return this.shape({
      id: f.id, name: f.name, fileType: this.named(f.fileType, FILE_TYPES), fileSize: f.delivery?.unknownSize ? undefined : this.store.sizeOf(f),
      created: f.created, regionId: 1,
    });
  }

  space(s: SimSpace): Json {
    return this.shape({
      id: s.id, name: s.name, description: s.description ?? null, organizationId: s.organizationId,
      created: s.created, isDefaultAccess: s.isDefaultAccess,
    });
  }

  diagnostics(r: SimRun): Json {
    const agent = this.store.agents.get(r.agentId);
    const state = this.store.stateOf(r);
    const diag = this.store.diagnosticsOf(r.id);
    return this.shape({
      runId: r.id, agentId: r.agentId, agentName: agent?.name ?? null, status: this.status(state.status),
      errorMessage: diag?.errorMessage ?? null, startTime: iso(r.createdAt), endTime: r.final ? iso(r.final.endAt) : null,
      runtimeSeconds: r.final ? r.simSeconds : null,
      stats: { dataCount: r.dataCount, inputCount: 1, errorCount: r.errorCount, pageCount: r.pageCount, exportCount: diag ? 0 : exportCountOf(r), traffic: r.dataCount * 1843 },
      possibleCauses: diag?.possibleCauses ?? [], suggestedActions: diag?.suggestedActions ?? [],
    });
  }

  /** S1/S3/S4 schedule object. */
  schedule(s: SimSchedule): Json {
    const agent = this.store.agents.get(s.agentId);
    const unit = s.runEveryUnit !== undefined ? PERIOD_UNITS.indexOf(s.runEveryUnit) : -1;
    const period = unit < 0 ? null : this.variants.enumNames ? s.runEveryUnit!.charAt(0).toUpperCase() + s.runEveryUnit!.slice(1) : unit + this.variants.schedulePeriodBase;
    const cron = s.cron ?? null;
    const where = this.variants.scheduleCronField;
    const o = s.options;
    return this.shape({
      id: s.id, configId: s.agentId, name: s.name,
      ...(where !== 'cronExpression' ? { schedule: cron } : {}), ...(where !== 'schedule' ? { cronExpression: cron } : {}),
      localSchedule: typeof o.localSchedule === 'string' ? o.localSchedule : null, timezone: s.timezone,
      nextRunTime: s.isEnabled && s.nextRunAt !== null ? iso(s.nextRunAt) : null,
      startTime: s.startTime !== undefined ? iso(s.startTime) : null,
      scheduleType: this.named(s.scheduleType, SCHEDULE_TYPE_NAMES), isEnabled: s.isEnabled,
      runEveryCount: s.runEveryCount ?? null, runEveryPeriod: period,
      inputParameters: typeof o.inputParameters === 'string' ? o.inputParameters : o.inputParameters != null ? JSON.stringify(o.inputParameters) : null,
      parallelism: o.parallelism ?? 1, parallelMaxConcurrency: o.parallelMaxConcurrency ?? 1, parallelExport: o.parallelExport ?? 'Combined',
      proxyPoolId: o.proxyPoolId ?? null, serverGroupId: o.serverGroupId ?? null, logLevel: o.logLevel ?? 'Info', logMode: o.logMode ?? 'Text',
      isExclusive: o.isExclusive ?? false, isWaitOnFailure: o.isWaitOnFailure ?? false,
      created: iso(s.created), updated: iso(s.updated), configName: agent?.name ?? null,
    });
  }

  /** One S8 row: the schedule's next fire. */
  upcoming(s: SimSchedule): Json {
    const agent = this.store.agents.get(s.agentId);
    return this.shape({
      scheduleId: s.id, agentId: s.agentId, agentName: agent?.name ?? null, scheduleName: s.name,
      nextRunTime: s.nextRunAt !== null ? iso(s.nextRunAt) : null, timezone: s.timezone, isEnabled: s.isEnabled,
      schedule: s.cron ?? null, scheduleType: this.named(s.scheduleType, SCHEDULE_TYPE_NAMES), spaceId: agent?.spaceId ?? 0,
    });
  }
}
