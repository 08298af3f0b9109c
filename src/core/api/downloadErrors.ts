import { MalformedResponseError, NetworkError } from './errors';

// The errors a download ends with, in words that say how far it got and how often it tried.

/** A failure of the body transfer (a drop, a stall, a short body): worth another attempt. */
export class BodyFailure extends NetworkError {}

export function isBodyFailure(error: unknown): error is BodyFailure {
  return error instanceof BodyFailure;
}

/** The error the caller sees after the last attempt: what failed, how far it got, how often tried. */
export function finalError(error: unknown, attempts: number): unknown {
  if (!isBodyFailure(error)) return error;
  const tried = attempts > 1 ? ` Tried ${attempts} times.` : '';
  return new NetworkError(`${error.message}.${tried} Nothing was saved.`, error.code, { cause: error });
}

export function tooLarge(maxBytes: number): MalformedResponseError {
  return new MalformedResponseError(`The file is larger than ${megabytes(maxBytes)}; nothing was saved.`, undefined, { tooLarge: true });
}

/** "after 1.0 MB of 16.0 MB" (or without the total when unknown). */
export function describe(received: number, total: number | undefined): string {
  return total !== undefined ? `after ${megabytes(received)} of ${megabytes(total)}` : `after ${megabytes(received)}`;
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
