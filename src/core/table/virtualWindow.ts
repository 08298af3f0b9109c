/**
 * Which rows of a virtualised list are on screen, and which pages to ask the host for. Pure, so
 * the table page (webview/table/) and the unit tests share it.
 */

/** Rows the page asks for at a time. */
export const PAGE_ROWS = 100;

export interface RowWindow {
  /** First row rendered (inclusive). */
  first: number;
  /** Row after the last rendered (exclusive). */
  end: number;
}

/**
 * Rows visible in a viewport of `height` px scrolled to `scrollTop` (px into the rows), plus
 * `overscan` rows on each side so a small scroll shows rows already there.
 */
export function visibleRows(scrollTop: number, height: number, rowHeight: number, rowCount: number, overscan = 10): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / rowHeight);
  return { first: Math.max(0, Math.min(top - overscan, rowCount)), end: Math.min(rowCount, bottom + overscan) };
}

/**
 * The tallest the page makes its scrolled body (px). Browsers stop laying out past a limit
 * (Chromium ~33.5 million px, Firefox ~17.9 million): at 22 px a row, a body as tall as all rows
 * ended near row 1,525,000 of a 5,000,000-row table and the rest could not be scrolled to.
 */
export const MAX_BODY_HEIGHT = 8_000_000;

/**
 * How the rows map onto the scrolled body: as tall as the rows (ratio 1) up to `maxHeight`; a
 * taller list gets a body of `maxHeight` whose scroll range stands for the whole list, `ratio`
 * px of rows per px scrolled, so the top and the end of the scroll bar are the first and the last row.
 */
export function scrollScale(rowCount: number, rowHeight: number, visibleHeight: number, maxHeight = MAX_BODY_HEIGHT): { bodyHeight: number; ratio: number } {
  const rowsHeight = Math.max(0, rowCount) * rowHeight;
  if (rowsHeight <= maxHeight) return { bodyHeight: rowsHeight, ratio: 1 };
  const visible = Math.max(0, Math.min(visibleHeight, maxHeight / 2));
  return { bodyHeight: maxHeight, ratio: (rowsHeight - visible) / (maxHeight - visible) };
}

/**
 * The scrollTop that brings `row` fully into a view `visibleHeight` px tall (under the header),
 * or undefined when it is already there. Rounded towards the row, so a browser's whole-pixel
 * scroll positions never leave it half outside when a scrolled px is `ratio` px of rows.
 */
export function revealScrollTop(row: number, scrollTop: number, visibleHeight: number, rowHeight: number, ratio: number): number | undefined {
  const offset = scrollTop * ratio;
  const top = row * rowHeight;
  if (top < offset) return Math.floor(top / ratio);
  if (top + rowHeight > offset + visibleHeight) return Math.ceil((top + rowHeight - visibleHeight) / ratio);
  return undefined;
}

/** The pages (by index, PAGE_ROWS each) that hold the rows of `window`. */
export function pagesOf(window: RowWindow, pageRows = PAGE_ROWS): number[] {
  if (window.end <= window.first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(window.first / pageRows); page * pageRows < window.end; page++) pages.push(page);
  return pages;
}

/** A rectangle of selected cells: from the anchor to the active cell, both inclusive. */
export interface CellRange {
  anchorRow: number;
  anchorColumn: number;
  row: number;
  column: number;
}

/** [first, last] rows and columns of a range, in order. */
export function bounds(range: CellRange): { rows: [number, number]; columns: [number, number] } {
  return {
    rows: [Math.min(range.anchorRow, range.row), Math.max(range.anchorRow, range.row)],
    columns: [Math.min(range.anchorColumn, range.column), Math.max(range.anchorColumn, range.column)],
  };
}

/**
 * Cells as tab-separated text, rows on lines (what spreadsheets paste): a tab, newline or quote in
 * a cell quotes it, as in CSV, so pasting keeps the cells apart.
 */
export function toTsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((cells) => cells.map((cell) => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join('\t')).join('\n');
}
