// Payload builders: the domain values tests feed the fake API and the tree, with sensible
// defaults so a test names only what it is about.
import { ProblemError } from '../../src/core/api/errors';
import type { Agent, Run, RunFile, Space } from '../../src/core/api/model';

/** A problem-details error as the client raises it for an HTTP error answer. */
export function problem(status: number, title: string, detail?: string, retryAfterMs?: number): ProblemError {
  return new ProblemError({ type: 'about:blank', title, status, detail, errors: [], shape: 'rfc7807', extensions: {}, retryAfterMs });
}

/** An agent in a space (null = Personal), last status Succeeded (10) unless told. */
export function agent(id: number, name: string, spaceId: number | null = 1, lastStatus: number | null = 10, inputParameters: Agent['inputParameters'] = {}): Agent {
  return { id, name, spaceId, lastStatus, inputParameters };
}

export function space(id: number, name = `Space ${id}`): Space {
  return { id, name };
}

/** `count` finished runs of an agent, newest first as the API answers, ids firstId … firstId+count−1. */
export function makeRuns(agentId: number, count: number, firstId = 1): Run[] {
  const base = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + count - 1 - i;
    const created = new Date(base + id * 60_000).toISOString();
    return { id, agentId, status: 10, created, startTime: created, recordsExtracted: 1204 };
  });
}

export function runFile(id: number, name: string, fileSize?: number): RunFile {
  return { id, name, fileSize };
}
