import { l10n } from '../text/l10n';
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
  const message =
    attempts > 1 ? l10n.t('{0}. Tried {1} times. Nothing was saved.', error.message, attempts) : l10n.t('{0}. Nothing was saved.', error.message);
  return new NetworkError(message, error.code, { cause: error });
}

export function tooLarge(maxBytes: number): MalformedResponseError {
  return new MalformedResponseError(l10n.t('The file is larger than {0}; nothing was saved.', megabytes(maxBytes)), undefined, { tooLarge: true });
}

/** "after 1.0 MB of 16.0 MB" (or without the total when unknown). */
export function describe(received: number, total: number | undefined): string {
  return total !== undefined ? l10n.t('after {0} of {1}', megabytes(received), megabytes(total)) : l10n.t('after {0}', megabytes(received));
}

export function seconds(ms: number): string {
  return l10n.t('{0} s', ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000));
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? l10n.t('{0} bytes', bytes) : l10n.t('{0} MB', (bytes / (1024 * 1024)).toFixed(1));
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
