// The table view's page (host: src/features/outputTable/): toolbar, status, the virtualised grid.
// The header and the first rows come in the page's HTML (initialData), later rows from the host a
// page at a time; every value is written as text.
import type { TableFromPage, TableToPage } from '../../src/core/table/tableMessages';
import { bounds, PAGE_ROWS, toTsv } from '../../src/core/table/virtualWindow';
import { connectToHost, initialData, textElement } from '../shared/host';
import { Grid } from './grid';
import { restoredQuery, TableState, type SavedPage } from './tableState';
import './table.css';

const FILTER_DELAY_MS = 250;
/** The longest the page waits for its first painted frame before it tells the host it is ready. */
const READY_FALLBACK_MS = 1000;
// The UI tier reads this mark and grid.ts's FIRST_ROWS_MARK: the browser's own time of each step.
performance.mark('table.script');

const host = connectToHost<TableFromPage, TableToPage, SavedPage>();
const state = new TableState();
const root = document.getElementById('root') ?? document.body;
const toolbar = document.createElement('div');
toolbar.className = 'toolbar';
const fileName = textElement('span', '', 'file');
const status = textElement('span', '', 'status muted');
status.setAttribute('role', 'status');
const openAsText = textElement('button', '', 'secondary');
openAsText.addEventListener('click', () => host.post({ type: 'openAsText' }));
toolbar.append(fileName, status, openAsText);
const notice = textElement('p', '', 'notice muted');
let filterTimer: ReturnType<typeof setTimeout> | undefined;

const grid = new Grid(state, {
  needPages: (pages) => {
    for (const page of pages) host.post({ type: 'page', generation: state.generation, start: page * PAGE_ROWS, count: PAGE_ROWS });
  },
  sort: (column) => {
    const current = state.query.sort;
    // Ascending, then descending, then file order.
    const next = current?.column !== column ? { column, descending: false } : current.descending ? undefined : { column, descending: true };
    state.query = { filters: state.query.filters, ...(next ? { sort: next } : {}) };
    host.saveState({ query: state.query });
    sendQuery();
  },
  filter: (column, text) => {
    state.query = { ...state.query, filters: [...state.query.filters.filter((filter) => filter.column !== column), ...(text ? [{ column, text }] : [])] };
    host.saveState({ query: state.query });
    clearTimeout(filterTimer);
    filterTimer = setTimeout(sendQuery, FILTER_DELAY_MS);
  },
  selected: () => grid.queueRender(),
});
root.append(toolbar, notice, grid.scroller);

function sendQuery(): void {
  host.post({ type: 'query', query: state.query });
  grid.buildHeader();
}

function showStatus(): void {
  const texts = state.texts;
  if (!texts) return;
  const number = new Intl.NumberFormat(state.locale);
  const filtered = state.query.filters.length > 0;
  if (state.busy) status.textContent = texts.sorting;
  else if (!state.complete) status.textContent = texts.reading.replace('{0}', number.format(state.totalRows));
  else status.textContent = filtered ? texts.rowsFiltered.replace('{0}', number.format(state.rowCount)).replace('{1}', number.format(state.totalRows)) : texts.rows.replace('{0}', number.format(state.rowCount));
  if (state.complete && !state.busy && state.rowCount === 0) notice.textContent = texts.noRows;
  else notice.textContent = state.stoppedAtRowLimit ? texts.rowLimit.replace('{0}', number.format(state.totalRows)) : '';
}

function receive(message: TableToPage): void {
  switch (message.type) {
    case 'init':
      state.texts = message.texts;
      state.locale = message.locale;
      state.fileName = message.fileName;
      state.columns = [...message.columns];
      state.totalRows = message.rowCount;
      state.complete = message.complete;
      state.stoppedAtRowLimit = message.stoppedAtRowLimit;
      fileName.textContent = message.fileName;
      openAsText.textContent = message.texts.openAsText;
      grid.buildHeader();
      break;
    case 'progress': {
      const widened = message.columns.length !== state.columns.length;
      state.columns = [...message.columns];
      state.totalRows = message.rowCount;
      state.complete = message.complete;
      state.stoppedAtRowLimit = message.stoppedAtRowLimit;
      if (state.query.filters.length === 0 && state.query.sort === undefined) state.rowCount = message.rowCount;
      state.forget(true);
      if (widened) grid.buildHeader();
      break;
    }
    case 'view':
      if (message.generation < state.generation) return;
      if (message.generation > state.generation || !message.busy) state.forget();
      state.generation = message.generation;
      state.rowCount = message.rowCount;
      state.totalRows = message.totalRows;
      state.busy = message.busy;
      break;
    case 'page':
      if (message.generation !== state.generation) return;
      state.store(message.start, { rows: message.rows, fileRows: message.fileRows });
      break;
    case 'failed':
      state.texts = message.texts;
      openAsText.textContent = message.texts.openAsText;
      status.textContent = message.texts.notATable;
      notice.textContent = message.message;
      notice.className = 'notice error';
      grid.scroller.hidden = true;
      return;
  }
  showStatus();
  grid.queueRender();
}

