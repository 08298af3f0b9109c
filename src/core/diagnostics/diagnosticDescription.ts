import type { ProblemDetails } from '../api/errors';
import type { OffsetRange } from '../runConfig/runConfigDocument';

/** Mirrors vscode.DiagnosticSeverity by name; the adapter maps names to the enum. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

/** What a quick fix needs to know about the diagnostic it repairs. */
export type QuickFixData =
  | { fix: 'pick-agent'; entryIndex: number }
  | { fix: 'remove-parameter'; entryIndex: number; key: string };

/**
 * A diagnostic as core code describes it: offsets into the file's text, plain-text message.
 * `origin` tells the adapter which lifecycle applies (server problems live until edited or
 * cleared; edit-time and reference checks are recomputed from the text).
 */
export interface DiagnosticDescription {
  range: OffsetRange;
  message: string;
  severity: SeverityName;
  code?: { value: string; target?: string };
  origin: 'server' | 'edit' | 'reference';
  /** Run-config entry the diagnostic belongs to, when there is one. */
  entryIndex?: number;
  quickFix?: QuickFixData;
}

/** `source` of every diagnostic this extension publishes. */
export const DIAGNOSTIC_SOURCE = 'Sequentum';

/** True when `type` is an http(s) URL worth linking to (RFC 9457's "about:blank" is not). */
export function isDocsUrl(type: string | undefined): type is string {
  if (!type || type === 'about:blank') return false;
  try {
    const url = new URL(type);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The last path segment of a problem type URL ("agent-not-found"), if it has one. */
export function problemSlug(problem: ProblemDetails): string | undefined {
  if (isDocsUrl(problem.type)) {
    const segments = new URL(problem.type).pathname.split('/').filter(Boolean);
    const last = segments.at(-1);
    if (last) return safeDecode(last);
  } else if (problem.type && problem.type !== 'about:blank' && /^[\w.-]+$/.test(problem.type)) {
    return problem.type;
  }
  return problem.errorCode || undefined;
}

/** decodeURIComponent that keeps server text with a broken escape ("%E0%A4%A") as it is instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Diagnostic `code`: the type slug (or legacy error code, or HTTP status) linking to the type URL. */
export function problemCode(problem: ProblemDetails): { value: string; target?: string } {
  const value = problemSlug(problem) ?? String(problem.status);
  return isDocsUrl(problem.type) ? { value, target: problem.type } : { value };
}

