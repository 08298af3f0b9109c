import { lstat } from 'node:fs/promises';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { safeFileName } from '../tree/fileKinds';

/**
 * Local paths for a batch of server-named files saved into one folder: each name made safe
 * (safeFileName: no separators, no `..`, no control or bidi characters, no device names), and no
 * two files — nor a file already in the folder — sharing a path: " (1)", " (2)"… are added.
 * Names are compared without case, as Windows and macOS file systems do, so "Data.csv" and
 * "data.csv" never land on one file.
 */
export class LocalNames {
  private readonly taken = new Set<string>();

  constructor(private readonly folder: string) {}

  /** A free path in the folder for a file the server calls `serverName` (`fallback` when nothing of it is usable). */
  async reserve(serverName: string, fallback: string): Promise<string> {
    const name = safeFileName(serverName, fallback);
    const { name: stem, ext } = parse(name);
    for (let copy = 0; ; copy++) {
      const candidate = copy === 0 ? name : `${stem} (${copy})${ext}`;
      const key = candidate.toLowerCase();
      if (this.taken.has(key)) continue;
      // Taken before the await: a concurrent reserve cannot be handed the same name.
      this.taken.add(key);
      const path = inside(this.folder, candidate);
      if (!(await occupied(path))) return path;
    }
  }
}

/** `folder/name`, checked to be directly inside `folder` (safeFileName already makes sure; this is the last guard). */
function inside(folder: string, name: string): string {
  const path = join(folder, name);
  if (resolve(dirname(path)) !== resolve(folder) || basename(path) !== name) throw new Error(`Not a file name: ${JSON.stringify(name)}`);
  return path;
}

/** Anything at the path counts — a file, a folder, a link (even a broken one): we never write through or over it. */
async function occupied(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}
