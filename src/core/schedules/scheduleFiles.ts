import { parse, type ParseError } from 'jsonc-parser';
import { AmbiguousRequestError, ProblemError } from '../api/errors';
import type { Schedule, ScheduleInput } from '../api/scheduleModel';
import type { SequentumApi } from '../api/sequentumApi';
import type { DiagnosticDescription } from '../diagnostics/diagnosticDescription';
import { problemDiagnostics } from '../diagnostics/problemDiagnostics';
import { describeError } from '../errors/describeError';
import type { Logger } from '../log';
import type { RemoteResource, RemoteResourceKind, RemoteWriteOutcome } from '../remote/remoteFileSystem';
import { parseObjectDocument } from '../runConfig/runConfigDocument';
import { l10n } from '../text/l10n';
import { localProblemDiagnostics } from './scheduleDocumentChecks';
import { formatScheduleDocument, newScheduleDocument, readScheduleDocument } from './scheduleDocument';

/** `/<env>/agents/<agentId>/schedules/<scheduleId>.json`, or `new.json` for one not created yet. */
export function schedulePath(envId: string, agentId: number, scheduleId: number | 'new'): string {
  return `/${encodeURIComponent(envId)}/agents/${agentId}/schedules/${scheduleId}.json`;
}

/** What a schedule document needs from the rest of the extension (ports, so tests pass plain functions). */
export interface ScheduleFileDeps {
  /** The environment's client; rejects with NoApiKeyError without a key. */
  api(envId: string): Promise<SequentumApi>;
  /** The schedule changed on the server since the document was opened: true = overwrite it anyway. */
  confirmOverwrite(name: string): Promise<boolean>;
  /** Problems to show on the document (replacing earlier ones; [] clears them). */
  showProblems(path: string, problems: DiagnosticDescription[]): void;
  /** A save went through: the tree shows the schedule as the server now has it. */
  saved(envId: string, schedule: Schedule, created: boolean): void;
  /** IANA zone a new schedule starts in (the user's). */
  timeZone(): string;
  log: Logger;
}

export type ScheduleSaveFailure = 'invalid' | 'refused' | 'conflict' | 'gone' | 'unclear' | 'failed';

/**
 * A save that did not happen. The editor keeps the text dirty, so nothing is lost; `retryable`
 * says whether saving again unchanged may succeed (network, timeout, 5xx, 429) — the adapter
 * offers Retry then. `reason` tells refusals (shown as diagnostics) from failures.
 */
export class ScheduleSaveError extends Error {
  constructor(
    readonly reason: ScheduleSaveFailure,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScheduleSaveError';
  }
  static is(value: unknown): value is ScheduleSaveError {
    return value instanceof ScheduleSaveError;
  }
}

const USER = { priority: 'user' } as const;

/**
 * Schedules as documents. Reading is S3 (or a template for new.json); saving is S4 for an
 * existing schedule and S2 for new.json, both in the user lane. Which writes are repeated and why:
 * - S4 PUT is idempotent (the same body twice leaves the same schedule), so the client's pipeline
 *   repeats it on 5xx/429/timeouts like a GET;
 * - S2 POST is never repeated blindly — a second POST would create a second schedule. When its
 *   answer is lost (AmbiguousRequestError), S1 tells whether it was created.
 * Before S4, a fresh S3 is compared with what was read when the document opened: a schedule
 * changed elsewhere is overwritten only when the user says so.
 */
export class ScheduleFiles implements RemoteResourceKind {
  readonly name = 'schedule';
  /** The server's version each open document was read from (its path → the schedule). */
  private readonly opened = new Map<string, Schedule>();

  constructor(private readonly deps: ScheduleFileDeps) {}

  resolve(envId: string, segments: readonly string[]): RemoteResource | undefined {
    const [agents, agentText, schedules, file] = segments;
    if (segments.length !== 4 || agents !== 'agents' || schedules !== 'schedules' || !/^\d{1,15}$/.test(agentText ?? '')) return undefined;
    const agentId = Number(agentText);
    const match = /^(\d{1,15}|new)\.json$/.exec(file ?? '');
    if (!match) return undefined;
    const path = schedulePath(envId, agentId, match[1] === 'new' ? 'new' : Number(match[1]));
    if (match[1] === 'new') {
      return { read: () => Promise.resolve(newScheduleDocument(this.deps.timeZone())), write: (text) => this.save(path, envId, agentId, undefined, text) };
    }
    const scheduleId = Number(match[1]);
    return {
      read: async () => {
        const schedule = await (await this.deps.api(envId)).getSchedule(agentId, scheduleId, USER);
        this.opened.set(path, schedule);
        return formatScheduleDocument(schedule);
      },
      write: (text) => this.save(path, envId, agentId, scheduleId, text),
    };
  }

