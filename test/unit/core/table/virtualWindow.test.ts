// The table page's virtualisation and copy helpers (src/core/table/virtualWindow.ts).
import * as assert from 'node:assert/strict';
import { bounds, pagesOf, toTsv, visibleRows } from '../../../../src/core/table/virtualWindow';

suite('Table page: visible rows, pages, copied text', () => {
  test('only the rows in the viewport plus overscan are rendered', () => {
    assert.deepEqual(visibleRows(0, 440, 22, 100_000, 10), { first: 0, end: 30 });
    assert.deepEqual(visibleRows(22_000, 440, 22, 100_000, 10), { first: 990, end: 1030 });
    assert.deepEqual(visibleRows(2_199_900, 440, 22, 100_000, 10), { first: 99_985, end: 100_000 });
    assert.deepEqual(visibleRows(500, 440, 22, 0), { first: 0, end: 0 });
    assert.deepEqual(visibleRows(-50, 440, 22, 5, 0), { first: 0, end: 5 });
  });

  test('pages cover the window, no more', () => {
    assert.deepEqual(pagesOf({ first: 0, end: 30 }), [0]);
    assert.deepEqual(pagesOf({ first: 90, end: 210 }), [0, 1, 2]);
    assert.deepEqual(pagesOf({ first: 100, end: 200 }), [1]);
    assert.deepEqual(pagesOf({ first: 5, end: 5 }), []);
  });

  test('a selection in any direction', () => {
    assert.deepEqual(bounds({ anchorRow: 5, anchorColumn: 3, row: 2, column: 4 }), { rows: [2, 5], columns: [3, 4] });
  });

  test('TSV quotes cells holding tabs, newlines or quotes', () => {
    assert.equal(toTsv([['a', 'b\tc'], ['say "hi"', 'x\ny']]), 'a\t"b\tc"\n"say ""hi"""\t"x\ny"');
  });
});
