/**
 * The logging port used by all core code. The VS Code adapter writes to a LogOutputChannel;
 * tests use an in-memory logger. Implementations must never receive the API key: callers pass
 * messages through {@link redact} when they may contain request headers or URLs.
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

/** Replaces every occurrence of each secret in `text` with a fixed marker. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short strings would redact innocent text and are never real keys.
    if (secret && secret.length >= 6) {
      result = result.split(secret).join('«redacted»');
    }
  }
  return result;
}
