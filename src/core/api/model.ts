import { l10n } from '../text/l10n';

/**
 * The one internal model every wire variant maps onto (see shared/docs/sequentum-api.md).
 * Wire parsing lives in wire.ts; nothing outside src/core/api should see raw wire objects.
 */

/** Run status codes as the API sends them (integers; names are mapped to these). */
export const RunStatus = {
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
  UpdatingDataSet: 13,
} as const;

/** A run status code. Unknown codes are kept as numbers and shown as "unknown (N)". */
export type RunStatusCode = number;

/**
 * Code used when the server sent a status *name* the extension does not know; the name itself is
 * kept in `statusName` so the label can say "unknown (Paused)".
 */
export const UNKNOWN_STATUS_NAME_CODE = -1;

/** Statuses in which a run is in flight: the duplicate-run check and polling use this set. */
export const IN_FLIGHT_STATUSES: ReadonlySet<RunStatusCode> = new Set([1, 2, 3, 4, 5, 12, 13]);

/** Coarse outcome used for icons, filters and notifications. */
export type RunOutcome = 'in-flight' | 'succeeded' | 'failed' | 'stopped' | 'skipped' | 'unknown';

export function runOutcome(status: RunStatusCode | null | undefined): RunOutcome {
  if (status === null || status === undefined) return 'unknown';
  if (IN_FLIGHT_STATUSES.has(status)) return 'in-flight';
  switch (status) {
    case 9:
    case 10:
      return 'succeeded';
    case 6:
    case 7:
      return 'failed';
    case 8:
      return 'stopped';
    case 11:
      return 'skipped';
    default:
      return 'unknown';
  }
}

/**
 * The label of each known status, translated when read (a table of functions: the words are looked
 * up after the platform installed its translator, and each is a literal the l10n extractor sees).
 */
const STATUS_LABELS: Readonly<Record<RunStatusCode, () => string>> = {
  [RunStatus.Invalid]: () => l10n.t('Invalid'),
  [RunStatus.Running]: () => l10n.t('Running'),
  [RunStatus.Exporting]: () => l10n.t('Exporting'),
  [RunStatus.Starting]: () => l10n.t('Starting'),
  [RunStatus.Queuing]: () => l10n.t('Queuing'),
  [RunStatus.Stopping]: () => l10n.t('Stopping'),
  [RunStatus.Failure]: () => l10n.t('Failure'),
  [RunStatus.Failed]: () => l10n.t('Failed'),
  [RunStatus.Stopped]: () => l10n.t('Stopped'),
  [RunStatus.Completed]: () => l10n.t('Completed'),
  [RunStatus.Success]: () => l10n.t('Success'),
  [RunStatus.Skipped]: () => l10n.t('Skipped'),
  [RunStatus.Waiting]: () => l10n.t('Waiting'),
  [RunStatus.UpdatingDataSet]: () => l10n.t('Updating data set'),
};

/**
 * Human label for a status: "Running", or "unknown (42)" for codes the extension does not know.
 * `wireName` (Run.statusName / Agent.lastStatusName) names a status the server sent as text.
 */
export function runStatusLabel(status: RunStatusCode | null | undefined, wireName?: string): string {
  if (status === null || status === undefined) return l10n.t('never run');
  if (status === UNKNOWN_STATUS_NAME_CODE && wireName) return l10n.t('unknown ({0})', wireName);
  return Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status]() : l10n.t('unknown ({0})', status);
}

export interface Space {
  id: number;
  name: string;
  description?: string;
}

export interface Agent {
  id: number;
  name: string;
  description?: string;
  /** null = the user's personal space. */
  spaceId: number | null;
  /** Status of the agent's last run; null when it never ran. */
  lastStatus: RunStatusCode | null;
  /** The status as the server spelled it, when it sent a name rather than a code. */
  lastStatusName?: string;
  /** Declared input parameters and their default values (may be empty strings). */
  inputParameters: Record<string, string>;
  version?: number;
  isActive?: boolean;
  /** ISO 8601 UTC. */
  lastActivity?: string;
  startUrl?: string;
}

export interface Run {
  id: number;
  agentId: number;
  agentName?: string;
  status: RunStatusCode;
  /** The status as the server spelled it, when it sent a name ("CompletedWithErrors") rather than a code. */
  statusName?: string;
  /** Error or status message from the server. */
  message?: string;
  /** ISO 8601 UTC. */
  created?: string;
  startTime?: string;
  endTime?: string;
  recordsExtracted?: number;
  recordsExported?: number;
  errorCount?: number;
  /** Page loads (§7 R3 `pageCount`). */
  pageCount?: number;
  runTimeSec?: number;
  /** "run" (active table) or "history". */
  tableType?: string;
  /** The agent version the run ran with (§7 R3 `configVersion`). */
  configVersion?: number;
  /**
   * The start options the run carries, as the server reports them (§7 R3 always has the parallel
   * options; some deployments also send inputParameters, logLevel, logMode). Used to tell the run
   * an ambiguous start created from a teammate's or a schedule's run. Absent when it carries none.
   */
  startOptions?: CarriedStartOptions;
}

/** Start options as a run reports them: like StartRunOptions, but enum values kept as sent. */
export interface CarriedStartOptions {
  inputParameters?: Record<string, unknown>;
  parallelism?: number;
  parallelMaxConcurrency?: number;
  parallelExport?: string;
  proxyPoolId?: number;
  isExclusive?: boolean;
  isWaitOnFailure?: boolean;
  logLevel?: string;
  logMode?: string;
}

export interface RunFile {
  id: number;
  name: string;
  /** fileType code (1 DeliveredFile … 8 InternalContentCache) or the name the server sent. */
  fileType?: number | string;
  /** Bytes. */
  fileSize?: number;
  created?: string;
}

export interface RunDiagnostics {
  runId?: number;
  agentId?: number;
  agentName?: string;
  status?: RunStatusCode;
  errorMessage?: string;
  startTime?: string;
  endTime?: string;
  runtimeSeconds?: number;
  stats?: Partial<Record<'dataCount' | 'inputCount' | 'errorCount' | 'pageCount' | 'exportCount' | 'traffic', number>>;
  possibleCauses: string[];
  suggestedActions: string[];
}

/** Start-run request body (§7 R1). `inputParameters` is an object here; the client serialises it. */
export interface StartRunOptions {
  inputParameters?: Record<string, unknown>;
  isRunSynchronously?: boolean;
  timeout?: number;
  parallelism?: number;
  parallelMaxConcurrency?: number;
  parallelExport?: 'Combined' | 'Separated';
  proxyPoolId?: number;
  isExclusive?: boolean;
  isWaitOnFailure?: boolean;
  logLevel?: 'Fatal' | 'Error' | 'Warning' | 'Info';
  logMode?: 'Text' | 'TextAndHtml';
}

/** One page of a paged list; `total` when the server reported it. */
export interface Page<T> {
  items: T[];
  total?: number;
}
