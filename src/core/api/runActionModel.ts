/** Models of run deletion (R7), run-all (P5) and agent versions (V1/V2). */

/** §7 R7 `removeMethod`: what a delete removes. Default RemoveEntireRun (the record and all its files). */
export type RemoveMethod = 'RemoveEntireRun' | 'RemoveAllFiles' | 'RemoveAllFilesAndAgentInput';

/** One agent's line of a P5 answer. */
export interface RunAllAgentResult {
  agentId: number;
  agentName?: string;
  success: boolean;
  /** The new run's id when it started. */
  runId?: number;
  /** The server's reason when it did not (untrusted text). */
  errorMessage?: string;
}

/** P5 `POST spaces/{id}/run-all` answer. */
export interface RunAllResult {
  spaceId?: number;
  spaceName?: string;
  totalAgents: number;
  agentsStarted: number;
  agentsFailed: number;
  results: RunAllAgentResult[];
}

/** V1: one version of an agent. */
export interface AgentVersion {
  version: number;
  /** Who saved it. */
  userName?: string;
  /** ISO 8601 UTC. */
  created?: string;
  comments?: string;
  /** Bytes. */
  fileSize?: number;
}
