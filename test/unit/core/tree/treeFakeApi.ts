import { writeFileSync } from 'node:fs';
import { ProblemError } from '../../../../src/core/api/errors';
import type { Agent, Page, Run, RunDiagnostics, RunFile, Space } from '../../../../src/core/api/model';
import type { Schedule } from '../../../../src/core/api/scheduleModel';
import type { SavedDownload } from '../../../../src/core/api/download';
import type { ListAgentsQuery, SequentumApi } from '../../../../src/core/api/sequentumApi';

/** What every download of this fake contains. */
export const FAKE_FILE_TEXT = 'a,b\n1,2\n';

export function problem(status: number, title: string, detail?: string, retryAfterMs?: number): ProblemError {
  return new ProblemError({ type: 'about:blank', title, status, detail, errors: [], shape: 'rfc7807', extensions: {}, retryAfterMs });
}

/**
 * In-memory SequentumApi for the tree model's caching/paging logic (what is asked, how often).
 * HTTP behaviour (wire variants, faults on the wire) is covered by the simulator-backed tests.
 */
export class TreeFakeApi implements SequentumApi {
  spaces: Space[] = [];
  agents: Agent[] = [];
  runs = new Map<number, Run[]>();
  files = new Map<number, RunFile[]>();
  schedules = new Map<number, Schedule[]>();
  readonly calls: { method: string; args: unknown[] }[] = [];
  /** Error thrown by every call of a method until cleared. */
  readonly failing = new Map<string, Error>();

  count(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  seed(spaces: number, agentsPerSpace: number, personal = 0): void {
    for (let s = 1; s <= spaces; s++) {
      this.spaces.push({ id: s, name: `Space ${s}` });
      for (let a = 1; a <= agentsPerSpace; a++) this.agents.push(agent(s * 10000 + a, `Agent ${s}-${a}`, s));
    }
    for (let p = 1; p <= personal; p++) this.agents.push(agent(900000 + p, `Mine ${p}`, null));
  }

  private call(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const error = this.failing.get(method);
    if (error) throw error;
  }

  listSpaces(): Promise<Space[]> {
    return this.answer('listSpaces', [], () => this.spaces.map((space) => ({ ...space })));
  }

  listAgents(query: ListAgentsQuery = {}): Promise<Page<Agent>> {
    return this.answer('listAgents', [query], () => {
      let items = this.agents.filter((a) => query.spaceId === undefined || a.spaceId === query.spaceId);
      if (query.name) items = items.filter((a) => a.name.toLowerCase().includes(query.name!.toLowerCase()));
      const total = items.length;
      if (query.pageIndex && query.recordsPerPage) {
        items = items.slice((query.pageIndex - 1) * query.recordsPerPage, query.pageIndex * query.recordsPerPage);
      }
      return { items, total };
    });
  }

  listSpaceAgents(spaceId: number): Promise<Agent[]> {
    return this.answer('listSpaceAgents', [spaceId], () => this.agents.filter((a) => a.spaceId === spaceId));
  }

  getAgent(agentId: number): Promise<Agent> {
    return this.answer('getAgent', [agentId], () => this.agents.find((a) => a.id === agentId)!);
  }

  searchAgents(query: string): Promise<Agent[]> {
    return this.answer('searchAgents', [query], () => this.agents.filter((a) => a.name.includes(query)));
  }

  listRuns(agentId: number, maxRecords = 50): Promise<Run[]> {
    return this.answer('listRuns', [agentId, maxRecords], () => (this.runs.get(agentId) ?? []).slice(0, maxRecords));
  }

  getRunStatus(agentId: number, runId: number): Promise<Run> {
    return this.answer('getRunStatus', [agentId, runId], () => this.runs.get(agentId)!.find((r) => r.id === runId)!);
  }

  startRun(): Promise<Run> {
    return Promise.reject(new Error('not used by the tree'));
  }

  stopRun(): Promise<void> {
    return Promise.reject(new Error('not used by the tree'));
  }

  killRun(): Promise<void> {
    return Promise.reject(new Error('not used by the tree'));
  }

  listRunFiles(agentId: number, runId: number): Promise<RunFile[]> {
    return this.answer('listRunFiles', [agentId, runId], () => this.files.get(runId) ?? []);
  }

  /** Writes the same small CSV to `destination`, as the real client would after streaming it. */
  downloadRunFileTo(agentId: number, runId: number, fileId: number, destination: string): Promise<SavedDownload> {
    return this.answer('downloadRunFileTo', [agentId, runId, fileId, destination], () => {
      writeFileSync(destination, FAKE_FILE_TEXT);
      return { path: destination, size: FAKE_FILE_TEXT.length, contentType: 'text/csv', resumed: 0, restarted: 0 };
    });
  }

  getRunDiagnostics(agentId: number, runId: number): Promise<RunDiagnostics> {
    return this.answer('getRunDiagnostics', [agentId, runId], () => ({ runId, agentId, possibleCauses: [], suggestedActions: [] }));
  }

  getLatestFailure(agentId: number): Promise<RunDiagnostics> {
    return this.answer('getLatestFailure', [agentId], () => ({ agentId, possibleCauses: [], suggestedActions: [] }));
  }

  listSchedules(agentId: number): Promise<Schedule[]> {
    return this.answer('listSchedules', [agentId], () => [...(this.schedules.get(agentId) ?? [])]);
  }

  getSchedule = () => Promise.reject(new Error('not in this fake'));
  createSchedule = () => Promise.reject(new Error('not in this fake'));
  updateSchedule = () => Promise.reject(new Error('not in this fake'));
  deleteSchedule = () => Promise.reject(new Error('not in this fake'));
  setScheduleEnabled = () => Promise.reject(new Error('not in this fake'));
  listUpcomingFires = () => Promise.reject(new Error('not in this fake'));

  private answer<T>(method: string, args: unknown[], value: () => T): Promise<T> {
    try {
      this.call(method, ...args);
      return Promise.resolve(value());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export function agent(id: number, name: string, spaceId: number | null, lastStatus: number | null = 10): Agent {
  return { id, name, spaceId, lastStatus, inputParameters: {} };
}

export function makeRuns(agentId: number, count: number, firstId = 1): Run[] {
  const base = Date.parse('2026-01-01T00:00:00Z');
  // Newest first, as the API answers.
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + count - 1 - i;
    const created = new Date(base + id * 60_000).toISOString();
    return { id, agentId, status: 10, created, startTime: created, recordsExtracted: 1204 };
  });
}
