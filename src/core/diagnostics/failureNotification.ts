import { SequentumError, type ProblemDetails } from '../api/errors';
import { redact } from '../log';
import { isDocsUrl, plainMessage } from './diagnosticDescription';
import { problemOf } from './problemDiagnostics';

/** Buttons a failure notification may offer, in the order they are shown. */
export type FailureAction = 'Retry' | 'Set API Key' | 'Open Docs' | 'Show Log' | 'Copy Details';

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
 * Decides what one failed user action shows: message and fitting buttons. Returns undefined for a
 * cancellation (the user asked for it: nothing to show). `secrets` (the API key) are redacted
 * from everything returned.
 */
export function describeFailure(
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
  context: FailureContext = {},
): FailureNotification | undefined {
  if (isCancellation(error)) return undefined;
  const problem = problemOf(error);
  const actions: FailureAction[] = [];
  const retryable = context.retryable ?? (SequentumError.is(error) ? error.retryable : false);
  if (retryable) actions.push('Retry');
  const kind = SequentumError.is(error) ? error.kind : 'unexpected';
  if (problem?.status === 401 || kind === 'no-api-key') actions.push('Set API Key');
  const docsUrl = problem && isDocsUrl(problem.type) ? problem.type : undefined;
  if (docsUrl) actions.push('Open Docs');
  actions.push('Show Log', 'Copy Details');

  const described = context.message ?? messageFor(error, problem);
  const message = redact(context.prefix ? `${context.prefix}: ${described}` : described, secrets);
  const severity = problem && (problem.status === 429 || problem.status >= 500) ? 'warning' : 'error';
  const details = redact(JSON.stringify(detailsOf(error, problem), null, 2), secrets);
  const causeKey = problem ? `problem:${problem.status}:${problem.type}:${problem.errorCode ?? ''}` : `${kind}:${(error as Error | undefined)?.name ?? ''}`;
  return { severity, message, actions, docsUrl, details, causeKey };
}

function isCancellation(error: unknown): boolean {
  if (SequentumError.is(error)) return error.kind === 'cancelled';
  // vscode.CancellationError and AbortError carry these names; core cannot import vscode.
  return error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError');
}

function messageFor(error: unknown, problem: ProblemDetails | undefined): string {
  if (problem) {
    const text = plainMessage(problem.title, problem.detail);
    if (problem.status === 401) return plainMessage(text, 'Check the API key (Sequentum: Set API Key).');
    if (problem.status === 403) return plainMessage(text, 'The API key has no access to this.');
    return text || `The server answered ${problem.status}`;
  }
  if (!(error instanceof Error)) return plainMessage('Something went wrong', String(error));
  if (!SequentumError.is(error)) return plainMessage('Something went wrong', error.message);
  switch (error.kind) {
    case 'network':
      return plainMessage('Cannot reach the Sequentum server', error.message);
    case 'timeout':
      return plainMessage('The Sequentum server did not answer in time', error.message);
    case 'ambiguous':
      return plainMessage('The server may or may not have done this', error.message);
    case 'malformed':
      return plainMessage('The server sent an answer the extension cannot read', error.message);
    case 'no-api-key':
      return 'No Sequentum API key is set. Set one to connect.';
    default:
      return plainMessage(error.message);
  }
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
