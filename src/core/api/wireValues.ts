import { l10n } from '../text/l10n';
import { MalformedResponseError } from './errors';
import { RunStatus, UNKNOWN_STATUS_NAME_CODE, type RunStatusCode } from './model';

/**
 * Primitive readers for tolerant wire parsing. Each reader either returns a clean value or throws
 * MalformedResponseError naming the endpoint and field — never a TypeError. The words are
 * translated; endpoint and field names are the wire's own and stay as they are.
 */

/** One wire object with case-insensitive member lookup (camelCase and PascalCase both work). */
export class WireObject {
  private readonly members = new Map<string, unknown>();

  constructor(
    raw: Record<string, unknown>,
    /** "agent/all item 3" — prefixes every error message. */
    readonly where: string,
  ) {
    for (const [key, value] of Object.entries(raw)) {
      const lower = key.toLowerCase();
      // An exact camelCase member wins over a PascalCase twin.
      if (!this.members.has(lower) || key[0] === key[0].toLowerCase()) this.members.set(lower, value);
    }
  }

  /** First present (non-null) member among `names`. */
  get(...names: string[]): unknown {
    for (const name of names) {
      const value = this.members.get(name.toLowerCase());
      if (value !== undefined && value !== null) return value;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.members.has(name.toLowerCase());
  }

  requiredInt(...names: string[]): number {
    const value = this.optionalInt(...names);
    if (value === undefined) throw this.fail(l10n.t('{0} is missing', names[0]));
    return value;
  }

  optionalInt(...names: string[]): number | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    const number = toNumber(value);
    if (number === undefined || !Number.isInteger(number)) {
      throw this.fail(l10n.t('{0} should be an integer, got {1}', names[0], describe(value)));
    }
    return number;
  }

  optionalNumber(...names: string[]): number | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    const number = toNumber(value);
    if (number === undefined) throw this.fail(l10n.t('{0} should be a number, got {1}', names[0], describe(value)));
    return number;
  }

  /** An element of one of this object's lists (`field` names it: "data[3]"): a finite number, else a wire error. */
  numberIn(value: unknown, field: string): number {
    const number = toNumber(value);
    if (number === undefined) throw this.fail(l10n.t('{0} should be a number, got {1}', field, describe(value)));
    return number;
  }

  optionalString(...names: string[]): string | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.fail(l10n.t('{0} should be a string, got {1}', names[0], describe(value)));
  }

  optionalBoolean(...names: string[]): boolean | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    if (value === 0 || value === 1) return value === 1;
    throw this.fail(l10n.t('{0} should be true or false, got {1}', names[0], describe(value)));
  }

  /** A run status as int, numeric string or name; see {@link parseRunStatus}. */
  status(...names: string[]): { code: RunStatusCode; name?: string } | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    const parsed = parseRunStatus(value);
    if (!parsed) throw this.fail(l10n.t('{0} should be a run status, got {1}', names[0], describe(value)));
    return parsed;
  }

  /** `problem` is already translated ("configId is missing"). */
  fail(problem: string): MalformedResponseError {
    return new MalformedResponseError(l10n.t('Unexpected response from {0}: {1}.', this.where, problem));
  }
}

/** Status names seen on the wire (current names, older MCP enum names), normalised to letters only. */
const STATUS_ALIASES: Record<string, RunStatusCode> = {
  ...Object.fromEntries(Object.entries(RunStatus).map(([name, code]) => [name.toLowerCase(), code])),
  queued: RunStatus.Queuing,
  // The older string enum's "Failed" covered any failed run; 7 is also "Failed" in the int enum.
  failedtostart: RunStatus.Failure,
  // The run finished and delivered data, with errors: a completed run; the name is kept for the label.
  completedwitherrors: RunStatus.Completed,
  succeeded: RunStatus.Success,
  waitingonfailure: RunStatus.Waiting,
  stopped: RunStatus.Stopped,
};

/**
 * Ints (also unknown ones, kept as they are), numeric strings, or names case-insensitively
 * ("Running", "RUNNING", "completed_with_errors"). An unknown name becomes
 * UNKNOWN_STATUS_NAME_CODE with the name kept. Returns undefined for other types.
 */
export function parseRunStatus(value: unknown): { code: RunStatusCode; name?: string } | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? { code: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return { code: Number(text) };
  if (!text) return undefined;
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  // Own members only: a status named "Constructor" is unknown, not Object's constructor function.
  const code = Object.hasOwn(STATUS_ALIASES, key) ? STATUS_ALIASES[key] : undefined;
  return code === undefined ? { code: UNKNOWN_STATUS_NAME_CODE, name: text } : { code, name: text };
}

/**
 * A finite number from a JSON number or a plain decimal string; undefined otherwise. A digit string
 * too long for a double ("1" and 400 zeros) is Infinity once converted: rejected like `1e400`, which
 * JSON.parse has already made Infinity.
 */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('an array');
  if (typeof value === 'object') return l10n.t('an object');
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** Where a list's item sits, for messages: "agent/all item 3". */
export function itemOf(where: string, index: number): string {
  return l10n.t('{0} item {1}', where, index);
}

/** Requires a JSON object; `null`, arrays and primitives are malformed. */
export function asObject(value: unknown, where: string): WireObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedResponseError(l10n.t('Unexpected response from {0}: expected an object, got {1}.', where, describe(value)));
  }
  return new WireObject(value as Record<string, unknown>, where);
}

/** A bare array, or an envelope with the list under one of `keys` (agents / items / …). */
export function asList(value: unknown, where: string, keys: string[]): { items: unknown[]; total?: number } {
  if (Array.isArray(value)) return { items: value };
  if (typeof value === 'object' && value !== null) {
    const envelope = new WireObject(value as Record<string, unknown>, where);
    for (const key of keys) {
      const items = envelope.get(key);
      if (Array.isArray(items)) {
        const total = envelope.optionalInt('totalRecordCount', 'totalCount', 'total');
        return total === undefined ? { items } : { items, total };
      }
    }
    throw envelope.fail(l10n.t('expected a list (or an envelope with {0}), got an object without one', keys.join('/')));
  }
  throw new MalformedResponseError(l10n.t('Unexpected response from {0}: expected a list, got {1}.', where, describe(value)));
}