  private async save(path: string, envId: string, agentId: number, scheduleId: number | undefined, text: string): Promise<RemoteWriteOutcome> {
    const input = this.readInput(path, text);
    const api = await this.deps.api(envId);
    let saved: Schedule;
    try {
      saved = scheduleId === undefined ? await this.create(api, agentId, input) : await this.update(api, path, agentId, scheduleId, input);
    } catch (error) {
      throw this.failure(path, text, error);
    }
    this.deps.showProblems(path, []);
    const savedPath = schedulePath(envId, agentId, saved.id);
    this.opened.set(savedPath, saved);
    this.deps.log.info(`Schedule ${saved.id} of agent ${agentId} ${scheduleId === undefined ? 'created' : 'saved'}`);
    this.deps.saved(envId, saved, scheduleId === undefined);
    return { text: formatScheduleDocument(saved), ...(savedPath !== path ? { movedTo: savedPath } : {}) };
  }

  /** The request the text describes; a document that cannot become one is refused before any request. */
  private readInput(path: string, text: string): ScheduleInput {
    const errors: ParseError[] = [];
    const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length > 0) throw new ScheduleSaveError('invalid', l10n.t('The schedule was not saved: the document is not valid JSON.'), false);
    const read = readScheduleDocument(value);
    if (!read.input) {
      this.deps.showProblems(path, localProblemDiagnostics(text, read.problems));
      throw new ScheduleSaveError('invalid', l10n.t('The schedule was not saved: {0}', read.problems.map((p) => p.detail).join(' ')), false);
    }
    return read.input;
  }

  private async update(api: SequentumApi, path: string, agentId: number, scheduleId: number, input: ScheduleInput): Promise<Schedule> {
    const before = this.opened.get(path);
    let current: Schedule;
    try {
      current = await api.getSchedule(agentId, scheduleId, USER);
    } catch (error) {
      if (ProblemError.is(error) && error.status === 404) {
        throw new ScheduleSaveError('gone', l10n.t('The schedule was not saved: it was deleted on the server. Save a copy as a new schedule to keep it.'), false, { cause: error });
      }
      throw error;
    }
    if (before && formatScheduleDocument(before) !== formatScheduleDocument(current) && !(await this.deps.confirmOverwrite(current.name))) {
      throw new ScheduleSaveError('conflict', l10n.t('The schedule was not saved: it changed on the server since you opened it.'), false);
    }
    // PUT: the pipeline repeats it on 5xx/429/timeouts (idempotent; see the class comment).
    return api.updateSchedule(agentId, scheduleId, input, USER);
  }

  private async create(api: SequentumApi, agentId: number, input: ScheduleInput): Promise<Schedule> {
    try {
      return await api.createSchedule(agentId, input, USER);
    } catch (error) {
      if (!AmbiguousRequestError.is(error)) throw error;
      // The POST may have been applied: look for it instead of sending it again.
      const listed = await api.listSchedules(agentId, USER).catch(() => undefined);
      const sentAt = error.sentAt - 60_000;
      const created = listed?.find((s) => s.name === input.name && (Date.parse(s.created ?? '') || 0) >= sentAt);
      if (created) return created;
      // A same-name schedule without a created time may be ours: only "check", never "save again".
      const sure = listed !== undefined && !listed.some((s) => s.name === input.name && !Number.isFinite(Date.parse(s.created ?? '')));
      throw new ScheduleSaveError(
        'unclear',
        sure
          ? l10n.t('The answer to creating the schedule was lost and the agent does not list it: it was not created. Save again to create it.')
          : l10n.t('The answer to creating the schedule was lost; check the agent\'s schedules before saving again.'),
        sure,
        { cause: error },
      );
    }
  }

  private failure(path: string, text: string, error: unknown): Error {
    if (ScheduleSaveError.is(error)) return error;
    if (ProblemError.is(error) && (error.status === 400 || error.status === 422)) {
      const entry = parseObjectDocument(text);
      this.deps.showProblems(path, entry ? problemDiagnostics(error, entry) : []);
      return new ScheduleSaveError('refused', l10n.t('The server refused the schedule: {0} The problems are marked in the document.', describeError(error).message), false, { cause: error });
    }
    const described = describeError(error);
    if (described.cause === 'cancelled' || described.cause === 'unexpected') return error instanceof Error ? error : new Error(String(error));
    const retryable = ['unreachable', 'timeout', 'server-error', 'rate-limited'].includes(described.cause);
    return new ScheduleSaveError('failed', l10n.t('The schedule was not saved: {0}', described.message), retryable, { cause: error });
  }
}
