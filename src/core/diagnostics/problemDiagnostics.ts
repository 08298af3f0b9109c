import { SequentumError, type FieldProblem, type ProblemDetails } from '../api/errors';
import { MAX_POINTER_CHARS, MAX_POINTER_DEPTH } from '../api/problemDetails';
import { describeError, type ErrorCause } from '../errors/describeError';
import { resolvePath, type OffsetRange, type RunConfigEntry } from '../runConfig/runConfigDocument';
import { plainMessage } from '../text/plainMessage';
import { l10n } from '../text/l10n';
import { problemCode, problemSlug, safeDecode, type DiagnosticDescription } from './diagnosticDescription';

/**
 * Turns a refused start of a run-config entry into diagnostics on the part of the entry the
 * problem concerns: agent not found → the `agentId` value; validation errors → each named field;
 * conflict and everything else → the entry's `name`. Failures that are not about the file
 * (cancelled, no API key, bad settings) give none: the notification covers them.
 */
export function problemDiagnostics(error: unknown, entry: RunConfigEntry): DiagnosticDescription[] {
  const { cause, problem, severity } = describeError(error);
  if (problem) return fromProblem(problem, severity, entry);
  if (!SequentumError.is(error) || !NO_ANSWER.has(cause)) return [];
  // Network, timeout, malformed answer, or an ambiguous start without an HTTP answer: the start
  // did not go through, which is worth a mark on the entry but is not the file's fault (warning).
  return [
    {
      range: nameRange(entry),
      message: plainMessage(l10n.t('The run could not be started'), error.message),
      severity: 'warning',
      code: { value: error.kind },
      origin: 'server',
      entryIndex: entry.index,
    },
  ];
}

/** Failures without a usable HTTP answer that still concern the start (not cancelled, no key, bad settings). */
const NO_ANSWER: ReadonlySet<ErrorCause> = new Set(['unreachable', 'timeout', 'malformed', 'ambiguous']);

function fromProblem(problem: ProblemDetails, severity: DiagnosticDescription['severity'], entry: RunConfigEntry): DiagnosticDescription[] {
  const base = {
    severity,
    code: problemCode(problem),
    origin: 'server' as const,
    entryIndex: entry.index,
  };
  const message = plainMessage(problem.title, problem.detail);
  if (isAgentNotFound(problem)) {
    return [{ ...base, range: entry.agentId?.valueRange ?? nameRange(entry), message }];
  }
  if (problem.errors.length > 0 && problem.status !== 409) {
    return problem.errors.map((fieldProblem) => {
      const located = locateField(entry, fieldProblem);
      const label = fieldProblem.field ?? fieldProblem.pointer;
      // When the field cannot be found in the entry, name it in the text so nothing is lost.
      const detail = located.exact || !label ? fieldProblem.detail : l10n.t('{0}: {1}', label, fieldProblem.detail);
      return { ...base, range: located.range, message: plainMessage(problem.title, detail) };
    });
  }
  return [{ ...base, range: nameRange(entry), message }];
}

function isAgentNotFound(problem: ProblemDetails): boolean {
  const slug = problemSlug(problem)?.toLowerCase();
  if (slug === 'agent-not-found') return true;
  // The start path names one resource, the agent: a 404 without field errors or a type naming
  // something else (e.g. "proxy-pool-not-found") can only be about it.
  return problem.status === 404 && problem.errors.length === 0 && (!slug || slug.includes('agent') || slug === 'not-found');
}

/** Where a field-level problem points in the entry; falls back to the name. */
export function locateField(entry: RunConfigEntry, fieldProblem: FieldProblem): { range: OffsetRange; exact: boolean } {
  const candidates: string[][] = [];
  if (fieldProblem.pointer !== undefined) candidates.push(pointerSegments(fieldProblem.pointer));
  if (fieldProblem.field !== undefined) {
    const segments = fieldSegments(fieldProblem.field);
    candidates.push(segments);
    // ASP.NET sometimes prefixes the bound model's name ("request.InputParameters.url").
    if (segments.length > 1) candidates.push(segments.slice(1));
  }
  let partial: OffsetRange | undefined;
  for (const segments of candidates) {
    if (segments.length === 0) continue;
    const { field, complete } = resolvePath(entry, segments);
    if (field && complete) return { range: field.valueRange, exact: true };
    if (field && !partial) partial = field.keyRange;
  }
  return { range: partial ?? nameRange(entry), exact: false };
}

/**
 * RFC 6901 pointer → segments ("/inputParameters/a~1b" → ["inputParameters", "a/b"]). A pointer
 * longer than MAX_POINTER_CHARS or deeper than MAX_POINTER_DEPTH gives none: resolving a path
 * tries every split of it, which a server could make arbitrarily expensive.
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer.length > MAX_POINTER_CHARS) return [];
  const body = pointer.startsWith('#') ? safeDecode(pointer.slice(1)) : pointer;
  if (body === '') return [];
  const segments = body.replace(/^\//, '').split('/');
  return segments.length > MAX_POINTER_DEPTH ? [] : segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ASP.NET model-state key → segments ("$.InputParameters.url", "InputParameters['a b']", "Items[0].x"). */
export function fieldSegments(field: string): string[] {
  const segments: string[] = [];
  // Bounded like pointers (see pointerSegments).
  if (field.length > MAX_POINTER_CHARS) return segments;
  const text = field.replace(/^\$\.?/, '');
  const pattern = /\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[(\d+)\]|([^.[\]]+)/g;
  for (const match of text.matchAll(pattern)) {
    const segment = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (segment !== undefined && segment !== '') segments.push(segment);
  }
  return segments.length > MAX_POINTER_DEPTH ? [] : segments;
}

/** The entry's `name` value, else its opening brace: where entry-wide problems go. */
function nameRange(entry: RunConfigEntry): OffsetRange {
  return entry.name?.valueRange ?? { start: entry.range.start, end: entry.range.start + 1 };
}
