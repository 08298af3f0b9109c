import assert from 'node:assert/strict';
import type { DiagnosticDescription } from '../../../../src/core/diagnostics/diagnosticDescription';
import { LineIndex, ServerProblemStore } from '../../../../src/core/diagnostics/serverProblems';

function problemAt(start: number, end: number, entryIndex = 0): DiagnosticDescription {
  return { range: { start, end }, message: `p${start}`, severity: 'error', origin: 'server', entryIndex };
}

suite('ServerProblemStore', () => {
  const uri = 'file:///w/a.sequentum.json';

  test('an edit inside or touching a problem removes it; edits before shift it; edits after leave it', () => {
    const store = new ServerProblemStore();
    store.setForEntry(uri, 0, [problemAt(10, 14), problemAt(30, 34), problemAt(50, 54)]);
    // Replace 2 chars at 31 (inside the 2nd), insert 3 chars at 5 (before all), delete at 60 (after all).
    store.applyChanges(uri, [
      { offset: 31, length: 2, insertedLength: 1 },
      { offset: 5, length: 0, insertedLength: 3 },
      { offset: 60, length: 4, insertedLength: 0 },
    ]);
    assert.deepEqual(store.get(uri).map((p) => p.range), [{ start: 13, end: 17 }, { start: 52, end: 56 }]);
    store.applyChanges(uri, [{ offset: 17, length: 0, insertedLength: 1 }]);
    assert.deepEqual(store.get(uri).map((p) => p.message), ['p50'], 'typing right after the value counts as editing it');
  });

  test('a new refusal replaces the entry problems; a success clears only that entry', () => {
    const store = new ServerProblemStore();
    store.setForEntry(uri, 0, [problemAt(1, 2, 0)]);
    store.setForEntry(uri, 1, [problemAt(40, 42, 1)]);
    store.setForEntry(uri, 0, [problemAt(5, 6, 0)]);
    assert.deepEqual(store.get(uri).map((p) => p.message), ['p40', 'p5']);
    assert.equal(store.clearEntry(uri, 1), true);
    assert.deepEqual(store.get(uri).map((p) => p.message), ['p5']);
  });

  test('deleting the file forgets it; shrinking text drops problems past the end', () => {
    const store = new ServerProblemStore();
    store.setForEntry(uri, 0, [problemAt(1, 2), problemAt(90, 99)]);
    assert.equal(store.clampTo(uri, 50), true);
    assert.equal(store.get(uri).length, 1);
    assert.equal(store.clearFile(uri), true);
    assert.deepEqual(store.files(), []);
  });
});

suite('LineIndex', () => {
  test('maps offsets to lines for \\n, \\r\\n and \\r line ends', () => {
    const index = new LineIndex('ab\ncd\r\nef\rg');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(10), { line: 3, character: 0 });
  });
});
