import { ProblemError, SequentumError } from '../api/errors';
import { describeError } from '../errors/describeError';
import { plainMessage } from '../text/plainMessage';
import { l10n } from '../text/l10n';

/** Where a failed download was going: the file's local name and the folder it was saved into. */
export interface DownloadTarget {
  name: string;
  folder: string;
}

/** A failed download of one output file, in words that name the cause and what was kept. */
export interface DownloadFailure {
  /** One sentence for a notification (server text inside is untrusted: show through a sink). */
  message: string;
  /** Whether trying again later may succeed (a Retry button). */
  retryable: boolean;
  /**
   * Every other file of the same batch would fail the same way (the disk is full, the folder is
   * not writable, the key was refused): Download All stops instead of failing N times.
   */
  affectsAll: boolean;
}

/** Errors of the local file system, by Node's `code`: what the disk or folder said. */
const DISK_WORDS: Readonly<Record<string, (target: DownloadTarget) => string>> = {
  ENOSPC: ({ name, folder }) => l10n.t('Not enough disk space in {0} to save {1}.', folder, name),
  EDQUOT: ({ name, folder }) => l10n.t('The disk quota of {0} is used up; {1} was not saved.', folder, name),
  EACCES: ({ folder }) => l10n.t('No permission to write to {0}.', folder),
  EPERM: ({ folder }) => l10n.t('No permission to write to {0}.', folder),
  EROFS: ({ folder }) => l10n.t('{0} is on a read-only file system.', folder),
  ENOENT: ({ folder }) => l10n.t('The folder {0} does not exist (any more).', folder),
  ENOTDIR: ({ folder }) => l10n.t('{0} is not a folder.', folder),
  EISDIR: ({ name, folder }) => l10n.t('{0} in {1} is a folder; a file cannot replace it.', name, folder),
  ENOTEMPTY: ({ name, folder }) => l10n.t('{0} in {1} is a folder; a file cannot replace it.', name, folder),
  ENAMETOOLONG: ({ name, folder }) => l10n.t('The path {0} of {1} is too long for this file system.', folder, name),
  EMFILE: () => l10n.t('Too many files are open; close some programs and try again.'),
};

/** Disk errors that are not about one file: the next file into the same folder hits them too. */
const FOLDER_WIDE = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EMFILE']);

function diskCode(error: unknown): string | undefined {
  if (SequentumError.is(error)) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * Words for a failed output-file download. The HTTP side comes from the one mapping
 * (describeError) and is only made specific where a download differs: a 404 means the file is gone,
 * a 403 from the file store usually means its signed link expired. Local disk errors (which
 * describeError knows nothing of) are named with the folder. The download itself never leaves a
 * partial file under the final name (downloadToFile), so no message needs to warn of one.
 */
export function describeDownloadFailure(error: unknown, target: DownloadTarget): DownloadFailure {
  const code = diskCode(error);
  if (code !== undefined) {
    const words = DISK_WORDS[code]?.(target) ?? l10n.t('Could not write {0} to {1} ({2}).', target.name, target.folder, code);
    return { message: words, retryable: code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'ENAMETOOLONG', affectsAll: FOLDER_WIDE.has(code) };
  }
  const described = describeError(error);
  const retryable = SequentumError.is(error) && error.retryable;
  if (ProblemError.is(error) && described.cause === 'not-found') {
    return { message: plainMessage(l10n.t('{0} is no longer on the server ({1})', target.name, error.status), described.serverDetail), retryable: false, affectsAll: false };
  }
  if (ProblemError.is(error) && error.status === 403) {
    // The API hands out a fresh signed link for every attempt, so a new try is worth it.
    const refused = plainMessage(l10n.t('The download of {0} was refused (403)', target.name), described.serverDetail);
    return { message: plainMessage(refused, l10n.t('Its download link may have expired, or the API key has no access to this run.')), retryable: true, affectsAll: false };
  }
  const affectsAll = described.cause === 'key-rejected' || described.cause === 'no-api-key';
  return { message: plainMessage(l10n.t('Could not download {0}', target.name), described.message), retryable, affectsAll };
}
