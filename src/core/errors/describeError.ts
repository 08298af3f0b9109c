import { AmbiguousRequestError, CancelledError, ProblemError, SequentumError, type ProblemDetails } from '../api/errors';
import { plainMessage } from '../text/plainMessage';
import { l10n } from '../text/l10n';

/**
 * What went wrong, in the terms a person acts on. Derived from the error's type, the HTTP status
 * and the legacy `errorCode` — never from message text.
 */
export type ErrorCause =
  | 'cancelled'
  | 'no-api-key'
  /** 401: the key was refused. */
  | 'key-rejected'
  /** 403, or the legacy `insufficient_scope` code: the key may not see this. */
  | 'no-access'
  /** 404 or 410. */
  | 'not-found'
  | 'conflict'
  /** 400 or 422: the request itself was wrong. */
  | 'invalid-request'
  | 'rate-limited'
  /** 5xx after the retries the policy allows. */
  | 'server-error'
  /** Any other HTTP error status. */
  | 'refused'
  | 'unreachable'
  | 'timeout'
  /** A POST without a definite answer (its HTTP problem, if any, is classified instead). */
  | 'ambiguous'
  | 'malformed'
  | 'configuration'
  /** Not one of ours: a bug or an error from a library. */
  | 'unexpected';

/** What a person can do about a failure; adapters map each to a command or button. */
export type ErrorAction = 'retry' | 'setApiKey' | 'openSettings' | 'openDocs' | 'showLog' | 'copyDetails';

/** What a failed list load offers (its error node's click and context menu). */
export type ListAction = Extract<ErrorAction, 'setApiKey' | 'retry' | 'showLog' | 'openSettings'>;

/**
 * The one table of the actions' words: notification buttons (platform/failureNotifier.ts) and tree
 * error nodes' commands (tree/presentation.ts) read it. Functions, so a title is translated when it
 * is shown (after the platform installed its translator), each a literal the l10n extractor sees.
 */
const ERROR_ACTION_TITLES: Readonly<Record<ErrorAction, () => string>> = {
  retry: () => l10n.t('Retry'),
  setApiKey: () => l10n.t('Set API Key'),
  openSettings: () => l10n.t('Open Settings'),
  openDocs: () => l10n.t('Open Docs'),
  showLog: () => l10n.t('Show Log'),
  copyDetails: () => l10n.t('Copy Details'),
};

/** A button's or command's title for an action, in the user's language. */
export function errorActionTitle(action: ErrorAction): string {
  return ERROR_ACTION_TITLES[action]();
}

/** Which kind of list failed to load: words a 403 ("No access to this space"). */
export type ErrorScope = 'root' | 'space' | 'agent' | 'run';

/** What the caller knows beyond the error itself; every field is optional. */
export interface ErrorContext {
  /** Host of the base URL, for "Cannot reach dashboard.sequentum.com". Default "the server". */
  host?: string;
  /** Default 'root'. */
  scope?: ErrorScope;
  /** Epoch ms when the request budget frees again (client budget `pausedUntil`). */
  pausedUntil?: number;
  /** Epoch ms; needed to word a 429's wait. */
  now?: number;
}

/** One failure as every surface (tree error node, notification, diagnostic, poller) tells it. */
export interface ErrorDescription {
  cause: ErrorCause;
  /** Short headline in our words only, e.g. "API key rejected (401)" — a tree error node's label. */
  label: string;
  /** A few words for "stale — <cause>" descriptions, e.g. "offline". */
  shortCause: string;
  /** A sentence for a notification: the server's title and detail (cleaned), or ours plus the error's. */
  message: string;
  /** 429 and 5xx are transient (warning); everything else is an error. */
  severity: 'error' | 'warning';
  /** What a failed list load offers; the first is what a click on its error node does. */
  listActions: ListAction[];
  /** The cause-specific remedy a failed action offers besides Retry/Show Log, e.g. Set API Key. */
  remedy?: 'setApiKey';
  /** Repeating makes no sense until the key changes: background work pauses. */
  needsKey: boolean;
  /** The HTTP problem behind the failure (also inside an ambiguous POST), when there was an answer. */
  problem?: ProblemDetails;
  /** Server-provided detail (untrusted; escape before showing). */
  serverDetail?: string;
}

/**
 * A 403's headline per scope; functions, so the words are translated when shown. `duplicates` pairs
 * this with other word tables (failures/diagnosticsMarkdown.ts STAT_LABELS) by shape alone: they are
 * different words for different things, each owned by the module that uses them.
 */
const NO_ACCESS_LABELS: Readonly<Record<ErrorScope, () => string>> = {
  root: () => l10n.t('No access (403)'),
  space: () => l10n.t('No access to this space'),
  agent: () => l10n.t('No access to this agent'),
  run: () => l10n.t('No access to this run'),
};

/** The problem details inside an error, also when an ambiguous POST wraps an HTTP answer. */
function problemOf(error: unknown): ProblemDetails | undefined {
  if (ProblemError.is(error)) return error.problem;
  if (AmbiguousRequestError.is(error) && ProblemError.is(error.cause)) return error.cause.problem;
  return undefined;
}

/** The cause of an HTTP error answer. */
export function problemCause(problem: Pick<ProblemDetails, 'status' | 'errorCode'>): ErrorCause {
  const { status } = problem;
  if (status === 401) return 'key-rejected';
  if (status === 403 || problem.errorCode === 'insufficient_scope') return 'no-access';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid-request';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'refused';
}

const KIND_CAUSE: Record<Exclude<SequentumError['kind'], 'problem'>, ErrorCause> = {
  network: 'unreachable',
  timeout: 'timeout',
  cancelled: 'cancelled',
  ambiguous: 'ambiguous',
  malformed: 'malformed',
  configuration: 'configuration',
  'no-api-key': 'no-api-key',
};

