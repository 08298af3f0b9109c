import { CancelledError, type SequentumError } from '../api/errors';
import { IN_FLIGHT_STATUSES, type Run, type StartRunOptions } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { Emitter, type EventLike } from '../emitter';
import { silentLogger, type Logger } from '../log';
import { systemClock, type Clock } from '../clock';
import { DEFAULT_RECONCILE, findRunCreatedByStart, isAmbiguousStartFailure, type ReconcileOptions } from './reconcileStart';

/**
 * What a start attempt ended in.
 * - `started`: the server answered the POST with the new run.
 * - `adopted`: the POST had no definite answer, and the run it created was found afterwards.
 * - `existing`: a run was already in flight and the user chose to open it (no POST sent).
 * - `cancelled`: the user cancelled (no POST sent).
 * - `not-started`: nothing was started. `stage` says where it failed: reading the agent's runs
 *   (`check`), a definite refusal of the POST (`start`, e.g. a 409 ProblemError for an exclusive
 *   agent), or an ambiguous POST after which no run appeared (`reconcile`, worth a Retry).
 */
export type StartOutcome =
  | { kind: 'started'; run: Run }
  | { kind: 'adopted'; run: Run; cause: unknown }
  | { kind: 'existing'; run: Run }
  | { kind: 'cancelled' }
  | { kind: 'not-started'; stage: 'check' | 'start' | 'reconcile'; error: unknown };

/** The user's answer when the agent already has a run in flight. */
export type InFlightChoice = 'open-existing' | 'start-another' | 'cancel';

export interface StartRunRequest {
  agentId: number;
  agentName?: string;
  /** Request body; default `{}`. */
  options?: StartRunOptions;
  /**
   * Asked when the agent has runs in flight (newest first). `undefined` (dismissed) means cancel.
   */
  askAboutInFlight(inFlight: readonly Run[]): Promise<InFlightChoice | undefined>;
}

export interface RunStarterOptions {
  /** The current client; may reject (e.g. NoApiKeyError), which ends the start as `not-started`. */
  api: () => Promise<SequentumApi>;
  clock?: Clock;
  log?: Logger;
  reconcile?: ReconcileOptions;
  /** Called with each run this starter created or adopted, before the outcome resolves. */
  onDidStart?: (run: Run) => void;
}

/**
 * Starts runs safely: checks for a run in flight first, sends at most one POST per agent at a time
 * (a second start for the same agent joins the pending one), and never re-posts an ambiguous start
 * but looks for the run it may have created.
 */
export class RunStarter {
  private readonly pending = new Map<number, Promise<StartOutcome>>();
  private readonly changed = new Emitter<number>({ name: 'RunStarter.onDidChangePending' });
  private readonly clock: Clock;
  private readonly log: Logger;

  /** Fires with the agent id when a start for it begins or settles. */
  readonly onDidChangePending: EventLike<number> = this.changed.event;

  constructor(private readonly options: RunStarterOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
  }

  /** Whether a start for this agent is in progress (checking, posting or reconciling). */
  isPending(agentId: number): boolean {
    return this.pending.has(agentId);
  }

  /** Starts a run, or joins the start already in progress for the same agent. */
  start(request: StartRunRequest): Promise<StartOutcome> {
    const existing = this.pending.get(request.agentId);
    if (existing) {
      this.log.info(`Start of agent ${request.agentId} already in progress; joining it`);
      return existing;
    }
    const attempt = this.run(request).finally(() => {
      this.pending.delete(request.agentId);
      this.changed.fire(request.agentId);
    });
    this.pending.set(request.agentId, attempt);
    this.changed.fire(request.agentId);
    return attempt;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async run(request: StartRunRequest): Promise<StartOutcome> {
    const { agentId } = request;
    let api: SequentumApi;
    let before: Run[];
    try {
      api = await this.options.api();
      before = await api.listRuns(agentId, this.reconcileOptions.maxRecords, { priority: 'user' });
    } catch (error) {
      if (CancelledError.is(error)) return { kind: 'cancelled' };
      return { kind: 'not-started', stage: 'check', error };
    }

    const inFlight = before.filter((run) => IN_FLIGHT_STATUSES.has(run.status));
    if (inFlight.length > 0) {
      const choice = (await request.askAboutInFlight(inFlight)) ?? 'cancel';
      if (choice === 'cancel') return { kind: 'cancelled' };
      if (choice === 'open-existing') return { kind: 'existing', run: inFlight[0] };
    }

    const seenBefore = new Set(before.map((run) => run.id));
    // Compared with the server's creation times: wall time, not the monotonic clock.
    const sentAt = this.clock.wallNow();
    try {
      const run = named(await api.startRun(agentId, request.options ?? {}, { priority: 'user' }), request.agentName);
      this.log.info(`Started run ${run.id} of agent ${agentId}`);
      this.options.onDidStart?.(run);
      return { kind: 'started', run };
    } catch (error) {
      if (!isAmbiguousStartFailure(error)) {
        if (CancelledError.is(error)) return { kind: 'cancelled' };
        this.log.warn(`Start of agent ${agentId} refused`, describe(error));
        return { kind: 'not-started', stage: 'start', error };
      }
      this.log.warn(`Start of agent ${agentId} got no definite answer; reconciling`, describe(error));
      const errorSentAt = (error as { sentAt?: unknown }).sentAt;
      const since = typeof errorSentAt === 'number' ? Math.min(errorSentAt, sentAt) : sentAt;
      const found = await findRunCreatedByStart(api, agentId, seenBefore, since, this.clock, this.log, this.reconcileOptions);
      if (!found) return { kind: 'not-started', stage: 'reconcile', error };
      const run = named(found, request.agentName);
      this.options.onDidStart?.(run);
      return { kind: 'adopted', run, cause: error };
    }
  }

  private get reconcileOptions(): ReconcileOptions {
    return this.options.reconcile ?? DEFAULT_RECONCILE;
  }
}

/** The POST answer may lack the agent's name; the caller knew it. */
function named(run: Run, agentName: string | undefined): Run {
  return run.agentName || !agentName ? run : { ...run, agentName };
}

function describe(error: unknown): string {
  const kind = (error as Partial<SequentumError> | undefined)?.kind;
  const message = error instanceof Error ? error.message : String(error);
  return kind ? `${kind}: ${message}` : message;
}
