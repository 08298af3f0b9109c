import type { SimContext, SimCounters } from './context';
import { emptyCounters } from './context';
import type { ErrorShape, ValidationStyle } from './errors';
import type { ActiveRule, FaultKind, FaultRule } from './faults';
import type { FileDelivery } from './fileDelivery';
import type { FileStoreCounters } from './fileStore';
import { ForeignConsumer, type ForeignLoadSnapshot } from './foreignConsumer';
import { startForeignRun, type ForeignStart } from './foreignStarts';
import { generateRunHistory, type RunHistorySpec } from './runHistory';
import type { SimSchedule } from './schedules';
import { validateSchedule } from './scheduleValidation';
import { applySeed, type SeedSpec } from './seed';
import type { HistoricRun } from './state';
import { recordsFile } from './recordsFile';
import { STATUS_NAMES, type FileKind, type SimAgent, type SimSpace } from './types';
import { DEFAULT_VARIANTS, type WireVariants } from './wire';

export interface CounterSnapshot extends SimCounters {
  fileStore: FileStoreCounters;
  faultsInjected: Partial<Record<FaultKind, number>>;
  rateLimit: { requests: number; windowSeconds: number };
}

export interface RunSnapshot {
  id: number;
  agentId: number;
  status: number;
  statusName: string;
  tableType: string;
  fileIds: number[];
}

export interface NewFile {
  name: string;
  fileType?: number;
  kind?: FileKind;
  /** Text content, or contentBase64 for bytes; default: generated from kind. */
  content?: string;
  contentBase64?: string;
  /** A generated big file of this many bytes, streamed by the file store and never held whole. */
  size?: number;
  /** A realistic records export (kind csv or json) of this many rows, about 500 bytes a row (recordsFile.ts). */
  records?: number;
  /** A one-column CSV of this many rows (header `n`, then 1, 2, 3…): millions of rows in tens of MB, for the table's row limit. */
  numberedRows?: number;
  /** How the file store sends it: slow link, stall, drop, no Range support, unknown size. */
  delivery?: FileDelivery;
}

export interface ScheduleSnapshot {
  id: number;
  agentId: number;
  isEnabled: boolean;
  /** ISO time of the next fire; null when it will not fire again. */
  nextRunTime: string | null;
  /** Runs it started, oldest first. */
  firedRunIds: number[];
}

/** Test control of a running simulator (in process; the same operations are served at /__control/<op>). */
export interface SimulatorControl {
  /** Back to a clean state: seed data (default: the start seed), no faults/variants/shapes, zero counters, fresh limiter and clock. */
  reset(seed?: SeedSpec): void;
  /** Replaces only the data. */
  seed(spec: SeedSpec, prngSeed?: number): void;
  addSpace(space: Partial<SimSpace> & { name: string }): SimSpace;
  addAgent(agent: Partial<SimAgent> & { name: string }): SimAgent;
  /** With `status`: a finished history run (files, diagnostics). Without: a live run on the clock. */
  addRun(agentId: number, run?: HistoricRun): RunSnapshot;
  addFile(agentId: number, runId: number, file: NewFile): { id: number };
  /** Changes how the file store sends a file (replaces its delivery; `{}` = normal). */
  setFileDelivery(fileId: number, delivery: FileDelivery): void;
  /** A live run a teammate started or a schedule fired, with its own options (not a POST start). */
  foreignStart(agentId: number, start: ForeignStart): RunSnapshot;
  getRun(runId: number): RunSnapshot | undefined;
  /**
   * A schedule, from a body as S2 takes it (same validation: throws with the field errors). It fires
   * on the clock like one created through the API.
   */
  addSchedule(agentId: number, body: Record<string, unknown>): ScheduleSnapshot;
  getSchedule(scheduleId: number): ScheduleSnapshot | undefined;
  setFault(rule: FaultRule): number;
  removeFault(id: number): void;
  /** Clears all faults; reseeds the fault PRNG (optionally with a new seed). */
  clearFaults(seed?: number): void;
  listFaults(): ActiveRule[];
  /** Serve these raw bodies, in order, to the next matching requests. */
  setHostileBodies(route: string, bodies: Array<Pick<FaultRule, 'status' | 'contentType' | 'body' | 'bodyBase64' | 'headers'>>): number[];
  setVariants(variants: Partial<WireVariants>): WireVariants;
  /** Error body shape for one route pattern, or for all routes without `route`. */
  setErrorShape(shape: ErrorShape, route?: string): void;
  setValidationStyle(style: ValidationStyle): void;
  setStartStatus(status: 200 | 202): void;
  setRateLimit(limit: { requests: number; windowSeconds: number }): void;
  /** Requests of a key admitted in the current window and held in the queue right now. */
  rateLimitState(key: string): { inWindow: number; queued: number };
  /**
   * Someone else on `key` that no ledger sees: `perWindow` requests per window, evenly spaced,
   * straight into the limiter (0 stops it). Returns what the previous load on the key experienced.
   */
  setForeignLoad(key: string, perWindow: number): ForeignLoadSnapshot | undefined;
  /** What the foreign load on `key` experienced so far (sent, admitted, held, 429). */
  foreignLoad(key: string): ForeignLoadSnapshot | undefined;
  setTimeScale(scale: number): void;
  /** Moves the clock forward as if `ms` of wall time passed (runs progress ms × timeScale). */
  advanceClock(ms: number): void;
  /** The key gets 403 for this space (or access again with allowed = true). */
  restrictSpace(key: string, spaceId: number, allowed?: boolean): void;
  addApiKey(key: string): void;
  revokeApiKey(key: string): void;
  setFileUrlExpiry(ms: number): void;
  /**
   * A generated history of finished runs (runHistory.ts: variation, weekly seasonality, growth,
   * optional breakage), the last one starting `endHoursAgo` (default 1) before now. Oldest first.
   */
  addRunHistory(agentId: number, spec: RunHistorySpec & { endHoursAgo?: number }): { runIds: number[]; brokenRunIds: number[] };
  /** Billing: the organisation's credit grant (default 5,000; available = grant − cost of finished runs). */
  setCreditGrant(credits: number): void;
  /** Billing: the key gets 403 insufficient_scope on B1–B6 (or access again with allowed = true). */
  setBillingAccess(key: string, allowed: boolean): void;
  counters(): CounterSnapshot;
  resetCounters(): void;
}

