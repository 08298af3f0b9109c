import { writeFileSync } from 'node:fs';
import type { Credits, RecordsSummary, RunCostPage, RunCostQuery, Spending } from '../../src/core/api/billingModel';
import type { SavedDownload } from '../../src/core/api/download';
import { AmbiguousRequestError, NetworkError } from '../../src/core/api/errors';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space, StartRunOptions } from '../../src/core/api/model';
import type { Schedule } from '../../src/core/api/scheduleModel';
import type { ListAgentsQuery, RequestOptions, SequentumApi } from '../../src/core/api/sequentumApi';
import { agent, problem, space } from './builders';

/** How the fake answers the next POST start. */
export type StartBehaviour =
  | 'ok'
  /** Creates the run, then loses the answer (connection reset after commit). */
  | 'commit-then-drop'
  /** Loses the request: nothing created, ambiguous error. */
  | 'drop'
  | { status: number; title: string };

/** One call the fake answered: method, arguments, lane and (fake-clock) time. */
export interface FakeCall {
  method: string;
  args: unknown[];
  priority: string;
  at: number;
}

/** A fixed clock for tests that do not move time. */
const FIXED_CLOCK = { now: () => 0, wallNow: () => Date.parse('2026-01-01T12:00:00Z') };

/** What every download of this fake contains. */
export const FAKE_FILE_TEXT = 'a,b\n1,2\n';

/**
 * The one in-memory SequentumApi for decision logic (the tree's caching and paging, the run layer's
 * start / poll / stop): it records every call (method, arguments, lane, time), lets a test make a
 * method fail, hold the POST start open or script what it does, and script the statuses a poll
 * reads. HTTP behaviour (wire variants, faults on the wire) is covered by the simulator-backed tests.
 */
export class FakeApi implements SequentumApi {
  spaces: Space[] = [];
  agents: Agent[] = [];
  /** Runs per agent id, newest first. */
  readonly runs = new Map<number, Run[]>();
  /** Output files per run id. */
  readonly files = new Map<number, RunFile[]>();
  /** Schedules per agent id. */
  readonly schedules = new Map<number, Schedule[]>();
  readonly calls: FakeCall[] = [];
  /** Error thrown by every call of a method until cleared. */
  readonly failing = new Map<string, Error>();
  startBehaviour: StartBehaviour = 'ok';
  /** When set, startRun waits for this promise before answering. */
  startGate: Promise<void> | undefined;
  /** When set, startRun waits for this promise before it is sent (the budget queue holding it). */
  sendGate: Promise<void> | undefined;
  /** Status getRunStatus reports next for a run id (consumed in order). */
  readonly statusScript = new Map<number, number[]>();
  statusError: Error | undefined;
  readonly startBodies: StartRunOptions[] = [];
  /** B1 / B2 answers (the failing map makes them reject, e.g. with a 403). */
  credits: Credits = { availableCredits: 1234.5 };
  spending: Spending = { totalSpent: 87.25 };
  /** B6: cost per run id (every agent); runs without one are not listed. */
  readonly runCosts = new Map<number, number>();
  private nextId = 1000;

  constructor(private readonly clock: { now(): number; wallNow(): number } = FIXED_CLOCK) {}

  /** Calls of a method (in one lane when given). */
  count(method: string, priority?: string): number {
    return this.calls.filter((call) => call.method === method && (!priority || call.priority === priority)).length;
  }

  /** `spaces` spaces of `agentsPerSpace` agents each (ids s·10000 + a), plus `personal` agents without a space. */
  seed(spaces: number, agentsPerSpace: number, personal = 0): void {
    for (let s = 1; s <= spaces; s++) {
      this.spaces.push(space(s));
      for (let a = 1; a <= agentsPerSpace; a++) this.agents.push(agent(s * 10000 + a, `Agent ${s}-${a}`, s));
    }
    for (let p = 1; p <= personal; p++) this.agents.push(agent(900000 + p, `Mine ${p}`, null));
  }

