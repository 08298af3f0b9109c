import { CancelledError, SequentumError, type ProblemDetails } from '../api/errors';
import { describeError, type ErrorAction } from './describeError';
import { redact } from '../log';
import { isDocsUrl } from '../diagnostics/diagnosticDescription';

/** Buttons a failure notification may offer; their words come from errorActionTitle (describeError.ts). */
export type FailureAction = Extract<ErrorAction, 'retry' | 'setApiKey' | 'openDocs' | 'showLog' | 'copyDetails'>;

export interface FailureNotification {
  severity: 'error' | 'warning';
  /** Plain words: the problem's title and detail, or what failed and why. */
  message: string;
  actions: FailureAction[];
  /** The problem type URL for "Open Docs". */
  docsUrl?: string;
  /** JSON for "Copy Details", with every secret redacted. */
  details: string;
  /** Identifies the cause, for {@link NotificationGate} (same cause → same key). */
  causeKey: string;
}

/** What the caller knows about the failed action, beyond the error itself. */
export interface FailureContext {
  /** Names the action, e.g. "Could not start Nightly": shown before the problem's words. */
  prefix?: string;
  /** Replaces the problem's words (e.g. an ambiguous start that the reconciliation settled). */
  message?: string;
  /** Overrides the error's own retryability (e.g. a start that surely did not happen). */
  retryable?: boolean;
}

/**
 * Decides what one failed user action shows: message and fitting buttons, from the one error
 * mapping ({@link describeError}). Returns undefined for a cancellation (the user asked for it:
 * nothing to show). `secrets` (the API key) are redacted from everything returned.
 */
export function describeFailure(
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
  context: FailureContext = {},
): FailureNotification | undefined {
  if (CancelledError.is(error)) return undefined;
  const described = describeError(error);
  const { problem } = described;
  const docsUrl = problem && isDocsUrl(problem.type) ? problem.type : undefined;
  const retryable = context.retryable ?? (SequentumError.is(error) ? error.retryable : false);
  const actions: FailureAction[] = [
    ...(retryable ? (['retry'] as const) : []),
    ...(described.remedy ? [described.remedy] : []),
    ...(docsUrl ? (['openDocs'] as const) : []),
    'showLog',
    'copyDetails',
  ];
  const words = context.message ?? described.message;
  const message = redact(context.prefix ? `${context.prefix}: ${words}` : words, secrets);
  const details = redact(JSON.stringify(detailsOf(error, problem), null, 2), secrets);
  const kind = SequentumError.is(error) ? error.kind : 'unexpected';
  const causeKey = problem ? `problem:${problem.status}:${problem.type}:${problem.errorCode ?? ''}` : `${kind}:${(error as Error | undefined)?.name ?? ''}`;
  return { severity: described.severity, message, actions, docsUrl, details, causeKey };
}

function detailsOf(error: unknown, problem: ProblemDetails | undefined): unknown {
  if (problem) return { ...problem };
  if (error instanceof Error) {
    const { name, message } = error;
    const kind = SequentumError.is(error) ? error.kind : undefined;
    return { name, kind, message };
  }
  return { error: String(error) };
}

/**
 * Background failures (polling, prefetch, edit-time checks) never stack notifications: at most one
 * per distinct cause until that cause clears (the next success of the same work).
 */
export class NotificationGate {
  private readonly shown = new Set<string>();

  /** True the first time a cause is seen since it last cleared. */
  shouldNotify(causeKey: string): boolean {
    if (this.shown.has(causeKey)) return false;
    this.shown.add(causeKey);
    return true;
  }

  /** The cause went away (e.g. a request succeeded); it may notify again next time. */
  clear(causeKey?: string): void {
    if (causeKey === undefined) this.shown.clear();
    else this.shown.delete(causeKey);
  }

  get activeCauses(): number {
    return this.shown.size;
  }
}