/** Copies the selected cells (or, with `wholeRows`, the selected rows) of the rows that are loaded. */
function copy(wholeRows: boolean): void {
  const { rows, columns } = bounds(state.selection);
  const lines: string[][] = [];
  for (let index = rows[0]; index <= rows[1]; index++) {
    const row = state.row(index);
    if (row) lines.push(wholeRows ? row.cells : row.cells.slice(columns[0], columns[1] + 1));
  }
  host.post({ type: 'copy', text: toTsv(lines) });
  if (state.texts) status.textContent = state.texts.copied;
}

function moveTo(row: number, column: number, extend: boolean): void {
  const clampedRow = Math.max(0, Math.min(state.rowCount - 1, row));
  const clampedColumn = Math.max(0, Math.min(state.columns.length - 1, column));
  state.selection = extend ? { ...state.selection, row: clampedRow, column: clampedColumn } : { anchorRow: clampedRow, anchorColumn: clampedColumn, row: clampedRow, column: clampedColumn };
  grid.reveal(clampedRow);
  grid.queueRender();
}

grid.scroller.addEventListener('keydown', (event) => {
  if (event.target !== grid.scroller) return;
  const { row, column } = state.selection;
  const command = event.ctrlKey || event.metaKey;
  const moves: Record<string, [number, number] | undefined> = {
    ArrowDown: [row + 1, column],
    ArrowUp: [row - 1, column],
    ArrowRight: [row, column + 1],
    ArrowLeft: [row, column - 1],
    PageDown: [row + grid.rowsPerScreen(), column],
    PageUp: [row - grid.rowsPerScreen(), column],
    Home: command ? [0, 0] : [row, 0],
    End: command ? [state.rowCount - 1, state.columns.length - 1] : [row, state.columns.length - 1],
  };
  const target = moves[event.key];
  if (target) {
    event.preventDefault();
    moveTo(target[0], target[1], event.shiftKey);
  } else if (command && event.key.toLowerCase() === 'c') {
    event.preventDefault();
    copy(event.shiftKey);
  } else if (event.key === ' ' && event.shiftKey) {
    event.preventDefault();
    state.selection = { anchorRow: state.selection.anchorRow, anchorColumn: 0, row, column: state.columns.length - 1 };
    grid.queueRender();
  }
});

grid.scroller.addEventListener('mousedown', (event) => {
  const hit = grid.cellAt(event.target);
  if (!hit) return;
  if (hit.column === undefined) {
    // The row number: the whole row.
    state.selection = { anchorRow: event.shiftKey ? state.selection.anchorRow : hit.row, anchorColumn: 0, row: hit.row, column: state.columns.length - 1 };
    grid.queueRender();
  } else {
    moveTo(hit.row, hit.column, event.shiftKey);
  }
  grid.scroller.focus({ preventScroll: true });
});

/** Ready once the first rows are painted (the frame that draws them, then a task after its paint): the host holds the download and the index pass until then, so the page has the cores. A page whose frames do not run says so after a moment anyway. */
function tellReadyAfterPaint(shown: number): void {
  let told = false;
  const tellReady = (): void => {
    if (told) return;
    told = true;
    host.post({ type: 'ready', shown });
  };
  requestAnimationFrame(() => setTimeout(tellReady, 0));
  setTimeout(tellReady, READY_FALLBACK_MS);
}

// The host's messages from the HTML first (drawn at the next frame, no round trip), then the
// host is told which view they showed: it sends only what is newer. A page loaded again (hidden
// and shown) with a filter or sort takes only the HTML's header: its rows are the first load's
// view, not what the restored filter boxes say; the page asks for its own query again.
const opening = initialData<TableToPage[]>();
const restored = restoredQuery(host.state());
if (restored) state.query = restored;
if (Array.isArray(opening)) opening.filter((message) => !restored || message.type === 'init').forEach(receive);
host.onMessage(receive);
if (restored) {
  host.post({ type: 'ready' });
  sendQuery();
} else if (opening && state.generation > 0) {
  tellReadyAfterPaint(state.generation);
} else {
  host.post({ type: 'ready' });
}