export function createControl(sim: SimContext, startSeed: SeedSpec, startLimit: { requests: number; windowSeconds: number }, startScale: number): SimulatorControl {
  const snapshot = (runId: number): RunSnapshot | undefined => {
    const run = sim.store.runs.get(runId);
    if (!run) return undefined;
    const status = sim.store.stateOf(run).status;
    return { id: run.id, agentId: run.agentId, status, statusName: STATUS_NAMES.get(status) ?? String(status), tableType: run.tableType ?? 'run', fileIds: sim.store.filesOf(run.id).map((f) => f.id) };
  };
  const scheduleSnapshot = (s: SimSchedule): ScheduleSnapshot => ({
    id: s.id, agentId: s.agentId, isEnabled: s.isEnabled, nextRunTime: s.nextRunAt === null ? null : new Date(s.nextRunAt).toISOString(), firedRunIds: [...s.firedRunIds],
  });
  const agentOrThrow = (agentId: number): SimAgent => {
    const agent = sim.store.agents.get(agentId);
    if (!agent) throw new Error(`No agent ${agentId}`);
    return agent;
  };
  const foreign = new Map<string, ForeignConsumer>();
  const stopForeign = (key: string): ForeignLoadSnapshot | undefined => {
    const consumer = foreign.get(key);
    consumer?.stop();
    foreign.delete(key);
    return consumer?.snapshot();
  };
  const control: SimulatorControl = {
    reset(seed = startSeed) {
      for (const key of [...foreign.keys()]) stopForeign(key);
      applySeed(sim.store, seed);
      sim.faults.clear(1);
      sim.wire.variants = { ...DEFAULT_VARIANTS };
      sim.shapes.reset();
      sim.startStatus = 202;
      sim.forbiddenSpaces.clear();
      sim.limiter.configure(startLimit.requests, startLimit.windowSeconds);
      sim.clock.timeScale = startScale;
      sim.clock.reset();
      sim.fileStore.expiryMs = 5 * 60_000;
      sim.billing.reset();
      control.resetCounters();
    },
    seed: (spec, prngSeed) => applySeed(sim.store, spec, prngSeed),
    addSpace: (space) => sim.store.addSpace(space),
    addAgent: (agent) => sim.store.addAgent(agent),
    addRun(agentId, run) {
      const agent = agentOrThrow(agentId);
      const created = run?.status !== undefined ? sim.store.addHistoricRun(agent, run) : sim.store.createRun(agent);
      return snapshot(created.id) as RunSnapshot;
    },
    addFile(agentId, runId, file) {
      const run = sim.store.runs.get(runId);
      if (!run || run.agentId !== agentId) throw new Error(`No run ${runId} of agent ${agentId}`);
      const records = file.records !== undefined ? recordsFile(file.kind === 'json' ? 'json' : 'csv', `${runId} ${file.name}`, file.records) : undefined;
      const numbered = file.numberedRows !== undefined ? numberedRowsCsv(file.numberedRows) : undefined;
      const content = records ?? numbered ?? (file.contentBase64 !== undefined ? Buffer.from(file.contentBase64, 'base64') : file.content !== undefined ? Buffer.from(file.content) : undefined);
      const big = file.size !== undefined ? { size: file.size } : {};
      const delivery = file.delivery !== undefined ? { delivery: file.delivery } : {};
      return { id: sim.store.addFile(run, { name: file.name, fileType: file.fileType ?? 1, kind: file.kind ?? 'csv', content, ...big, ...delivery }).id };
    },
    setFileDelivery(fileId, delivery) {
      const file = sim.store.files.get(fileId);
      if (!file) throw new Error(`No file ${fileId}`);
      file.delivery = delivery;
    },
    foreignStart: (agentId, start) => snapshot(startForeignRun(sim, agentId, start).id) as RunSnapshot,
    getRun: (runId) => {
      sim.store.schedules.settle();
      return snapshot(runId);
    },
    addSchedule(agentId, body) {
      agentOrThrow(agentId);
      const result = validateSchedule(body, sim.clock.now(), sim.wire.variants.schedulePeriodBase);
      if (!('ok' in result)) throw new Error(`Invalid schedule (${result.status}): ${result.errors.map((e) => `${e.field}: ${e.detail}`).join(' ')}`);
      return scheduleSnapshot(sim.store.schedules.add(agentId, result.ok));
    },
    getSchedule(scheduleId) {
      sim.store.schedules.settle();
      const s = sim.store.schedules.byId.get(scheduleId);
      return s ? scheduleSnapshot(s) : undefined;
    },
    setFault: (rule) => sim.faults.add(rule),
    removeFault: (id) => sim.faults.remove(id),
    clearFaults: (seed) => sim.faults.clear(seed),
    listFaults: () => sim.faults.list(),
    setHostileBodies: (route, bodies) => sim.faults.addHostileBodies(route, bodies),
    setVariants(variants) {
      sim.wire.variants = { ...sim.wire.variants, ...variants };
      return { ...sim.wire.variants };
    },
    setErrorShape: (shape, route) => sim.shapes.set(shape, route),
    setValidationStyle: (style) => void (sim.shapes.validationStyle = style),
    setStartStatus: (status) => void (sim.startStatus = status),
    setRateLimit: ({ requests, windowSeconds }) => sim.limiter.configure(requests, windowSeconds),
    rateLimitState: (key) => sim.limiter.snapshot(key),
    setForeignLoad(key, perWindow) {
      const previous = stopForeign(key);
      if (perWindow > 0) foreign.set(key, new ForeignConsumer(sim.limiter, key, perWindow));
      return previous;
    },
    foreignLoad: (key) => foreign.get(key)?.snapshot(),
    setTimeScale: (scale) => void (sim.clock.timeScale = scale),
    advanceClock(ms) {
      sim.clock.advance(ms);
      sim.store.schedules.settle();
    },
    restrictSpace(key, spaceId, allowed = false) {
      const set = sim.forbiddenSpaces.get(key) ?? new Set<number>();
      if (allowed) set.delete(spaceId);
      else set.add(spaceId);
      sim.forbiddenSpaces.set(key, set);
    },
    addApiKey: (key) => void sim.keys.add(key),
    revokeApiKey: (key) => void sim.keys.delete(key),
    setFileUrlExpiry: (ms) => void (sim.fileStore.expiryMs = ms),
    addRunHistory(agentId, spec) {
      const agent = agentOrThrow(agentId);
      const history = generateRunHistory(spec, sim.clock.now() - (spec.endHoursAgo ?? 1) * 3_600_000);
      const runs = history.map((h) => ({ h, run: sim.store.addHistoricRun(agent, {
        status: h.status, createdAt: h.createdAt, simSeconds: h.seconds, dataCount: h.records, errorCount: h.errors, pageCount: h.pages, exportCount: h.exported,
      }) }));
      return { runIds: runs.map((r) => r.run.id), brokenRunIds: runs.filter((r) => r.h.broken).map((r) => r.run.id) };
    },
    setCreditGrant: (credits) => void (sim.billing.grant = credits),
    setBillingAccess(key, allowed) {
      if (allowed) sim.billing.deniedKeys.delete(key);
      else sim.billing.deniedKeys.add(key);
    },
    counters: () => ({
      ...structuredClone(sim.counters),
      fileStore: { ...sim.fileStore.counters },
      faultsInjected: Object.fromEntries(sim.faults.injected),
      rateLimit: { requests: sim.limiter.limit, windowSeconds: sim.limiter.windowSeconds },
    }),
    resetCounters() {
      sim.counters = emptyCounters();
      sim.fileStore.resetCounters();
      sim.faults.injected.clear();
    },
  };
  return control;
}

/** `n`, then the numbers 1…rows, a line each (~8 bytes a row at millions), built in one buffer. */
function numberedRowsCsv(rows: number): Buffer {
  const lines = ['n'];
  for (let row = 1; row <= rows; row++) lines.push(String(row));
  return Buffer.from(`${lines.join('\n')}\n`);
}
