// ARCHITECTURE.md matches the tree: every folder it names exists, every folder of src/ is named in
// it (as `src/<path>/`), and it stays short enough to be read.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const doc = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');

/** Every folder under `folder`, relative to the repository root, with a trailing slash. */
function foldersUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder))
    .filter((name) => statSync(path.join(ROOT, folder, name)).isDirectory())
    .flatMap((name) => {
      const child = `${folder}/${name}`;
      return [`${child}/`, ...foldersUnder(child)];
    });
}

/** Folder paths the page names in backticks: `src/core/api/`, `test/support/`. */
const named = [...doc.matchAll(/`((?:src|test|simulator|bench)(?:\/[\w.-]+)*\/)`/g)].map((match) => match[1]);

suite('Architecture: ARCHITECTURE.md', () => {
  test('every folder it names exists', () => {
    assert.ok(named.length >= 15, `named ${named.length} folders`);
    assert.deepEqual(named.filter((folder) => !existsSync(path.join(ROOT, folder))), []);
  });

  test('every folder of src/ is named', () => {
    assert.deepEqual(foldersUnder('src').filter((folder) => !named.includes(folder)), []);
  });

  test('at most 150 lines', () => {
    assert.ok(doc.split('\n').length <= 150, `${doc.split('\n').length} lines`);
  });
});