  /** A run of the agent created `minutesAgo` before the clock's now, in this status; newest first. */
  addRun(agentId: number, status: number, minutesAgo = 5): Run {
    const created = new Date(this.clock.wallNow() - minutesAgo * 60_000).toISOString();
    // Like the server's configName: the agent's name when this fake knows the agent.
    const agentName = this.agents.find((agent) => agent.id === agentId)?.name;
    const run: Run = { id: this.nextId++, agentId, ...(agentName !== undefined ? { agentName } : {}), status, created, startTime: created };
    this.runs.set(agentId, [run, ...(this.runs.get(agentId) ?? [])]);
    return run;
  }

  listSpaces(options?: RequestOptions): Promise<Space[]> {
    return this.answer('listSpaces', [], options, () => this.spaces.map((s) => ({ ...s })));
  }

  /** Filters by space and name, pages when asked; the list leaves input parameters out (`getAgent` has them). */
  listAgents(query: ListAgentsQuery = {}, options?: RequestOptions): Promise<Page<Agent>> {
    return this.answer('listAgents', [query], options, () => {
      let items = this.agents.filter((a) => query.spaceId === undefined || a.spaceId === query.spaceId);
      if (query.name) items = items.filter((a) => a.name.toLowerCase().includes(query.name!.toLowerCase()));
      const total = items.length;
      if (query.pageIndex && query.recordsPerPage) {
        items = items.slice((query.pageIndex - 1) * query.recordsPerPage, query.pageIndex * query.recordsPerPage);
      }
      return { items: items.map((a) => ({ ...a, inputParameters: {} })), total };
    });
  }

  listSpaceAgents(spaceId: number, options?: RequestOptions): Promise<Agent[]> {
    return this.answer('listSpaceAgents', [spaceId], options, () => this.agents.filter((a) => a.spaceId === spaceId));
  }

  getAgent(agentId: number, options?: RequestOptions): Promise<Agent> {
    return this.answer('getAgent', [agentId], options, () => {
      const found = this.agents.find((a) => a.id === agentId);
      if (!found) throw problem(404, 'Agent not found');
      return { ...found };
    });
  }

  searchAgents(query: string, _max?: number, options?: RequestOptions): Promise<Agent[]> {
    return this.answer('searchAgents', [query], options, () => this.agents.filter((a) => a.name.includes(query)));
  }

  listRuns(agentId: number, maxRecords = 50, options?: RequestOptions): Promise<Run[]> {
    return this.answer('listRuns', [agentId, maxRecords], options, () => (this.runs.get(agentId) ?? []).slice(0, maxRecords).map((run) => ({ ...run })));
  }

  getRunStatus(agentId: number, runId: number, options?: RequestOptions): Promise<Run> {
    return this.answer('getRunStatus', [agentId, runId], options, () => {
      if (this.statusError) throw this.statusError;
      const run = this.runs.get(agentId)?.find((r) => r.id === runId);
      if (!run) throw problem(404, 'Not Found');
      const next = this.statusScript.get(runId)?.shift();
      if (next !== undefined) run.status = next;
      return { ...run };
    });
  }

  async startRun(agentId: number, body: StartRunOptions, options?: RequestOptions): Promise<Run> {
    this.record('startRun', [agentId, body], options);
    this.startBodies.push(body);
    if (this.sendGate) await this.sendGate;
    const sentAt = this.clock.wallNow();
    if (this.startGate) await this.startGate;
    const behaviour = this.startBehaviour;
    if (typeof behaviour === 'object') throw problem(behaviour.status, behaviour.title);
    const reset = new NetworkError('socket hang up', 'ECONNRESET');
    if (behaviour === 'drop') throw new AmbiguousRequestError('POST', `/api/v1/agent/${agentId}/start`, reset, sentAt);
    const run = this.addRun(agentId, 4, 0);
    if (behaviour === 'commit-then-drop') throw new AmbiguousRequestError('POST', `/api/v1/agent/${agentId}/start`, reset, sentAt);
    return { ...run };
  }

  stopRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    return this.answer('stopRun', [agentId, runId], options, () => this.setStatus(agentId, runId, 5));
  }

  killRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    return this.answer('killRun', [agentId, runId], options, () => this.setStatus(agentId, runId, 8));
  }

  listRunFiles(agentId: number, runId: number, options?: RequestOptions): Promise<RunFile[]> {
    return this.answer('listRunFiles', [agentId, runId], options, () => this.files.get(runId) ?? []);
  }


  /** Writes the same small CSV to `destination`, as the real client would after streaming it. */
  downloadRunFileTo(agentId: number, runId: number, fileId: number, destination: string): Promise<SavedDownload> {
    return this.answer('downloadRunFileTo', [agentId, runId, fileId, destination], undefined, () => {
      writeFileSync(destination, FAKE_FILE_TEXT);
      return { path: destination, size: FAKE_FILE_TEXT.length, contentType: 'text/csv', resumed: 0, restarted: 0 };
    });
  }

  getRunDiagnostics(agentId: number, runId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.answer('getRunDiagnostics', [agentId, runId], options, () => ({ runId, agentId, possibleCauses: [], suggestedActions: [] }));
  }

  getLatestFailure(agentId: number, options?: RequestOptions): Promise<RunDiagnostics> {
    return this.answer('getLatestFailure', [agentId], options, () => ({ agentId, possibleCauses: [], suggestedActions: [] }));
  }

  listSchedules(agentId: number, options?: RequestOptions): Promise<Schedule[]> {
    return this.answer('listSchedules', [agentId], options, () => [...(this.schedules.get(agentId) ?? [])]);
  }

  getSchedule = () => Promise.reject(new Error('not in this fake'));
  createSchedule = () => Promise.reject(new Error('not in this fake'));
  updateSchedule = () => Promise.reject(new Error('not in this fake'));
  deleteSchedule = () => Promise.reject(new Error('not in this fake'));
  setScheduleEnabled = () => Promise.reject(new Error('not in this fake'));
  listUpcomingFires = () => Promise.reject(new Error('not in this fake'));
  getRunsSummary = () => Promise.reject(new Error('not in this fake'));
  deleteRun = () => Promise.reject(new Error('not in this fake'));
  runAllInSpace = () => Promise.reject(new Error('not in this fake'));
  listVersions = () => Promise.reject(new Error('not in this fake'));
  restoreVersion = () => Promise.reject(new Error('not in this fake'));

  getCredits(options?: RequestOptions): Promise<Credits> {
    return this.answer('getCredits', [], options, () => ({ ...this.credits }));
  }

  getSpending(range?: { startDate: string; endDate: string }, options?: RequestOptions): Promise<Spending> {
    return this.answer('getSpending', [range], options, () => ({ ...this.spending }));
  }

  /** The agent's listed runs that have a cost, newest first, one page. */
  listRunCosts(agentId: number, query: RunCostQuery, options?: RequestOptions): Promise<RunCostPage> {
    return this.answer('listRunCosts', [agentId, query], options, () => {
      const runs = (this.runs.get(agentId) ?? []).filter((r) => this.runCosts.has(r.id)).map((r) => ({ runId: r.id, cost: this.runCosts.get(r.id) ?? 0 }));
      return { runs, total: runs.length, pageCost: runs.reduce((sum, r) => sum + r.cost, 0) };
    });
  }

  getRecordsSummary(query?: unknown, options?: RequestOptions): Promise<RecordsSummary> {
    return this.answer('getRecordsSummary', [query], options, () => ({ totalRecordsExtracted: 0, totalRecordsExported: 0, totalErrors: 0, totalPageLoads: 0, runCount: 0 }));
  }

  getCreditHistory = () => Promise.reject(new Error('not in this fake'));
  listAgentCosts = () => Promise.reject(new Error('not in this fake'));
  getAgentCostSeries = () => Promise.reject(new Error('not in this fake'));

  private setStatus(agentId: number, runId: number, status: number): void {
    const run = this.runs.get(agentId)?.find((r) => r.id === runId);
    if (run) run.status = status;
  }

  private record(method: string, args: unknown[], options?: RequestOptions): void {
    this.calls.push({ method, args, priority: options?.priority ?? 'user', at: this.clock.now() });
    const error = this.failing.get(method);
    if (error) throw error;
  }

  private answer<T>(method: string, args: unknown[], options: RequestOptions | undefined, value: () => T): Promise<T> {
    try {
      this.record(method, args, options);
      return Promise.resolve(value());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
