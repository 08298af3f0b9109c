import { ColumnIndexes } from './columnIndexes';
import { type RowSource } from './rowSource';
import { runQuery, type TableQuery } from './tableQuery';

/** Most rows one page request returns, whatever was asked. */
export const MAX_PAGE_ROWS = 500;

/** Rows of the view from `start`: their cells and their data-row numbers in the file (0-based). */
export interface TablePage {
  start: number;
  rows: string[][];
  fileRows: number[];
}

/**
 * A table as shown: the source in file order or through a query (filter, sort). Pages are read
 * from disk on demand, so only the rows on screen are ever in memory; a newer query supersedes a
 * running one (its pass stops, its result is dropped).
 */
export class TableView {
  private order: Uint32Array | undefined;
  private running: AbortController | undefined;

  /** The sorted and filtered columns in compact form: a query after the first on a column reads nothing. */
  private readonly indexes: ColumnIndexes;

  constructor(
    readonly source: RowSource,
    private readonly locale: string | undefined,
  ) {
    this.indexes = new ColumnIndexes(source);
  }

  /** Rows the view shows now (grows while the source is still being indexed in file order). */
  get rowCount(): number {
    return this.order ? this.order.length : this.source.rowCount;
  }

  /** Applies `query` (waits for the index pass); false when a newer query superseded this one. */
  async apply(query: TableQuery): Promise<boolean> {
    this.running?.abort();
    const controller = (this.running = new AbortController());
    try {
      const order = await runQuery(this.source, query, this.locale, this.indexes, controller.signal);
      if (controller.signal.aborted) return false;
      this.order = order;
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      throw error;
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  async page(start: number, count: number): Promise<TablePage> {
    const first = Math.max(0, Math.min(Math.floor(start), this.rowCount));
    const end = Math.min(this.rowCount, first + Math.max(0, Math.min(Math.floor(count), MAX_PAGE_ROWS)));
    const order = this.order;
    const fileRows = Array.from({ length: end - first }, (_, offset) => (order ? order[first + offset] : first + offset));
    return { start: first, rows: await this.source.readRows(fileRows), fileRows };
  }

  dispose(): void {
    this.running?.abort();
    this.indexes.dispose();
  }
}
