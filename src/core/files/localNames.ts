import { lstat } from 'node:fs/promises';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { safeFileName } from '../tree/fileKinds';

/**
 * Paths handed out to batches still downloading in this extension host, lower-cased. The disk
 * check alone cannot see them (a file gets its final name only once complete, and the move
 * replaces whatever is there), so two batches saving into one folder at once — two runs, both
 * with a data.csv — would be handed one path and the later file would silently replace the other.
 */
const heldInHost = new Set<string>();

/**
 * Local paths for a batch of server-named files saved into one folder: each name made safe
 * (safeFileName: no separators, no `..`, no control or bidi characters, no device names), and no
 * two files — of this batch, of another batch still saving, or already in the folder — sharing a
 * path: " (1)", " (2)"… are added. Names are compared without case, as Windows and macOS file
 * systems do, so "Data.csv" and "data.csv" never land on one file. {@link release} when the batch
 * has ended.
 */
export class LocalNames {
  private readonly held: string[] = [];

  constructor(private readonly folder: string) {}

  /** A free path in the folder for a file the server calls `serverName` (`fallback` when nothing of it is usable). */
  async reserve(serverName: string, fallback: string): Promise<string> {
    const name = safeFileName(serverName, fallback);
    const { name: stem, ext } = parse(name);
    for (let copy = 0; ; copy++) {
      const candidate = copy === 0 ? name : `${stem} (${copy})${ext}`;
      const path = inside(this.folder, candidate);
      const key = resolve(path).toLowerCase();
      if (heldInHost.has(key)) continue;
      // Held before the await: a concurrent reserve (this batch's or another's) cannot be handed the same path.
      heldInHost.add(key);
      this.held.push(key);
      if (!(await occupied(path))) return path;
    }
  }

  /** The batch ended: its files are on disk under their names (the disk check sees them) or not at all. */
  release(): void {
    for (const key of this.held) heldInHost.delete(key);
    this.held.length = 0;
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
