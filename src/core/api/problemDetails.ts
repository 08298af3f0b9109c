import { STATUS_CODES } from 'node:http';
import { redact } from '../log';
import type { FieldProblem, ProblemDetails } from './errors';

/**
 * Longest detail (and field-error detail) kept from an error body; longer ones end in "…". A
 * message has to fit a notification and a log line, whatever a proxy or broken server sends.
 */
export const MAX_DETAIL_CHARS = 300;
/** Longest title kept (RFC `title`, legacy `statusDescription`, an HTML page's <title>). */
export const MAX_TITLE_CHARS = 120;
/** Most field errors kept from an `errors` list or map. */
export const MAX_FIELD_ERRORS = 50;

/** Coarse classes callers branch on. Derived from status, problem type and errorCode — never from text. */
export type ProblemClass =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-request'
  | 'rate-limited'
  | 'server'
  | 'other';

export function classifyProblem(problem: Pick<ProblemDetails, 'status' | 'type' | 'errorCode'>): ProblemClass {
  const { status } = problem;
  if (status === 401) return 'unauthorized';
  if (status === 403 || problem.errorCode === 'insufficient_scope') return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid-request';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'other';
}

/** "Unauthorized", "Too Many Requests", … — the title when the body gives none. */
export function statusTitle(status: number): string {
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
}

/**
 * Turns any error response into one ProblemDetails: RFC 7807/9457 (with extension members and an
 * `errors` list or ASP.NET map), the legacy `{statusCode, statusDescription, message, errorCode,
 * severity}` shape, plain text, HTML pages and empty bodies. The title is never empty.
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
  const text = input.body.trim();
  if (!text) return base;

  const json = tryParseJson(text);
  // `null`, `""`, `{}` or `[]` say nothing: "Internal Server Error", not "Internal Server Error: null".
  if (isEmptyJson(json)) return base;
  if (isRecord(json)) return fromJsonObject(base, json);

  const html = /html/i.test(input.contentType ?? '') || /^<(!doctype|html|head|body|\?xml)/i.test(text);
  const plain = html ? htmlToText(text) : text;
  // An HTML page's <title> ("502 Bad Gateway") is usually the best one-line summary.
  const pageTitle = html ? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] : undefined;
  const detail = cap(plain);
  return {
    ...base,
    shape: html ? 'html' : 'text',
    ...(detail ? { detail } : {}),
    ...(pageTitle && decodeEntities(pageTitle).trim() ? { title: cap(decodeEntities(pageTitle).trim(), MAX_TITLE_CHARS) } : {}),
  };
}

/**
 * Removes `secrets` from every string of a problem — title and detail, but also type, instance,
 * errorCode, field errors and extension members (keys included): a proxy or debug build that
 * echoes request headers must not carry the API key into a diagnostic code link, a log or "Copy
 * Details".
 */
export function redactProblem(problem: ProblemDetails, secrets: readonly string[]): ProblemDetails {
  const clean = (text: string): string => redact(text, secrets);
  const result: ProblemDetails = {
    ...problem,
    type: clean(problem.type),
    title: clean(problem.title),
    errors: problem.errors.map((item) => {
      const copy: FieldProblem = { detail: clean(item.detail) };
      if (item.pointer !== undefined) copy.pointer = clean(item.pointer);
      if (item.field !== undefined) copy.field = clean(item.field);
      return copy;
    }),
    extensions: redactJson(problem.extensions, secrets),
  };
  if (problem.detail !== undefined) result.detail = clean(problem.detail);
  if (problem.instance !== undefined) result.instance = clean(problem.instance);
  if (problem.errorCode !== undefined) result.errorCode = clean(problem.errorCode);
  return result;
}

/** Redacts through the JSON text (keys and nested values alike); unserialisable input is dropped. */
function redactJson(value: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  try {
    // Also the escaped form, as the secret appears inside JSON text.
    const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
    return JSON.parse(redact(JSON.stringify(value), forms)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const RFC_MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'errors'];
const LEGACY_MEMBERS = ['statuscode', 'statusdescription', 'message', 'errorcode', 'severity'];

function fromJsonObject(base: ProblemDetails, raw: Record<string, unknown>): ProblemDetails {
  const lower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const str = (key: string): string | undefined => {
    const value = lower.get(key);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const isRfc = ['type', 'title', 'detail', 'instance'].some((k) => str(k) !== undefined);
  const isLegacy = LEGACY_MEMBERS.some((k) => lower.has(k));
  const known = new Set(isRfc ? RFC_MEMBERS : LEGACY_MEMBERS.concat('errors'));
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!known.has(key.toLowerCase())) extensions[key] = value;
  }
  const problem: ProblemDetails = { ...base, extensions, errors: parseFieldErrors(lower.get('errors')) };
  const errorCode = str('errorcode') ?? str('error');
  if (errorCode) problem.errorCode = errorCode;

  if (isRfc) {
    problem.shape = 'rfc7807';
    problem.type = str('type') ?? 'about:blank';
    problem.title = cap(str('title') ?? base.title, MAX_TITLE_CHARS);
    const detail = str('detail');
    if (detail) problem.detail = cap(detail);
    const instance = str('instance');
    if (instance) problem.instance = instance;
    return problem;
  }
  problem.shape = isLegacy ? 'legacy' : 'text';
  problem.title = cap(str('statusdescription') ?? base.title, MAX_TITLE_CHARS);
  const detail = str('message') ?? str('error_description') ?? (isLegacy ? undefined : JSON.stringify(raw));
  if (detail) problem.detail = cap(detail);
  return problem;
}

/** RFC 9457 list `[{pointer, detail}]`, ASP.NET map `{"InputParameters.url": ["msg"]}` or `{field: "msg"}`. */
function parseFieldErrors(value: unknown): FieldProblem[] {
  const result: FieldProblem[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') {
        result.push({ detail: item });
      } else if (isRecord(item)) {
        const detail = firstString(item, ['detail', 'message', 'title']) ?? JSON.stringify(item);
        const problem: FieldProblem = { detail };
        const pointer = firstString(item, ['pointer']);
        if (pointer) problem.pointer = pointer;
        const field = firstString(item, ['field', 'name', 'parameter']);
        if (field) problem.field = field;
        result.push(problem);
      }
    }
  } else if (isRecord(value)) {
    for (const [field, messages] of Object.entries(value)) {
      const list = Array.isArray(messages) ? messages : [messages];
      for (const message of list) {
        if (typeof message === 'string') result.push({ field, detail: message });
        else if (isRecord(message)) result.push({ field, detail: firstString(message, ['detail', 'message']) ?? JSON.stringify(message) });
      }
    }
  }
  return result.slice(0, MAX_FIELD_ERRORS).map((item) => ({ ...item, detail: cap(item.detail) }));
}

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key] ?? record[key[0].toUpperCase() + key.slice(1)];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
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

/** Drops scripts, styles and tags, decodes common entities and collapses whitespace. */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(withoutCode).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : match;
    }
    return named[entity.toLowerCase()] ?? match;
  });
}

function cap(text: string, max = MAX_DETAIL_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
