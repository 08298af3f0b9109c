// The house bar: no file in src/ over 300 lines (a longer one is two things; split it by what they are).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const MAX_LINES = 300;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const child = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}

function lineCount(file: string): number {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

suite('Architecture: file size', () => {
  test(`no file in src/ over ${MAX_LINES} lines`, () => {
    const files = sourceFiles('src');
    assert.ok(files.length > 100, `read ${files.length} files`);
    assert.deepEqual(files.map((file) => ({ file, lines: lineCount(file) })).filter((f) => f.lines > MAX_LINES), []);
  });
});
