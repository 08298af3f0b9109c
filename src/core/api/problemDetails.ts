import { redact } from '../log';
import type { FieldProblem, ProblemDetails } from './errors';
import { htmlTitle, htmlToText } from '../text/htmlText';
import { l10n } from '../text/l10n';

/**
 * Longest detail (and field-error detail) kept from an error body; longer ones end in "…". A
 * message has to fit a notification and a log line, whatever a proxy or broken server sends.
 */
export const MAX_DETAIL_CHARS = 300;
/** Longest title kept (RFC `title`, legacy `statusDescription`, an HTML page's <title>). */
export const MAX_TITLE_CHARS = 120;
/** Most field errors kept from an `errors` list or map. */
export const MAX_FIELD_ERRORS = 50;
/**
 * Longest JSON pointer or field name that is resolved to a place in a file. Longer ones are kept
 * for the message, cut one character past this length (so they are never resolved).
 */
export const MAX_POINTER_CHARS = 300;
/** Most segments of a pointer or field name that are resolved (deeper ones are only shown). */
export const MAX_POINTER_DEPTH = 32;
/** Longest problem type, instance or error code kept (they are URIs and identifiers). */
export const MAX_REFERENCE_CHARS = 500;
/** Extension members are kept to this depth and this many values in all (for "Copy Details"). */
export const MAX_EXTENSION_DEPTH = 8;
export const MAX_EXTENSION_VALUES = 500;

/**
 * "Unauthorized", "Too Many Requests", … — the title when the body gives none. Node's table is
 * fetched when first needed, not imported: this module loads at activation, and in an ES module
 * `import 'node:http'` cost 38–71 ms in Node 24 (code-server's) against ~5 ms for the module itself.
 */
export function statusTitle(status: number): string {
  const { STATUS_CODES } = process.getBuiltinModule('node:http');
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

/**
 * Parses Retry-After (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface ProblemInput {
  status: number;
  contentType?: string | null;
  body: string;
  retryAfterMs?: number;
  /**
   * The API key of the environment that asked (and any other secret): removed from the raw body
   * before it is parsed, decoded or cut, and again from every decoded string before it is cut.
   */
  secrets?: readonly string[];
}

/**
 * Turns any error response into one ProblemDetails: RFC 7807/9457 (with extension members and an
 * `errors` list or ASP.NET map), the legacy `{statusCode, statusDescription, message, errorCode,
 * severity}` shape, plain text, HTML pages and empty bodies. The title is never empty. Every string
 * in the result is redacted of `secrets` (whole or in pieces of 8 characters) and bounded.
 */
export function parseProblem(input: ProblemInput): ProblemDetails {
  const base: ProblemDetails = {
    type: 'about:blank',
    title: statusTitle(input.status),
    status: input.status,
    errors: [],
    shape: 'empty',
    extensions: {},
  };
  if (input.retryAfterMs !== undefined) base.retryAfterMs = input.retryAfterMs;
  const secrets = input.secrets ?? [];
  // First of all: an echoed key is gone before any cut could leave a piece of it behind.
  const text = redact(input.body, secrets).trim();
  if (!text) return base;
  // Decoding (JSON `\u0073k-…`, HTML `&#115;k-…`) can rebuild a key the raw text hid: again after.
  const clean = (value: string, max: number): string => cap(redact(value, secrets), max);

  const json = tryParseJson(text);
  // `null`, `""`, `{}` or `[]` say nothing: "Internal Server Error", not "Internal Server Error: null".
  if (isEmptyJson(json)) return base;
  if (isRecord(json)) return fromJsonObject(base, json, clean);

  const html = /html/i.test(input.contentType ?? '') || /^<(!doctype|html|head|body|\?xml)/i.test(text);
  const detail = clean(html ? htmlToText(text) : text, MAX_DETAIL_CHARS);
  // An HTML page's <title> ("502 Bad Gateway") is usually the best one-line summary.
  const pageTitle = html ? clean(htmlTitle(text) ?? '', MAX_TITLE_CHARS) : '';
  return {
    ...base,
    shape: html ? 'html' : 'text',
    ...(detail ? { detail } : {}),
    ...(pageTitle ? { title: pageTitle } : {}),
  };
}

type Clean = (value: string, max: number) => string;

const RFC_MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'errors'];
const LEGACY_MEMBERS = ['statuscode', 'statusdescription', 'message', 'errorcode', 'severity'];

