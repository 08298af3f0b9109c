import { describeError, type ErrorContext, type ErrorScope, type ListAction } from '../errors/describeError';

/** A failure to load a list, described for an error node. Texts are ours, never server text. */
export interface TreeErrorInfo {
  /** Node label naming the real cause, e.g. "API key rejected (401)". */
  label: string;
  /** Short cause for the "stale — <cause>" description of kept children, e.g. "offline". */
  shortCause: string;
  /** Each maps to a contextValue token and a command; the first is what a click on the node does. */
  actions: ListAction[];
  /** Server-provided detail (untrusted; escape before showing). */
  serverDetail?: string;
}

/** Context for wording: the host of the base URL, which list failed, and the budget's pause. */
export interface TreeErrorContext extends ErrorContext {
  host: string;
  scope: ErrorScope;
  now: number;
}

/** A load failure as an error node tells it, from the one error mapping ({@link describeError}). */
export function describeTreeError(error: unknown, context: TreeErrorContext): TreeErrorInfo {
  const { label, shortCause, listActions, serverDetail } = describeError(error, context);
  return { label, shortCause, actions: listActions, ...(serverDetail !== undefined ? { serverDetail } : {}) };
}