/** The cause of any error: by HTTP answer first (also inside an ambiguous POST), then by kind. */
export function errorCause(error: unknown): ErrorCause {
  const problem = problemOf(error);
  if (problem) return problemCause(problem);
  if (CancelledError.is(error)) return 'cancelled';
  if (SequentumError.is(error) && error.kind !== 'problem') return KIND_CAUSE[error.kind];
  return 'unexpected';
}

/**
 * THE mapping from an error to what a person reads and can do, used by tree error nodes,
 * notifications, diagnostics and the run poller. Texts other than `message` and `serverDetail`
 * are ours, never server text.
 */
export function describeError(error: unknown, context: ErrorContext = {}): ErrorDescription {
  const cause = errorCause(error);
  const problem = problemOf(error);
  const words = problem ? problemWords(cause, problem, context) : kindWords(cause, error, context);
  return {
    cause,
    ...words,
    message: messageOf(cause, error, problem),
    severity: cause === 'rate-limited' || cause === 'server-error' ? 'warning' : 'error',
    ...(cause === 'key-rejected' || cause === 'no-api-key' ? { remedy: 'setApiKey' as const } : {}),
    needsKey: cause === 'key-rejected' || cause === 'no-access' || cause === 'no-api-key',
    ...(problem ? { problem, serverDetail: problem.detail ?? problem.title } : {}),
  };
}

type Words = Pick<ErrorDescription, 'label' | 'shortCause' | 'listActions'>;

function problemWords(cause: ErrorCause, problem: ProblemDetails, context: ErrorContext): Words {
  const { status } = problem;
  switch (cause) {
    case 'key-rejected':
      return { label: l10n.t('API key rejected (401)'), shortCause: l10n.t('API key rejected'), listActions: ['setApiKey'] };
    case 'no-access':
      return { label: NO_ACCESS_LABELS[context.scope ?? 'root'](), shortCause: l10n.t('no access'), listActions: ['retry'] };
    case 'rate-limited':
      return { label: rateLimitLabel(problem, context), shortCause: l10n.t('rate limited'), listActions: ['retry'] };
    case 'server-error':
      return { label: l10n.t('Sequentum server error ({0})', status), shortCause: l10n.t('server error {0}', status), listActions: ['retry', 'showLog'] };
    case 'not-found':
      return { label: l10n.t('Not found on the server ({0})', status), shortCause: l10n.t('not found'), listActions: ['retry'] };
    default:
      return { label: l10n.t('Request refused ({0})', status), shortCause: l10n.t('HTTP {0}', status), listActions: ['showLog', 'retry'] };
  }
}

function rateLimitLabel(problem: ProblemDetails, { now, pausedUntil }: ErrorContext): string {
  const until = problem.retryAfterMs !== undefined && now !== undefined ? now + problem.retryAfterMs : pausedUntil;
  if (until === undefined || now === undefined) return l10n.t('Rate limited — try again shortly');
  return l10n.t('Rate limited — budget frees in {0} s', Math.max(1, Math.ceil((until - now) / 1000)));
}

function kindWords(cause: ErrorCause, error: unknown, { host = l10n.t('the server') }: ErrorContext): Words {
  switch (cause) {
    case 'unreachable':
      return { label: l10n.t('Cannot reach {0}', host), shortCause: l10n.t('offline'), listActions: ['retry', 'showLog'] };
    case 'timeout':
      return { label: l10n.t('No answer from {0}', host), shortCause: l10n.t('timed out'), listActions: ['retry', 'showLog'] };
    case 'malformed':
      return { label: l10n.t('Unexpected answer from server'), shortCause: l10n.t('unexpected answer'), listActions: ['showLog', 'retry'] };
    case 'configuration':
      // Our own message (e.g. "http:// is allowed for loopback only"), safe to show.
      return { label: l10n.t('Settings problem: {0}', (error as Error).message), shortCause: l10n.t('settings problem'), listActions: ['openSettings'] };
    case 'no-api-key':
      return { label: l10n.t('No API key set'), shortCause: l10n.t('no API key'), listActions: ['setApiKey'] };
    case 'cancelled':
      return { label: l10n.t('Loading was cancelled'), shortCause: l10n.t('cancelled'), listActions: ['retry'] };
    default:
      return { label: l10n.t('Unexpected error while loading'), shortCause: l10n.t('error'), listActions: ['showLog', 'retry'] };
  }
}

/** The notification's words: the server's own for an HTTP answer, ours plus the error's otherwise. */
function messageOf(cause: ErrorCause, error: unknown, problem: ProblemDetails | undefined): string {
  if (problem) {
    const text = plainMessage(problem.title, problem.detail);
    if (cause === 'key-rejected') return plainMessage(text, l10n.t('Check the API key (Sequentum: Set API Key).'));
    if (cause === 'no-access') return plainMessage(text, l10n.t('The API key has no access to this.'));
    return text || l10n.t('The server answered {0}', problem.status);
  }
  if (!(error instanceof Error)) return plainMessage(l10n.t('Something went wrong'), String(error));
  switch (cause) {
    case 'unreachable':
      return plainMessage(l10n.t('Cannot reach the Sequentum server'), error.message);
    case 'timeout':
      return plainMessage(l10n.t('The Sequentum server did not answer in time'), error.message);
    case 'ambiguous':
      return plainMessage(l10n.t('The server may or may not have done this'), error.message);
    case 'malformed':
      return plainMessage(l10n.t('The server sent an answer the extension cannot read'), error.message);
    case 'no-api-key':
      return l10n.t('No Sequentum API key is set. Set one to connect.');
    case 'unexpected':
      return plainMessage(l10n.t('Something went wrong'), error.message);
    default:
      return plainMessage(error.message);
  }
}
