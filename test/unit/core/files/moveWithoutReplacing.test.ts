import * as assert from 'node:assert/strict';
import { promises as fsPromises } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moveWithoutReplacing } from '../../../../src/core/files/moveWithoutReplacing';

type Link = typeof fsPromises.link;

/** Makes fs.link fail with `code` for the test (a file system without hard links cannot be made here). */
function linkFailsWith(code: string): () => void {
  const writable = fsPromises as { link: Link };
  const real = writable.link;
  writable.link = () => Promise.reject(Object.assign(new Error(`${code}: link`), { code }));
  syncBuiltinESMExports();
  return () => {
    writable.link = real;
    syncBuiltinESMExports();
  };
}

suite('moveWithoutReplacing: a staged file to its name, never over another file', () => {
  let dir = '';
  setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seq-move-'));
  });
  teardown(() => rm(dir, { recursive: true, force: true }));

  test('a free name: moved (the staging name is gone); a taken name: false, both files as they were', async () => {
    await writeFile(join(dir, 'staged'), 'ours');
    assert.equal(await moveWithoutReplacing(join(dir, 'staged'), join(dir, 'data.csv')), true);
    assert.deepEqual(await readdir(dir), ['data.csv']);
    await writeFile(join(dir, 'staged'), 'again');
    assert.equal(await moveWithoutReplacing(join(dir, 'staged'), join(dir, 'data.csv')), false);
    assert.deepEqual([await readFile(join(dir, 'data.csv'), 'utf8'), await readFile(join(dir, 'staged'), 'utf8')], ['ours', 'again']);
  });

  // Windows maps ERROR_INVALID_FUNCTION (CreateHardLink on FAT32/exFAT: no hard links) to EISDIR (libuv
  // uv_translate_sys_error); Linux vfat says EPERM. Either way the exclusive copy must take over.
  for (const code of ['EISDIR', 'EPERM', 'ENOTSUP']) {
    test(`where the file system has no hard links (link fails with ${code}): moved by an exclusive copy, still never over a file`, async () => {
      const restore = linkFailsWith(code);
      try {
        await writeFile(join(dir, 'staged'), 'ours');
        assert.equal(await moveWithoutReplacing(join(dir, 'staged'), join(dir, 'data.csv')), true);
        assert.deepEqual(await readdir(dir), ['data.csv']);
        assert.equal(await readFile(join(dir, 'data.csv'), 'utf8'), 'ours');
        await writeFile(join(dir, 'staged'), 'again');
        assert.equal(await moveWithoutReplacing(join(dir, 'staged'), join(dir, 'data.csv')), false);
        assert.equal(await readFile(join(dir, 'data.csv'), 'utf8'), 'ours');
      } finally {
        restore();
      }
    });
  }
});
