import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenedFilesCache } from '../../../../src/core/files/openedFilesCache';
import { silentLogger } from '../../../../src/core/log';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

suite('opened-files cache (real files)', () => {
  let root: string;
  const now = Date.now();

  setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'seq-cache-'));
  });
  teardown(() => rm(root, { recursive: true, force: true }));

  /** A cached file of `size` bytes last written `ageMs` before `now`. */
  async function cached(folder: string, name: string, size: number, ageMs: number): Promise<string> {
    await mkdir(join(root, folder), { recursive: true });
    const path = join(root, folder, name);
    await writeFile(path, Buffer.alloc(size, 97));
    const when = new Date(now - ageMs);
    await utimes(path, when, when);
    return path;
  }

  async function contents(): Promise<string[]> {
    const out: string[] = [];
    for (const folder of await readdir(root)) for (const name of await readdir(join(root, folder))) out.push(`${folder}/${name}`);
    return out.sort();
  }

  test('files older than the age limit go, unless open in an editor', async () => {
    await cached('run-1-1', 'old.csv', 10, 8 * DAY);
    const open = await cached('run-1-2', 'old-but-open.csv', 10, 30 * DAY);
    await cached('run-1-3', 'new.csv', 10, DAY);
    const cache = new OpenedFilesCache(root, silentLogger, { maxAgeMs: 7 * DAY, maxBytes: 1_000 }, () => now);
    const result = await cache.prune(new Set([open]));
    assert.deepEqual(result, { removedFiles: 1, removedBytes: 10, keptBytes: 20 });
    assert.deepEqual(await contents(), ['run-1-2/old-but-open.csv', 'run-1-3/new.csv']);
  });

  test('over the size limit the oldest go first until it fits; the folders they leave empty go too', async () => {
    await cached('run-1-1', 'a.csv', 400, 3 * HOUR);
    await cached('run-1-2', 'b.csv', 400, 2 * HOUR);
    await cached('run-1-3', 'c.csv', 400, HOUR);
    const cache = new OpenedFilesCache(root, silentLogger, { maxAgeMs: 7 * DAY, maxBytes: 900 }, () => now);
    const result = await cache.prune();
    assert.deepEqual(result, { removedFiles: 1, removedBytes: 400, keptBytes: 800 });
    assert.deepEqual(await contents(), ['run-1-2/b.csv', 'run-1-3/c.csv']);
    assert.deepEqual((await readdir(root)).sort(), ['run-1-2', 'run-1-3']);
  });

  test('part files: an abandoned one (a crash) is removed, one being written is left alone', async () => {
    await cached('run-2-1', 'big.csv.1a2b3c4d.part', 50, 2 * HOUR);
    await cached('run-2-2', 'live.csv.5e6f7a8b.part', 5_000, 1_000);
    const cache = new OpenedFilesCache(root, silentLogger, { maxAgeMs: 7 * DAY, maxBytes: 100 }, () => now);
    await cache.prune();
    assert.deepEqual(await contents(), ['run-2-2/live.csv.5e6f7a8b.part']);
  });

  test('pathFor makes the folder and never leaves the root', async () => {
    const cache = new OpenedFilesCache(root, silentLogger);
    assert.equal(await cache.pathFor('run-1-2', 'data.csv'), join(root, 'run-1-2', 'data.csv'));
    assert.deepEqual(await readdir(root), ['run-1-2']);
    for (const [folder, name] of [['..', 'x'], ['run', '../x'], ['a/b', 'x'], ['run', 'a\\b'], ['', 'x'], ['run', '.']]) {
      await assert.rejects(cache.pathFor(folder, name), /Not a file name/, `${folder} ${name}`);
    }
  });

  test('a missing root is an empty cache, not an error', async () => {
    const cache = new OpenedFilesCache(join(root, 'never-made'), silentLogger);
    assert.deepEqual(await cache.prune(), { removedFiles: 0, removedBytes: 0, keptBytes: 0 });
  });
});