function fromJsonObject(base: ProblemDetails, raw: Record<string, unknown>, clean: Clean): ProblemDetails {
  const lower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const str = (key: string): string | undefined => {
    const value = lower.get(key);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const isRfc = ['type', 'title', 'detail', 'instance'].some((k) => str(k) !== undefined);
  const isLegacy = LEGACY_MEMBERS.some((k) => lower.has(k));
  const known = new Set(isRfc ? RFC_MEMBERS : LEGACY_MEMBERS.concat('errors'));
  // Object.fromEntries defines own members: a "__proto__" member stays data, never a prototype.
  const extensions = boundedCopy(Object.fromEntries(Object.entries(raw).filter(([key]) => !known.has(key.toLowerCase()))), clean);
  const problem: ProblemDetails = { ...base, extensions, errors: parseFieldErrors(lower.get('errors'), clean) };
  const errorCode = str('errorcode') ?? str('error');
  if (errorCode) problem.errorCode = clean(errorCode, MAX_REFERENCE_CHARS);

  if (isRfc) {
    problem.shape = 'rfc7807';
    problem.type = clean(str('type') ?? 'about:blank', MAX_REFERENCE_CHARS);
    problem.title = clean(str('title') ?? base.title, MAX_TITLE_CHARS);
    const detail = str('detail');
    if (detail) problem.detail = clean(detail, MAX_DETAIL_CHARS);
    const instance = str('instance');
    if (instance) problem.instance = clean(instance, MAX_REFERENCE_CHARS);
    return problem;
  }
  problem.shape = isLegacy ? 'legacy' : 'text';
  problem.title = clean(str('statusdescription') ?? base.title, MAX_TITLE_CHARS);
  const detail = str('message') ?? str('error_description') ?? (isLegacy ? undefined : jsonText(raw));
  if (detail) problem.detail = clean(detail, MAX_DETAIL_CHARS);
  return problem;
}

/** RFC 9457 list `[{pointer, detail}]`, ASP.NET map `{"InputParameters.url": ["msg"]}` or `{field: "msg"}`. */
function parseFieldErrors(value: unknown, clean: Clean): FieldProblem[] {
  const result: FieldProblem[] = [];
  const add = (problem: FieldProblem): boolean => result.push(problem) < MAX_FIELD_ERRORS;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') {
        if (!add({ detail: item })) break;
      } else if (isRecord(item)) {
        const problem: FieldProblem = { detail: firstString(item, ['detail', 'message', 'title']) ?? jsonText(item) };
        const pointer = firstString(item, ['pointer']);
        if (pointer) problem.pointer = pointer;
        const field = firstString(item, ['field', 'name', 'parameter']);
        if (field) problem.field = field;
        if (!add(problem)) break;
      }
    }
  } else if (isRecord(value)) {
    outer: for (const [field, messages] of Object.entries(value)) {
      for (const message of Array.isArray(messages) ? messages : [messages]) {
        if (typeof message === 'string' && !add({ field, detail: message })) break outer;
        if (isRecord(message) && !add({ field, detail: firstString(message, ['detail', 'message']) ?? jsonText(message) })) break outer;
      }
    }
  }
  return result.map((item) => {
    const copy: FieldProblem = { detail: clean(item.detail, MAX_DETAIL_CHARS) };
    // One past the limit when cut: shown in the message, never resolved to a place in the file.
    if (item.pointer !== undefined) copy.pointer = clean(item.pointer, MAX_POINTER_CHARS + 1);
    if (item.field !== undefined) copy.field = clean(item.field, MAX_POINTER_CHARS + 1);
    return copy;
  });
}

/**
 * A copy of extension members with every key and string redacted and cut, at most
 * MAX_EXTENSION_DEPTH deep and MAX_EXTENSION_VALUES values in all ("…" stands for the rest), so
 * "Copy Details" can always serialise it.
 */
function boundedCopy(value: Record<string, unknown>, clean: Clean): Record<string, unknown> {
  let budget = MAX_EXTENSION_VALUES;
  const copy = (item: unknown, depth: number): unknown => {
    if (budget-- <= 0) return '…';
    if (typeof item === 'string') return clean(item, MAX_DETAIL_CHARS);
    if (item === null || typeof item !== 'object') return item;
    if (depth >= MAX_EXTENSION_DEPTH) return '…';
    if (Array.isArray(item)) return item.slice(0, budget).map((element) => copy(element, depth + 1));
    return Object.fromEntries(Object.entries(item).slice(0, budget).map(([key, member]) => [clean(key, MAX_TITLE_CHARS), copy(member, depth + 1)]));
  };
  return copy(value, 0) as Record<string, unknown>;
}

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const capitalised = key[0].toUpperCase() + key.slice(1);
    const value = Object.hasOwn(record, key) ? record[key] : Object.hasOwn(record, capitalised) ? record[capitalised] : undefined;
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/** JSON text of a parsed value; a value too deep to serialise (thousands of levels) is described instead. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return l10n.t('(a JSON value too deeply nested to show)');
  }
}

function tryParseJson(text: string): unknown {
  if (!/^([[{"]|null$)/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEmptyJson(value: unknown): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
