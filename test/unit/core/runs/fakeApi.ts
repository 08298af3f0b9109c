import { AmbiguousRequestError, NetworkError, ProblemError } from '../../../../src/core/api/errors';
import type { Agent, Page, Run, StartRunOptions } from '../../../../src/core/api/model';
import type { RequestOptions, SequentumApi } from '../../../../src/core/api/sequentumApi';
import type { FakeClock } from './fakeClock';

/** How the fake answers the next POST start. */
export type StartBehaviour =
  | 'ok'
  /** Creates the run, then loses the answer (connection reset after commit). */
  | 'commit-then-drop'
  /** Loses the request: nothing created, ambiguous error. */
  | 'drop'
  | { status: number; title: string };

export function problem(status: number, title: string, detail?: string): ProblemError {
  return new ProblemError({ type: 'about:blank', title, status, detail, errors: [], shape: 'rfc7807', extensions: {} });
}

/**
 * An in-memory SequentumApi for the run layer's decision logic: counts every call by kind and
 * priority, lets a test hold the POST open, and scripts what the start does.
 */
export class FakeApi implements SequentumApi {
  readonly runs = new Map<number, Run[]>();
  readonly calls: { method: string; priority: string; at: number }[] = [];
  startBehaviour: StartBehaviour = 'ok';
  /** When set, startRun waits for this promise before answering. */
  startGate: Promise<void> | undefined;
  /** Status getRunStatus reports next for a run id (consumed in order). */
  readonly statusScript = new Map<number, number[]>();
  statusError: Error | undefined;
  agents: Agent[] = [];
  readonly startBodies: StartRunOptions[] = [];
  private nextId = 1000;

  constructor(private readonly clock: FakeClock) {}

  count(method: string, priority?: string): number {
    return this.calls.filter((call) => call.method === method && (!priority || call.priority === priority)).length;
  }

  addRun(agentId: number, status: number, minutesAgo = 5): Run {
    const created = new Date(this.clock.wallNow() - minutesAgo * 60_000).toISOString();
    const run: Run = { id: this.nextId++, agentId, status, created, startTime: created };
    this.runs.set(agentId, [run, ...(this.runs.get(agentId) ?? [])]);
    return run;
  }

  private record(method: string, options?: RequestOptions): void {
    this.calls.push({ method, priority: options?.priority ?? 'user', at: this.clock.now() });
  }

  listRuns(agentId: number, maxRecords = 50, options?: RequestOptions): Promise<Run[]> {
    this.record('listRuns', options);
    return Promise.resolve((this.runs.get(agentId) ?? []).slice(0, maxRecords).map((run) => ({ ...run })));
  }

  async startRun(agentId: number, body: StartRunOptions, options?: RequestOptions): Promise<Run> {
    this.record('startRun', options);
    this.startBodies.push(body);
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

  getRunStatus(agentId: number, runId: number, options?: RequestOptions): Promise<Run> {
    this.record('getRunStatus', options);
    if (this.statusError) return Promise.reject(this.statusError);
    const run = this.runs.get(agentId)?.find((r) => r.id === runId);
    if (!run) return Promise.reject(problem(404, 'Not Found'));
    const next = this.statusScript.get(runId)?.shift();
    if (next !== undefined) run.status = next;
    return Promise.resolve({ ...run });
  }

  stopRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    this.record('stopRun', options);
    const run = this.runs.get(agentId)?.find((r) => r.id === runId);
    if (run) run.status = 5;
    return Promise.resolve();
  }

  killRun(agentId: number, runId: number, options?: RequestOptions): Promise<void> {
    this.record('killRun', options);
    const run = this.runs.get(agentId)?.find((r) => r.id === runId);
    if (run) run.status = 8;
    return Promise.resolve();
  }

  listAgents(_query?: unknown, options?: RequestOptions): Promise<Page<Agent>> {
    this.record('listAgents', options);
    return Promise.resolve({ items: this.agents.map((agent) => ({ ...agent, inputParameters: {} })) });
  }

  /** The list leaves parameters out (as the fake's listAgents does); the agent itself has them. */
  getAgent(agentId: number, options?: RequestOptions): Promise<Agent> {
    this.record('getAgent', options);
    const agent = this.agents.find((a) => a.id === agentId);
    return agent ? Promise.resolve({ ...agent }) : Promise.reject(problem(404, 'Agent not found'));
  }
  listSpaces = () => Promise.reject(new Error('not in this fake'));
  listSpaceAgents = () => Promise.reject(new Error('not in this fake'));
  searchAgents = () => Promise.reject(new Error('not in this fake'));
  listRunFiles = () => Promise.reject(new Error('not in this fake'));
  downloadRunFileTo = () => Promise.reject(new Error('not in this fake'));
  getRunDiagnostics = () => Promise.reject(new Error('not in this fake'));
  getLatestFailure = () => Promise.reject(new Error('not in this fake'));
  listSchedules = () => Promise.reject(new Error('not in this fake'));
  getSchedule = () => Promise.reject(new Error('not in this fake'));
  createSchedule = () => Promise.reject(new Error('not in this fake'));
  updateSchedule = () => Promise.reject(new Error('not in this fake'));
  deleteSchedule = () => Promise.reject(new Error('not in this fake'));
  setScheduleEnabled = () => Promise.reject(new Error('not in this fake'));
  listUpcomingFires = () => Promise.reject(new Error('not in this fake'));
}
