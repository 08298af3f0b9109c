import { generatedBytes, type ByteSource, type FileDelivery } from './fileDelivery';
import { iso, type SimClock } from './clock';
import { diagnosticsFor, fileContent } from './content';
import { hashSeed } from './prng';
import { ScheduleBook, type SimSchedule } from './schedules';
import { VersionBook } from './versions';
import { runLogText } from './runLog';
import { runStateAt, tableTypeFor, type RunState } from './runMachine';
import { IN_FLIGHT, Status, type FileKind, type SimAgent, type SimDiagnostics, type SimFile, type SimRun, type SimSpace } from './types';

export interface NewRunOptions {
  inputParameters?: Record<string, unknown>;
  parallelism?: number;
  parallelMaxConcurrency?: number;
  parallelExport?: string;
  carried?: Record<string, unknown>;
  /** Clock ms the run was created (a schedule fire that was due earlier); default now. */
  createdAt?: number;
}

/** Seeded history row: a finished run at a fixed status. */
export interface HistoricRun {
  status: number;
  /** Clock ms of creation; default now − 1 h. */
  createdAt?: number;
  simSeconds?: number;
  dataCount?: number;
  message?: string;
  /** Counters a generated history sets (runHistory.ts); default: derived from dataCount as for live runs. */
  errorCount?: number;
  pageCount?: number;
  exportCount?: number;
  /** The agent version it ran with; default the agent's current one. */
  configVersion?: number;
}

const FILE_SETS: Record<string, Array<[string, number, FileKind]>> = {
  good: [['data.csv', 1, 'csv'], ['data.json', 1, 'json'], ['screenshot.png', 2, 'png'], ['run.log', 6, 'log']],
  failed: [['run.log', 6, 'log'], ['run.html', 7, 'html'], ['error-screenshot.png', 2, 'png']],
  stopped: [['data.csv', 1, 'csv'], ['run.log', 6, 'log']],
};

/** All simulator data plus the run lifecycle. Statuses are settled lazily whenever a run is read. */
export class SimStore {
  readonly spaces = new Map<number, SimSpace>();
  readonly agents = new Map<number, SimAgent>();
  readonly runs = new Map<number, SimRun>();
  private readonly runsByAgent = new Map<number, SimRun[]>();
  readonly files = new Map<number, SimFile>();
  private readonly filesByRun = new Map<number, SimFile[]>();
  private readonly diagnostics = new Map<number, SimDiagnostics>();
  private nextSpace = 1;
  private nextAgent = 1001;
  private nextRun = 500001;
  private nextFile = 9001;

  /** Schedules fire on the clock: every fire that is due becomes a run (see ScheduleBook.settle). */
  readonly schedules: ScheduleBook;
  /** Agent versions (V1/V2). */
  readonly versions: VersionBook;

  constructor(readonly clock: SimClock) {
    this.versions = new VersionBook(() => clock.now());
    this.schedules = new ScheduleBook(() => clock.now(), (schedule, at) => this.fireSchedule(schedule, at));
  }

