/**
 * The logging port used by all core code. The VS Code adapter writes to a LogOutputChannel;
 * tests use an in-memory logger. Implementations must never receive the API key: callers pass
 * messages through {@link redact} when they may contain request headers or URLs.
 *
 * Log lines written in code stay English on purpose (no l10n.t): the log is what a user pastes
 * into a bug report and what support searches, so it reads the same in every locale. An error's
 * message inside a line is in the user's language (errors are made for people, see api/errors.ts).
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** A logger that drops everything; for code paths whose caller does not care. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** What {@link redact} puts where a secret (or a piece of one) was. */
export const REDACTED = '«redacted»';

/**
 * Length of the pieces of a secret that are secret on their own: any run of this many consecutive
 * characters of the key is removed wherever it appears, so a key cut by a length cap, split over
 * two lines or half-echoed still leaves nothing of this length behind.
 */
export const SECRET_FRAGMENT_CHARS = 8;

/**
 * Replaces every occurrence of each secret in `text` — and of every run of
 * {@link SECRET_FRAGMENT_CHARS} consecutive characters of it — with {@link REDACTED}. Overlapping
 * or adjacent pieces become one marker. Linear in the text length (one set lookup per position).
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  // Short strings would redact innocent text and are never real keys.
  const usable = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 6);
  if (usable.length === 0 || text.length === 0) return text;
  let result = text;
  for (const secret of usable) {
    if (secret.length < SECRET_FRAGMENT_CHARS) result = result.split(secret).join(REDACTED);
  }
  const fragments = new Set<string>();
  for (const secret of usable) {
    for (let start = 0; start + SECRET_FRAGMENT_CHARS <= secret.length; start++) {
      fragments.add(secret.slice(start, start + SECRET_FRAGMENT_CHARS));
    }
  }
  return fragments.size === 0 ? result : replaceFragments(result, fragments);
}

function replaceFragments(text: string, fragments: ReadonlySet<string>): string {
  const firstChars = new Set([...fragments].map((fragment) => fragment[0]));
  const parts: string[] = [];
  let copiedUpTo = 0;
  // The redacted span being built, [spanStart, spanEnd); spanStart is -1 while none is open.
  let spanStart = -1;
  let spanEnd = -1;
  for (let position = 0; position + SECRET_FRAGMENT_CHARS <= text.length; position++) {
    if (!firstChars.has(text[position]) || !fragments.has(text.slice(position, position + SECRET_FRAGMENT_CHARS))) continue;
    if (spanStart >= 0 && position <= spanEnd) {
      spanEnd = position + SECRET_FRAGMENT_CHARS;
      continue;
    }
    if (spanStart >= 0) {
      parts.push(text.slice(copiedUpTo, spanStart), REDACTED);
      copiedUpTo = spanEnd;
    }
    spanStart = position;
    spanEnd = position + SECRET_FRAGMENT_CHARS;
  }
  if (spanStart < 0) return text;
  parts.push(text.slice(copiedUpTo, spanStart), REDACTED, text.slice(spanEnd));
  return parts.join('');
}
