import { SequentumError, ProblemError } from '../api/errors';

/** What a person can do about a failed tree load; each maps to a contextValue token and a command. */
export type TreeErrorAction = 'setApiKey' | 'retry' | 'showLog' | 'openSettings';

/** Which kind of list failed to load: used to word a 403 ("No access to this space"). */
export type TreeErrorScope = 'root' | 'space' | 'agent' | 'run';

/** A failure to load a list, described for an error node. Texts are ours, never server text. */
export interface TreeErrorInfo {
  /** Node label naming the real cause, e.g. "API key rejected (401)". */
  label: string;
  /** Short cause for the "stale — <cause>" description of kept children, e.g. "offline". */
  shortCause: string;
  /** First action is what a click on the node does. */
  actions: TreeErrorAction[];
  /** Server-provided detail (untrusted; escape before showing). */
  serverDetail?: string;
}

/** Context for wording: the host of the base URL and the budget's pause, when known. */
export interface TreeErrorContext {
  host: string;
  scope: TreeErrorScope;
  /** Epoch ms when the request budget frees again (client budget `pausedUntil`). */
  pausedUntil?: number;
  now: number;
}

const NO_ACCESS: Record<TreeErrorScope, string> = {
  root: 'No access (403)',
  space: 'No access to this space',
  agent: 'No access to this agent',
  run: 'No access to this run',
};

/** Classifies a load failure by error kind and HTTP status — never by message text. */
export function describeTreeError(error: unknown, context: TreeErrorContext): TreeErrorInfo {
  if (ProblemError.is(error)) return describeProblem(error, context);
  if (!SequentumError.is(error)) {
    return { label: 'Unexpected error while loading', shortCause: 'error', actions: ['showLog', 'retry'] };
  }
  switch (error.kind) {
    case 'network':
      return { label: `Cannot reach ${context.host}`, shortCause: 'offline', actions: ['retry', 'showLog'] };
    case 'timeout':
      return { label: `No answer from ${context.host}`, shortCause: 'timed out', actions: ['retry', 'showLog'] };
    case 'malformed':
      return { label: 'Unexpected answer from server', shortCause: 'unexpected answer', actions: ['showLog', 'retry'] };
    case 'configuration':
      // Our own message (e.g. "http:// is allowed for loopback only"), safe to show.
      return { label: `Settings problem: ${error.message}`, shortCause: 'settings problem', actions: ['openSettings'] };
    case 'no-api-key':
      return { label: 'No API key set', shortCause: 'no API key', actions: ['setApiKey'] };
    case 'cancelled':
      return { label: 'Loading was cancelled', shortCause: 'cancelled', actions: ['retry'] };
    default:
      return { label: 'Unexpected error while loading', shortCause: 'error', actions: ['showLog', 'retry'] };
  }
}

function describeProblem(error: ProblemError, context: TreeErrorContext): TreeErrorInfo {
  const status = error.status;
  const serverDetail = error.problem.detail ?? error.problem.title;
  if (status === 401) {
    return { label: 'API key rejected (401)', shortCause: 'API key rejected', actions: ['setApiKey'], serverDetail };
  }
  if (status === 403) {
    return { label: NO_ACCESS[context.scope], shortCause: 'no access', actions: ['retry'], serverDetail };
  }
  if (status === 429) {
    const until = error.problem.retryAfterMs !== undefined ? context.now + error.problem.retryAfterMs : context.pausedUntil;
    const seconds = until !== undefined ? Math.max(1, Math.ceil((until - context.now) / 1000)) : undefined;
    const label = seconds !== undefined ? `Rate limited — budget frees in ${seconds} s` : 'Rate limited — try again shortly';
    return { label, shortCause: 'rate limited', actions: ['retry'], serverDetail };
  }
  if (status >= 500) {
    return { label: `Sequentum server error (${status})`, shortCause: `server error ${status}`, actions: ['retry', 'showLog'], serverDetail };
  }
  if (status === 404) {
    return { label: 'Not found on the server (404)', shortCause: 'not found', actions: ['retry'], serverDetail };
  }
  return { label: `Request refused (${status})`, shortCause: `HTTP ${status}`, actions: ['showLog', 'retry'], serverDetail };
}

/** Host part of a base URL for messages ("dashboard.sequentum.com"); the input when unparsable. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
