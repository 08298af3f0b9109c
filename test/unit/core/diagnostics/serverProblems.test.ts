import assert from 'node:assert/strict';
import { ProblemError } from '../../../../src/core/api/errors';
import type { DiagnosticDescription } from '../../../../src/core/diagnostics/diagnosticDescription';
import { editTimeDiagnostics } from '../../../../src/core/diagnostics/editChecks';
import { problemDiagnostics } from '../../../../src/core/diagnostics/problemDiagnostics';
import { LineIndex, publishedDiagnostics, ServerProblemStore } from '../../../../src/core/diagnostics/serverProblems';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { fixture, problem, textAt } from '../../../support/runConfigFixtures';

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

suite('publishedDiagnostics', () => {
  const text = fixture('nightly.sequentum.json');
  const doc = parseRunConfig(text);
  const reviews = doc.entries[1];
  // Agent 4712 ("Reviews") is unknown: the edit-time check and the refused start both say so.
  const edit = editTimeDiagnostics(doc, new Map([[4711, { id: 4711, name: 'A', spaceId: 1, lastStatus: null, inputParameters: { url: '', 'my.page': '' } }]]));
  const refusal = new ProblemError(
    problem({ type: 'https://docs.sequentum.com/errors/agent-not-found', title: 'Agent not found', status: 404, detail: 'No agent with id 4712' }),
  );
  const server = problemDiagnostics(refusal, reviews);

  test('a server problem with the same code at the same range hides the edit-time one (and takes over its quick fix)', () => {
    assert.equal(edit.length, 1);
    assert.deepEqual(edit[0].range, server[0].range, 'both sit on the agentId value');
    const published = publishedDiagnostics(server, edit);
    assert.equal(published.length, 1, JSON.stringify(published.map((d) => d.message)));
    const [only] = published;
    assert.equal(only.message, 'Agent not found: No agent with id 4712');
    assert.equal(textAt(text, only.range), '4712');
    assert.deepEqual(only.code, { value: 'agent-not-found', target: 'https://docs.sequentum.com/errors/agent-not-found' });
    assert.deepEqual(only.quickFix, { fix: 'pick-agent', entryIndex: 1 }, '"Pick another agent…" stays available');
    assert.equal(server[0].quickFix, undefined, 'the stored server problem is not changed');
  });

  test('the edit-time one comes back once the server problem is edited away; other codes or ranges are kept', () => {
    const store = new ServerProblemStore();
    store.setForEntry('u', 1, server);
    const at = server[0].range.start;
    store.applyChanges('u', [{ offset: at, length: 1, insertedLength: 1 }]);
    assert.deepEqual(publishedDiagnostics(store.get('u'), edit).map((d) => d.message), ['Agent 4712 was not found']);

    const otherCode: DiagnosticDescription = { ...server[0], code: { value: 'validation-error' } };
    assert.equal(publishedDiagnostics([otherCode], edit).length, 2, 'a different code at the same place is a different problem');
    const otherRange: DiagnosticDescription = { ...server[0], range: { start: at, end: at + 2 } };
    assert.equal(publishedDiagnostics([otherRange], edit).length, 2, 'a different range is a different place');
    const noCode: DiagnosticDescription = { ...edit[0], code: undefined };
    assert.equal(publishedDiagnostics([{ ...server[0], code: undefined }], [noCode]).length, 2, 'no code, nothing to match on');
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
