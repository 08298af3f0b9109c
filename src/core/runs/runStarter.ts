import { CancelledError, type SequentumError } from '../api/errors';
import { IN_FLIGHT_STATUSES, type Run, type StartRunOptions } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { Emitter, type EventLike } from '../emitter';
import { silentLogger, type Logger } from '../log';
import { systemClock, type Clock } from '../clock';
import {
  DEFAULT_RECONCILE,
  findRunCreatedByStart,
  isAmbiguousStartFailure,
  type AmbiguousStart,
  type ReconcileOptions,
} from './reconcileStart';

/**
 * What a start attempt ended in.
 * - `started`: the server answered the POST with the new run.
 * - `adopted`: the POST had no definite answer, and the run it created was found afterwards: the
 *   only new run, created since the POST, started with our options (as far as the run tells).
 * - `unclear`: the POST had no definite answer, and new runs appeared that could be ours but may
 *   be a teammate's or a schedule's (`candidates`, oldest first). Nothing was adopted; the user
 *   chooses (open one, or look again with {@link RunStarter.lookAgain}).
 * - `existing`: a run was already in flight and the user chose to open it (no POST sent).
 * - `cancelled`: the user cancelled (no POST sent).
 * - `not-started`: nothing was started as far as we know. `stage` says where it failed: reading the
 *   agent's runs (`check`), a definite refusal of the POST (`start`, e.g. a 409 ProblemError for an
 *   exclusive agent), or an ambiguous POST after which no run that could be ours appeared
 *   (`reconcile`: the start is unconfirmed, not refused — `ambiguity` allows looking again).
 */
export type StartOutcome =
  | { kind: 'started'; run: Run }
  | { kind: 'adopted'; run: Run; cause: unknown }
  | { kind: 'unclear'; candidates: Run[]; cause: unknown; ambiguity: AmbiguousStart }
  | { kind: 'existing'; run: Run }
  | { kind: 'cancelled' }
  | { kind: 'not-started'; stage: 'check' | 'start'; error: unknown }
  | { kind: 'not-started'; stage: 'reconcile'; error: unknown; ambiguity: AmbiguousStart };

/**
 * Where a start is, for its progress line: reading the agent's runs (the duplicate check), the POST
 * sent and not answered yet, or looking for the run an unanswered POST may have created.
 */
export type StartPhase = 'checking' | 'posting' | 'reconciling';

/** The user's answer when the agent already has a run in flight. */
export type InFlightChoice = 'open-existing' | 'start-another' | 'cancel';

