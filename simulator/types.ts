import type { FileDelivery } from './fileDelivery';
/** Internal records of the simulator (camelCase, integer enums). wire.ts turns them into wire shapes. */

// Deliberately a copy of the codes in src/core/api/model.ts: the simulator stands in for the server, so it must not share the client's model (a client-side mistake would otherwise agree with itself).
export const Status = {
  Invalid: 0,
  Running: 1,
  Exporting: 2,
  Starting: 3,
  Queuing: 4,
  Stopping: 5,
  Failure: 6,
  Failed: 7,
  Stopped: 8,
  Completed: 9,
  Success: 10,
  Skipped: 11,
  Waiting: 12,
} as const;

export const STATUS_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(Status).map(([k, v]) => [v, k]));
export const IN_FLIGHT: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 12]);

/**
 * How runs of an agent end: `success` (has success criteria → 10), `completed` (no criteria → 9),
 * `failure` (→ 6 with diagnostics), `endless` (keeps Running until stopped — for stop/kill tests).
 */
export type AgentBehaviour = 'success' | 'completed' | 'failure' | 'endless';

export interface SimSpace {
  id: number;
  name: string;
  description?: string;
  organizationId: number;
  created: string;
  isDefaultAccess: boolean;
}

export interface SimAgent {
  id: number;
  name: string;
  description?: string;
  documentation?: string;
  /** null = personal space. */
  spaceId: number | null;
  configType: number;
  validationStatus: number;
  version: number;
  isActive: boolean;
  userId: number;
  startUrl?: string;
  inputParameters: Record<string, string>;
  created: string;
  updated: string;
  isExclusive: boolean;
  behaviour: AgentBehaviour;
  /** The message a failing run ends with (behaviour 'failure'); default "Agent failed: success criteria not met". */
  failureMessage?: string;
  /** Realistic run length in seconds (scaled by timeScale at run creation). */
  durationSec: number;
}

export interface SimRun {
  id: number;
  agentId: number;
  /** Clock ms when created. */
  createdAt: number;
  /** Clock ms a run of this length takes (duration ÷ timeScale at creation). */
  lengthMs: number;
  /** Realistic seconds, reported as runTimeSec. */
  simSeconds: number;
  behaviour: AgentBehaviour;
  /** Copied from the agent at creation. */
  failureMessage?: string;
  inputParameters: Record<string, unknown>;
  parallelism: number;
  parallelMaxConcurrency: number;
  parallelExport: string;
  /** logLevel, logMode, proxyPoolId, isExclusive, isWaitOnFailure as the start sent them. */
  carried?: Record<string, unknown>;
  /** The agent's version when the run was created (reported as configVersion). */
  configVersion?: number;
  /** Set for a run a teammate or a schedule started (control `foreignStart`); reported as `startedBy`. */
  startedBy?: 'teammate' | 'schedule';
  stopRequestedAt?: number;
  /** Second kill while stopping: terminated at this clock ms. */
  killedAt?: number;
  /** Set once the run reached a terminal status and got its files/diagnostics. */
  final?: { status: number; endAt: number; message?: string };
  /** Seeded history rows are frozen at a fixed status. */
  fixedStatus?: number;
  tableType?: 'run' | 'history';
  dataCount: number;
  pageCount: number;
  errorCount: number;
  /** Records exported, when a seeded history says so; otherwise all records of an error-free run (billing.ts exportCountOf). */
  exportCount?: number;
}

export type FileKind = 'csv' | 'json' | 'log' | 'png' | 'html';

export interface SimFile {
  id: number;
  agentId: number;
  runId: number;
  name: string;
  fileType: number;
  kind: FileKind;
  created: string;
  /** Content is generated deterministically; cached after the first build. */
  content?: Buffer;
  /** A generated big file of this many bytes (generatedBytes), streamed and never held whole. */
  size?: number;
  /** How the file store sends it (slow, stalls, drops, no ranges, unknown size). */
  delivery?: FileDelivery;
}

export interface SimDiagnostics {
  errorMessage: string;
  possibleCauses: string[];
  suggestedActions: string[];
}
