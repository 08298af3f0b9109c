// The table page's state and its page cache (rows arrive from the host in pages, on demand).
import type { TableTexts } from '../../src/core/table/tableMessages';
import type { TableQuery } from '../../src/core/table/tableQuery';
import { PAGE_ROWS, type CellRange } from '../../src/core/table/virtualWindow';

/** Pages kept at most (about 30 screens of rows); the rest are asked for again when scrolled back to. */
const MAX_CACHED_PAGES = 30;

export interface CachedPage {
  rows: string[][];
  fileRows: number[];
}

export class TableState {
  texts: TableTexts | undefined;
  locale = 'en';
  fileName = '';
  columns: string[] = [];
  widths: number[] = [];
  /** Rows in the view (after filter); grows while the file is read. */
  rowCount = 0;
  /** Data rows in the file (indexed so far). */
  totalRows = 0;
  complete = false;
  /** The host's index pass stopped at its row limit: the file has rows the table does not. */
  stoppedAtRowLimit = false;
  busy = false;
  generation = 0;
  query: TableQuery = { filters: [] };
  selection: CellRange = { anchorRow: 0, anchorColumn: 0, row: 0, column: 0 };
  private readonly pages = new Map<number, CachedPage>();
  private readonly requested = new Set<number>();

  /** A row's cells and its file row when its page is here. */
  row(index: number): { cells: string[]; fileRow: number } | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_ROWS));
    const offset = index % PAGE_ROWS;
    if (!page || offset >= page.rows.length) return undefined;
    return { cells: page.rows[offset], fileRow: page.fileRows[offset] };
  }

  /** Pages of `wanted` neither here nor asked for yet (marks them asked for). */
  missing(wanted: readonly number[]): number[] {
    const missing = wanted.filter((page) => !this.pages.has(page) && !this.requested.has(page));
    for (const page of missing) this.requested.add(page);
    return missing;
  }

  store(start: number, page: CachedPage): void {
    const index = Math.floor(start / PAGE_ROWS);
    this.requested.delete(index);
    this.pages.delete(index);
    this.pages.set(index, page);
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= MAX_CACHED_PAGES) break;
      this.pages.delete(oldest);
    }
  }

  /** Forgets every page (a new query) or only pages that were short (more rows were read since). */
  forget(onlyShort = false): void {
    for (const [index, page] of this.pages) {
      if (!onlyShort || page.rows.length < PAGE_ROWS) this.pages.delete(index);
    }
    this.requested.clear();
  }
}

/** What the page keeps while it is hidden (VS Code's webview state): its filter and sort. */
export interface SavedPage {
  query?: TableQuery;
}

/**
 * The query a page loaded again (hidden and shown: no retained context) had, when it filtered or
 * sorted: its HTML still holds the first load's view, so the page asks for its own again. File
 * order needs nothing restored. (The host checks the query again when it comes back.)
 */
export function restoredQuery(saved: SavedPage | undefined): TableQuery | undefined {
  const query = saved?.query;
  const filters: unknown = query?.filters;
  if (!query || !Array.isArray(filters)) return undefined;
  const filtering = filters.some((filter: { text?: unknown } | null) => typeof filter?.text === 'string' && filter.text.length > 0);
  return query.sort !== undefined || filtering ? query : undefined;
}