export interface StartRunRequest {
  agentId: number;
  agentName?: string;
  /** Request body; default `{}`. */
  options?: StartRunOptions;
  /**
   * Asked when the agent has runs in flight (newest first). `undefined` (dismissed) means cancel.
   * The runs are read again after the answer, right before the POST; if new ones appeared while
   * the question was open, it is asked again with them.
   */
  askAboutInFlight(inFlight: readonly Run[]): Promise<InFlightChoice | undefined>;
  /**
   * The user stopped waiting (Cancel on the progress). Before the POST leaves, the start ends as
   * `cancelled` with nothing sent. Once it was sent, the answer is abandoned and the start is
   * ambiguous like a timeout: the runs list is read for the run it may have created (never a second
   * POST), and that reconcile is not cancelled, so the outcome can still be told.
   */
  signal?: AbortSignal;
  /** Told when the start moves on (for the progress line). */
  onPhase?: (phase: StartPhase) => void;
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
 * Starts runs safely: checks for a run in flight right before the POST, sends at most one POST per
 * agent at a time (a second start for the same agent joins the pending one), and never re-posts an
 * ambiguous start but looks for the run it may have created — adopting it only when it is clearly
 * ours, and otherwise leaving the choice to the user.
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
    return this.singleFlight(request.agentId, () => this.run(request));
  }

  /**
   * Reads the agent's runs again for an ambiguous start (the user's "Look Again"): the same
   * bounded reads and the same judgement, never a POST. Joins a start of the agent in progress.
   */
  lookAgain(ambiguity: AmbiguousStart, cause: unknown): Promise<StartOutcome> {
    return this.singleFlight(ambiguity.agentId, async () => {
      let api: SequentumApi;
      try {
        api = await this.options.api();
      } catch (error) {
        return { kind: 'not-started', stage: 'reconcile', error, ambiguity };
      }
      return this.reconcile(api, ambiguity, cause);
    });
  }

  private singleFlight(agentId: number, attempt: () => Promise<StartOutcome>): Promise<StartOutcome> {
    const existing = this.pending.get(agentId);
    if (existing) {
      this.log.info(`Start of agent ${agentId} already in progress; joining it`);
      return existing;
    }
    const settled = attempt().finally(() => {
      this.pending.delete(agentId);
      this.changed.fire(agentId);
    });
    this.pending.set(agentId, settled);
    this.changed.fire(agentId);
    return settled;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async run(request: StartRunRequest): Promise<StartOutcome> {
    const { agentId } = request;
    let api: SequentumApi;
    try {
      api = await this.options.api();
    } catch (error) {
      if (CancelledError.is(error)) return { kind: 'cancelled' };
      return { kind: 'not-started', stage: 'check', error };
    }
    const checked = await this.checkRightBeforePost(api, request);
    if ('kind' in checked) return checked;

    const options = request.options ?? {};
    // Compared with the server's creation times: wall time, not the monotonic clock.
    const calledAt = this.clock.wallNow();
    try {
      request.onPhase?.('posting');
      const run = named(await api.startRun(agentId, options, { priority: 'user', signal: request.signal }), request.agentName);
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
      request.onPhase?.('reconciling');
      const ambiguity: AmbiguousStart = { agentId, seenBefore: checked.seenBefore, sentAt: sendTime(error, calledAt, this.clock.wallNow()), options };
      if (request.agentName !== undefined) ambiguity.agentName = request.agentName;
      return this.reconcile(api, ambiguity, error);
    }
  }

  /**
   * The duplicate-run check. The runs are read again after every answer to the in-flight question,
   * so what the POST relies on (no new run in flight, which runs existed before it) is the state
   * right before it — not the state before a dialog the user may have left open for minutes. New
   * runs in flight that appeared meanwhile are asked about again.
   */
  private async checkRightBeforePost(api: SequentumApi, request: StartRunRequest): Promise<{ seenBefore: number[] } | StartOutcome> {
    const answeredFor = new Set<number>();
    for (;;) {
      let runs: Run[];
      try {
        request.onPhase?.('checking');
        runs = await api.listRuns(request.agentId, this.reconcileOptions.maxRecords, { priority: 'user', signal: request.signal });
      } catch (error) {
        if (CancelledError.is(error)) return { kind: 'cancelled' };
        return { kind: 'not-started', stage: 'check', error };
      }
      if (request.signal?.aborted) return { kind: 'cancelled' };
      const inFlight = runs.filter((run) => IN_FLIGHT_STATUSES.has(run.status));
      if (inFlight.every((run) => answeredFor.has(run.id))) return { seenBefore: runs.map((run) => run.id) };
      const choice = (await request.askAboutInFlight(inFlight)) ?? 'cancel';
      if (choice === 'cancel' || request.signal?.aborted) return { kind: 'cancelled' };
      if (choice === 'open-existing') return { kind: 'existing', run: inFlight[0] };
      for (const run of inFlight) answeredFor.add(run.id);
    }
  }

  private async reconcile(api: SequentumApi, ambiguity: AmbiguousStart, cause: unknown): Promise<StartOutcome> {
    const verdict = await findRunCreatedByStart(api, ambiguity, this.clock, this.log, this.reconcileOptions);
    if (verdict.kind === 'none') return { kind: 'not-started', stage: 'reconcile', error: cause, ambiguity };
    if (verdict.kind === 'unclear') {
      const candidates = verdict.candidates.map((run) => named(run, ambiguity.agentName));
      return { kind: 'unclear', candidates, cause, ambiguity };
    }
    const run = named(verdict.run, ambiguity.agentName);
    this.options.onDidStart?.(run);
    return { kind: 'adopted', run, cause };
  }

  private get reconcileOptions(): ReconcileOptions {
    return this.options.reconcile ?? DEFAULT_RECONCILE;
  }
}

/**
 * When the POST actually left: the error's `sentAt` (after any wait in the request budget's queue,
 * which can last a whole window) when it lies between our call and now, else our call time. The
 * earlier time would count a teammate's run created while ours waited as new enough to be ours.
 */
function sendTime(error: unknown, calledAt: number, now: number): number {
  const sentAt = (error as { sentAt?: unknown }).sentAt;
  return typeof sentAt === 'number' && sentAt >= calledAt && sentAt <= now ? sentAt : calledAt;
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