  private fireSchedule(schedule: SimSchedule, at: number): number | undefined {
    const agent = this.agents.get(schedule.agentId);
    if (!agent) return undefined;
    const o = schedule.options;
    let inputs: Record<string, unknown> = {};
    try {
      const parsed: unknown = typeof o.inputParameters === 'string' && o.inputParameters.trim() ? JSON.parse(o.inputParameters) : o.inputParameters;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) inputs = parsed as Record<string, unknown>;
    } catch {
      // a schedule's odd parameter text runs with the agent's defaults
    }
    const run = this.createRun(agent, {
      inputParameters: { ...agent.inputParameters, ...inputs }, createdAt: at,
      parallelism: typeof o.parallelism === 'number' ? o.parallelism : undefined,
      parallelMaxConcurrency: typeof o.parallelMaxConcurrency === 'number' ? o.parallelMaxConcurrency : undefined,
      parallelExport: typeof o.parallelExport === 'string' ? o.parallelExport : undefined,
    });
    run.startedBy = 'schedule';
    return run.id;
  }

  clear(): void {
    this.schedules.clear();
    this.versions.clear();
    for (const m of [this.spaces, this.agents, this.runs, this.runsByAgent, this.files, this.filesByRun, this.diagnostics]) m.clear();
    this.nextSpace = 1;
    this.nextAgent = 1001;
    this.nextRun = 500001;
    this.nextFile = 9001;
  }

  addSpace(partial: Partial<SimSpace> & { name: string }): SimSpace {
    const id = partial.id ?? this.nextSpace;
    this.nextSpace = Math.max(this.nextSpace, id + 1);
    const space: SimSpace = { organizationId: 1, created: iso(this.clock.now() - 400 * 86400_000), isDefaultAccess: false, ...partial, id };
    this.spaces.set(id, space);
    return space;
  }

  addAgent(partial: Partial<SimAgent> & { name: string }): SimAgent {
    const id = partial.id ?? this.nextAgent;
    this.nextAgent = Math.max(this.nextAgent, id + 1);
    const created = iso(this.clock.now() - 200 * 86400_000);
    const agent: SimAgent = {
      spaceId: null, configType: 1, validationStatus: 3, version: 1, isActive: true, userId: 9,
      inputParameters: {}, created, updated: created, isExclusive: false, behaviour: 'success', durationSec: 120,
      ...partial, id,
    };
    this.agents.set(id, agent);
    return agent;
  }

  private pushRun(run: SimRun): SimRun {
    this.runs.set(run.id, run);
    const list = this.runsByAgent.get(run.agentId) ?? [];
    list.push(run);
    this.runsByAgent.set(run.agentId, list);
    return run;
  }

  /** A new live run that walks Queuing → Starting → Running → Exporting → terminal on the clock. */
  createRun(agent: SimAgent, options: NewRunOptions = {}): SimRun {
    const scale = this.clock.timeScale > 0 ? this.clock.timeScale : 1;
    const run = this.pushRun({
      id: this.nextRun++, agentId: agent.id, createdAt: options.createdAt ?? this.clock.now(), lengthMs: (agent.durationSec * 1000) / scale,
      simSeconds: agent.durationSec, behaviour: agent.behaviour, failureMessage: agent.failureMessage, inputParameters: options.inputParameters ?? { ...agent.inputParameters },
      parallelism: options.parallelism ?? 1, parallelMaxConcurrency: options.parallelMaxConcurrency ?? 1,
      parallelExport: options.parallelExport ?? 'Combined', carried: options.carried, configVersion: agent.version, dataCount: 40 + (hashSeed(`count ${agent.id} ${this.nextRun}`) % 2400),
      pageCount: 0, errorCount: 0,
    });
    // The text log is listed from the start and grows while the run is in flight (runLogText).
    this.addFile(run, { name: 'run.log', fileType: 6, kind: 'log', created: iso(run.createdAt) });
    return run;
  }

  /** A finished run in history (seed data / control). It gets files and, if failed, diagnostics. */
  addHistoricRun(agent: SimAgent, h: HistoricRun): SimRun {
    const createdAt = h.createdAt ?? this.clock.now() - 3600_000;
    const simSeconds = h.simSeconds ?? agent.durationSec;
    const run = this.pushRun({
      id: this.nextRun++, agentId: agent.id, createdAt, lengthMs: simSeconds * 1000, simSeconds, behaviour: agent.behaviour,
      inputParameters: { ...agent.inputParameters }, parallelism: 1, parallelMaxConcurrency: 1, parallelExport: 'Combined', configVersion: h.configVersion ?? agent.version,
      fixedStatus: h.status, dataCount: h.dataCount ?? (h.status === Status.Success || h.status === Status.Completed ? 120 + (createdAt % 900) : 0),
      pageCount: 0, errorCount: 0,
    });
    this.finalize(run, { status: h.status, endAt: createdAt + simSeconds * 1000, message: h.message, progress: 1 });
    if (h.errorCount !== undefined) run.errorCount = h.errorCount;
    if (h.pageCount !== undefined) run.pageCount = h.pageCount;
    if (h.exportCount !== undefined) run.exportCount = h.exportCount;
    return run;
  }

  /** Current state of a run; when it just became terminal, it gets its files and diagnostics. */
  stateOf(run: SimRun): RunState {
    const state = runStateAt(run, this.clock.now());
    if (!run.final && state.endAt !== undefined) this.finalize(run, state);
    return state;
  }

  private finalize(run: SimRun, state: RunState): void {
    const failed = state.status === Status.Failure || state.status === Status.Failed;
    const message = state.message ?? (failed ? diagnosticsFor(run.agentId, run.id).errorMessage : undefined);
    run.final = { status: state.status, endAt: state.endAt ?? this.clock.now(), message };
    run.tableType = tableTypeFor(state.status);
    if (failed) {
      run.dataCount = 0;
      run.errorCount = 1 + (run.id % 4);
      this.diagnostics.set(run.id, diagnosticsFor(run.agentId, run.id));
    } else if (state.status === Status.Stopped) {
      run.dataCount = Math.round(run.dataCount * state.progress);
    }
    run.pageCount = Math.max(1, Math.ceil(run.dataCount / 25));
    const set = failed ? FILE_SETS.failed : state.status === Status.Stopped ? FILE_SETS.stopped : FILE_SETS.good;
    const created = iso(run.final.endAt);
    const hasLog = this.filesOf(run.id).some((f) => f.kind === 'log');
    for (const [name, fileType, kind] of set ?? []) if (!(hasLog && kind === 'log')) this.addFile(run, { name, fileType, kind, created });
  }

  addFile(run: SimRun, f: { name: string; fileType: number; kind: FileKind; created?: string; content?: Buffer; size?: number; delivery?: FileDelivery }): SimFile {
    const file: SimFile = { id: this.nextFile++, agentId: run.agentId, runId: run.id, created: iso(this.clock.now()), ...f };
    this.files.set(file.id, file);
    const list = this.filesByRun.get(run.id) ?? [];
    list.push(file);
    this.filesByRun.set(run.id, list);
    return file;
  }

  /** R7: the run and its files (`RemoveEntireRun`), or only its files; the caller refuses runs in flight. */
  deleteRun(run: SimRun, removeMethod: 'RemoveEntireRun' | 'RemoveAllFiles' | 'RemoveAllFilesAndAgentInput'): void {
    for (const file of this.filesOf(run.id)) this.files.delete(file.id);
    this.filesByRun.delete(run.id);
    if (removeMethod === 'RemoveAllFilesAndAgentInput') run.inputParameters = {};
    if (removeMethod !== 'RemoveEntireRun') return;
    this.runs.delete(run.id);
    this.diagnostics.delete(run.id);
    const list = this.runsByAgent.get(run.agentId) ?? [];
    this.runsByAgent.set(run.agentId, list.filter((r) => r !== run));
  }

  filesOf(runId: number): SimFile[] {
    return this.filesByRun.get(runId) ?? [];
  }

  /** Bytes of the file: a generated big file is never materialised (see sourceOf). */
  sizeOf(file: SimFile): number {
    return file.size ?? this.contentOf(file).length;
  }

  /** Reads any range of the file, big or small. */
  sourceOf(file: SimFile): ByteSource {
    if (file.size !== undefined) return generatedBytes;
    const content = this.contentOf(file);
    return (offset, length) => content.subarray(offset, offset + length);
  }

  contentOf(file: SimFile): Buffer {
    if (file.size !== undefined) throw new Error(`File ${file.id} is a generated big file: read it through sourceOf`);
    if (!file.content) {
      const run = this.runs.get(file.runId);
      const agent = this.agents.get(file.agentId);
      if (!run || !agent) return Buffer.alloc(0);
      if (file.kind === 'log') {
        // A live run's log is read as far as it got; it is kept once the run ended.
        const text = Buffer.from(runLogText(agent, run, this.stateOf(run), this.clock.now()));
        if (run.final) file.content = text;
        return text;
      }
      const failed = run.final?.status === Status.Failure || run.final?.status === Status.Failed;
      file.content = fileContent(file.kind, agent, run.id, run.dataCount, file.created, failed);
    }
    return file.content;
  }

  diagnosticsOf(runId: number): SimDiagnostics | undefined {
    return this.diagnostics.get(runId);
  }

  /** Runs of an agent, newest first. */
  runsOf(agentId: number): SimRun[] {
    return [...(this.runsByAgent.get(agentId) ?? [])].reverse();
  }

  latestRun(agentId: number): SimRun | undefined {
    const list = this.runsByAgent.get(agentId);
    return list?.[list.length - 1];
  }

  /** Last-run status of the agent; null when it never ran. */
  agentStatus(agentId: number): number | null {
    const run = this.latestRun(agentId);
    return run ? this.stateOf(run).status : null;
  }

  hasInFlightRun(agentId: number): boolean {
    return (this.runsByAgent.get(agentId) ?? []).some((r) => IN_FLIGHT.has(this.stateOf(r).status));
  }

  /** Graceful stop. false when the run is no longer active. */
  stop(run: SimRun): boolean {
    const status = this.stateOf(run).status;
    if (!IN_FLIGHT.has(status)) return false;
    if (run.stopRequestedAt === undefined) run.stopRequestedAt = this.clock.now();
    return true;
  }

  /** First kill = stop; a second kill while Stopping terminates the run immediately. */
  kill(run: SimRun): boolean {
    const status = this.stateOf(run).status;
    if (!IN_FLIGHT.has(status)) return false;
    if (status === Status.Stopping) {
      run.killedAt = this.clock.now();
      this.stateOf(run);
    } else {
      run.stopRequestedAt = this.clock.now();
    }
    return true;
  }
}
