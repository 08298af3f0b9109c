import { constants } from 'node:fs';
import { copyFile, link, unlink } from 'node:fs/promises';

/**
 * Codes of a file system that cannot make hard links (FAT, exFAT, some network shares) or of a move
 * across devices. EISDIR is Windows' answer on FAT/exFAT: CreateHardLink fails with
 * ERROR_INVALID_FUNCTION, which libuv reports as EISDIR (a real folder at `to` is EEXIST, not EISDIR).
 */
const NO_HARD_LINK = new Set<unknown>(['EISDIR', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * Moves the file at `from` to `to` only if nothing is at `to`; false (and `from` left as it is) when
 * something is. A rename would replace a file another program created at `to` after we checked the
 * name; a hard link is made only where the name is free (EEXIST otherwise), then `from` is unlinked.
 * Where the file system has no hard links, an exclusive copy (COPYFILE_EXCL) does the same, slower.
 */
export async function moveWithoutReplacing(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (!NO_HARD_LINK.has(codeOf(error))) throw error;
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if (codeOf(copyError) === 'EEXIST') return false;
      throw copyError;
    }
  }
  await unlink(from);
  return true;
}
