// The table's DOM: a sticky header (sort buttons, resize handles, filter boxes) and a body in
// which only the rows on screen exist. Every value is written with textContent (textElement).
import { textElement } from '../shared/host';
import { bounds, pagesOf, revealScrollTop, scrollScale, visibleRows } from '../../src/core/table/virtualWindow';
import type { TableState } from './tableState';

export const ROW_HEIGHT = 22;
/**
 * A performance mark at the first render with rows (its detail: the rows indexed then): the UI
 * tier measures click → first rows from it in the browser's own time, not when the test process
 * (which also serves the download) gets round to noticing.
 */
const FIRST_ROWS_MARK = 'table.firstRows';
/** The row-number column: at least this wide, wider when the numbers have more digits. */
const ROW_NUMBER_MIN_WIDTH = 64;
const DEFAULT_WIDTH = 160;
const MIN_WIDTH = 40;
const KEYBOARD_RESIZE_STEP = 16;

/** What the grid asks of the page when the user acts. */
export interface GridActions {
  needPages(pages: number[]): void;
  sort(column: number): void;
  filter(column: number, text: string): void;
  /** The active cell moved or the selection changed. */
  selected(): void;
}

function format(texts: string, ...values: Array<string | number>): string {
  return texts.replace(/\{(\d+)\}/g, (match, index: string) => String(values[Number(index)] ?? match));
}

export class Grid {
  readonly scroller = document.createElement('div');
  private readonly header = document.createElement('div');
  private readonly body = document.createElement('div');
  private renderQueued = false;
  /** The scale the scroll position was last read with, that position and where it was in the rows (px; placeBody). */
  private placed: { ratio: number; scrollTop: number; offset: number } | undefined;

