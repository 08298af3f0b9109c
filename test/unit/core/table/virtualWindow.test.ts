// The table page's virtualisation and copy helpers (src/core/table/virtualWindow.ts).
import * as assert from 'node:assert/strict';
import { bounds, MAX_BODY_HEIGHT, pagesOf, revealScrollTop, scrollScale, toTsv, visibleRows } from '../../../../src/core/table/virtualWindow';

suite('Table page: visible rows, pages, copied text', () => {
  test('only the rows in the viewport plus overscan are rendered', () => {
    assert.deepEqual(visibleRows(0, 440, 22, 100_000, 10), { first: 0, end: 30 });
    assert.deepEqual(visibleRows(22_000, 440, 22, 100_000, 10), { first: 990, end: 1030 });
    assert.deepEqual(visibleRows(2_199_900, 440, 22, 100_000, 10), { first: 99_985, end: 100_000 });
    assert.deepEqual(visibleRows(500, 440, 22, 0), { first: 0, end: 0 });
    assert.deepEqual(visibleRows(-50, 440, 22, 5, 0), { first: 0, end: 5 });
  });

  test('a list taller than a body can be scrolls through a scaled body: the end of the scroll range is the last row', () => {
    const visible = 440;
    assert.deepEqual(scrollScale(100_000, 22, visible), { bodyHeight: 2_200_000, ratio: 1 }, 'up to MAX_BODY_HEIGHT the body is as tall as the rows');
    const { bodyHeight, ratio } = scrollScale(5_000_000, 22, visible);
    assert.equal(bodyHeight, MAX_BODY_HEIGHT);
    assert.ok(ratio > 13 && ratio < 14, `ratio ${ratio}`);
    // Scrolled to the end (scrollTop = body − view): the last row's bottom is the view's bottom.
    const endOffset = (bodyHeight - visible) * ratio;
    assert.ok(Math.abs(endOffset + visible - 5_000_000 * 22) < 1e-6, `end offset ${endOffset}`);
    const window = visibleRows(endOffset, visible, 22, 5_000_000, 10);
    assert.equal(window.end, 5_000_000, 'the last row is rendered at the end');
    assert.deepEqual(visibleRows(0, visible, 22, 5_000_000, 10), { first: 0, end: 30 }, 'and the first at the top');
  });

  test('revealing a row brings it fully into view, also when a scrolled px is many px of rows', () => {
    assert.equal(revealScrollTop(5, 0, 440, 22, 1), undefined, 'already in view');
    assert.equal(revealScrollTop(100, 0, 440, 22, 1), 101 * 22 - 440, 'below: its bottom at the view\'s bottom');
    assert.equal(revealScrollTop(3, 2200, 440, 22, 1), 66, 'above: its top at the view\'s top');
    const { ratio } = scrollScale(5_000_000, 22, 440);
    for (const row of [0, 1, 1_525_200, 2_500_000, 4_999_999]) {
      for (const from of [0, 4_000_000, MAX_BODY_HEIGHT - 440]) {
        const scrollTop = revealScrollTop(row, from, 440, 22, ratio) ?? from;
        // A browser keeps whole pixels: the result is one, and the row lies within the view from it.
        assert.equal(scrollTop, Math.round(scrollTop));
        const offset = scrollTop * ratio;
        assert.ok(row * 22 >= offset - 1e-6 && (row + 1) * 22 <= offset + 440 + 1e-6, `row ${row} from ${from}: offset ${offset}`);
      }
    }
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