  constructor(
    private readonly state: TableState,
    private readonly actions: GridActions,
  ) {
    this.scroller.className = 'scroller';
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'grid');
    this.scroller.setAttribute('aria-multiselectable', 'true');
    this.header.className = 'header';
    this.header.setAttribute('role', 'rowgroup');
    this.body.className = 'body';
    this.body.setAttribute('role', 'rowgroup');
    this.scroller.append(this.header, this.body);
    this.scroller.addEventListener('scroll', () => this.queueRender());
    window.addEventListener('resize', () => this.queueRender());
  }

  /** Rebuilds the header (columns changed) and keeps widths already set. */
  buildHeader(): void {
    const { state } = this;
    const texts = state.texts;
    if (!texts) return;
    while (state.widths.length < state.columns.length) state.widths.push(DEFAULT_WIDTH);
    const names = document.createElement('div');
    names.className = 'row head';
    names.setAttribute('role', 'row');
    names.append(textElement('div', texts.rowNumber, 'cell rownum'));
    const filters = document.createElement('div');
    filters.className = 'row filters';
    filters.setAttribute('role', 'row');
    filters.append(textElement('div', '', 'cell rownum'));
    state.columns.forEach((name, column) => {
      const cell = document.createElement('div');
      cell.className = 'cell head';
      cell.setAttribute('role', 'columnheader');
      const sorted = state.query.sort?.column === column ? state.query.sort : undefined;
      cell.setAttribute('aria-sort', sorted ? (sorted.descending ? 'descending' : 'ascending') : 'none');
      const sort = textElement('button', name, 'sort');
      sort.title = format(texts.sortBy, name);
      if (sorted) sort.append(textElement('span', sorted.descending ? ' ▼' : ' ▲', 'arrow'));
      sort.addEventListener('click', () => this.actions.sort(column));
      const handle = document.createElement('span');
      handle.className = 'resize';
      handle.tabIndex = 0;
      handle.setAttribute('role', 'separator');
      handle.setAttribute('aria-orientation', 'vertical');
      handle.setAttribute('aria-label', format(texts.resizeColumn, name));
      this.resizable(handle, column);
      cell.append(sort, handle);
      names.append(cell);
      const box = document.createElement('input');
      box.type = 'search';
      box.placeholder = texts.filter;
      box.setAttribute('aria-label', format(texts.filterColumn, name));
      box.value = state.query.filters.find((filter) => filter.column === column)?.text ?? '';
      box.addEventListener('input', () => this.actions.filter(column, box.value));
      const filterCell = document.createElement('div');
      filterCell.className = 'cell';
      filterCell.append(box);
      filters.append(filterCell);
    });
    this.header.replaceChildren(names, filters);
    this.scroller.setAttribute('aria-colcount', String(state.columns.length + 1));
    this.applyWidths();
  }

  private resizable(handle: HTMLElement, column: number): void {
    handle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      const startX = event.clientX;
      const startWidth = this.state.widths[column];
      const move = (moved: PointerEvent): void => this.setWidth(column, startWidth + moved.clientX - startX);
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', () => handle.removeEventListener('pointermove', move), { once: true });
    });
    handle.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      this.setWidth(column, this.state.widths[column] + (event.key === 'ArrowLeft' ? -KEYBOARD_RESIZE_STEP : KEYBOARD_RESIZE_STEP));
    });
  }

  private setWidth(column: number, width: number): void {
    this.state.widths[column] = Math.max(MIN_WIDTH, Math.round(width));
    this.applyWidths();
  }

  /** Column widths as one CSS variable every row's grid reads (CSSOM, allowed by the CSP). */
  private applyWidths(): void {
    // Row numbers are as wide as the largest one (7 digits for a table of millions was cut to "15251…").
    const digits = String(Math.max(this.state.totalRows, this.state.rowCount)).length;
    const rowNumbers = `max(${ROW_NUMBER_MIN_WIDTH}px, calc(${digits}ch + 14px))`;
    const columns = [rowNumbers, ...this.state.widths.slice(0, this.state.columns.length).map((width) => `${width}px`)].join(' ');
    if (this.scroller.style.getPropertyValue('--columns') !== columns) this.scroller.style.setProperty('--columns', columns);
  }

  /** How the rows map onto the scrolled body (scrollScale) for the view as it is now. */
  private scale(): { bodyHeight: number; ratio: number; visibleHeight: number } {
    const visibleHeight = this.visibleHeight();
    return { ...scrollScale(this.state.rowCount, ROW_HEIGHT, visibleHeight), visibleHeight };
  }

  /** The body's height on screen: the scroller's, less the sticky header. */
  private visibleHeight(): number {
    return this.scroller.clientHeight - this.header.offsetHeight;
  }

  /**
   * Sizes the body for the view as it is now (scale). When the scale changed since the scroll
   * position was last read (rows arrived while the file is read, a resize, a query), the scroll
   * position moves so that the same rows stay on screen: read with the new scale, a position in
   * the middle of 5,000,000 rows was tens of rows further on after a resize, and the view slid
   * through the file while it was being read.
   */
  private placeBody(): { ratio: number; visibleHeight: number } {
    const scale = this.scale();
    this.body.style.height = `${scale.bodyHeight}px`;
    const { scrollTop } = this.scroller;
    if (this.placed && this.placed.ratio !== scale.ratio) {
      // Where the view was in the rows: the exact figure while nobody scrolled since (a whole-px
      // scroll position rounded again at each of the many changes while a file is read would drift).
      const offset = scrollTop === this.placed.scrollTop ? this.placed.offset : scrollTop * this.placed.ratio;
      this.scroller.scrollTop = Math.round(offset / scale.ratio);
      this.placed = { ratio: scale.ratio, scrollTop: this.scroller.scrollTop, offset };
    } else if (!this.placed || scrollTop !== this.placed.scrollTop) {
      this.placed = { ratio: scale.ratio, scrollTop, offset: scrollTop * scale.ratio };
    }
    return scale;
  }

  queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  /** Renders the rows on screen from the page cache and asks for the pages that are missing. */
  render(): void {
    const { state } = this;
    const { ratio } = this.placeBody();
    this.applyWidths();
    this.scroller.setAttribute('aria-rowcount', String(state.rowCount + 2));
    // Where the view is in the rows (px): the scroll position itself unless the list is taller
    // than a body can be; rows are then placed relative to the scroll position.
    const { scrollTop } = this.scroller;
    const offset = scrollTop * ratio;
    const window = visibleRows(offset, this.scroller.clientHeight, ROW_HEIGHT, state.rowCount);
    const missing = state.missing(pagesOf(window));
    if (missing.length > 0) this.actions.needPages(missing);
    const selection = bounds(state.selection);
    const rows: HTMLElement[] = [];
    for (let index = window.first; index < window.end; index++) {
      const row = state.row(index);
      const element = document.createElement('div');
      element.className = 'row';
      element.setAttribute('role', 'row');
      element.setAttribute('aria-rowindex', String(index + 3));
      element.style.transform = `translateY(${index * ROW_HEIGHT - offset + scrollTop}px)`;
      element.dataset.row = String(index);
      element.append(textElement('div', row ? String(row.fileRow + 1) : '', 'cell rownum'));
      const inRows = index >= selection.rows[0] && index <= selection.rows[1];
      state.columns.forEach((_, column) => {
        const text = row?.cells[column] ?? '';
        const cell = textElement('div', text, 'cell');
        cell.id = `cell-${index}-${column}`;
        cell.setAttribute('role', 'gridcell');
        cell.dataset.column = String(column);
        if (text.length > 20) cell.title = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
        const selected = inRows && column >= selection.columns[0] && column <= selection.columns[1];
        if (selected) cell.classList.add('selected');
        cell.setAttribute('aria-selected', String(selected));
        if (index === state.selection.row && column === state.selection.column) cell.classList.add('active');
        element.append(cell);
      });
      if (!row) element.classList.add('loading');
      rows.push(element);
    }
    this.body.replaceChildren(...rows);
    if (rows.length > 0 && !rows[0].classList.contains('loading') && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) {
      performance.mark(FIRST_ROWS_MARK, { detail: { totalRows: state.totalRows, complete: state.complete } });
    }
    const active = `cell-${state.selection.row}-${state.selection.column}`;
    if (document.getElementById(active)) this.scroller.setAttribute('aria-activedescendant', active);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  /** Scrolls so that the active row is on screen. */
  reveal(row: number): void {
    const { ratio, visibleHeight } = this.placeBody();
    const scrollTop = revealScrollTop(row, this.scroller.scrollTop, visibleHeight, ROW_HEIGHT, ratio);
    if (scrollTop !== undefined) this.scroller.scrollTop = scrollTop;
  }

  /** Rows that fit on one screen (PageUp / PageDown). */
  rowsPerScreen(): number {
    return Math.max(1, Math.floor(this.visibleHeight() / ROW_HEIGHT) - 1);
  }

  /** The view row and column of a clicked cell; undefined outside the body's cells. */
  cellAt(target: EventTarget | null): { row: number; column: number | undefined } | undefined {
    const cell = target instanceof HTMLElement ? target.closest('.body .cell') : null;
    const row = cell?.parentElement?.dataset.row;
    if (!(cell instanceof HTMLElement) || row === undefined) return undefined;
    return { row: Number(row), column: cell.dataset.column === undefined ? undefined : Number(cell.dataset.column) };
  }
}
