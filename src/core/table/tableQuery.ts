import { scanRows, type RowSource } from './rowSource';

/** Rows whose cell in `column` contains `text` (case-insensitive); empty text filters nothing. */
export interface ColumnFilter {
  column: number;
  text: string;
}

/** What the table shows: per-column filters (all must match) and at most one sort column. */
export interface TableQuery {
  filters: readonly ColumnFilter[];
  sort?: { column: number; descending: boolean };
}

export const NO_QUERY: TableQuery = { filters: [] };

/** The filters that filter something, with their text lower-cased once. */
function activeFilters(query: TableQuery): ColumnFilter[] {
  return query.filters.filter((filter) => filter.text.length > 0).map((filter) => ({ column: filter.column, text: filter.text.toLocaleLowerCase() }));
}

/** True when the query shows the file as it is (no filter text, no sort). */
export function isFileOrder(query: TableQuery): boolean {
  return query.sort === undefined && activeFilters(query).length === 0;
}

export function rowMatches(cells: readonly string[], filters: readonly ColumnFilter[]): boolean {
  return filters.every((filter) => (cells[filter.column] ?? '').toLocaleLowerCase().includes(filter.text));
}

/** A cell as a number when all of it is one (`1,234.5` and `1234` too), else NaN. */
export function numericValue(cell: string): number {
  const trimmed = cell.trim();
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) || !/\d/.test(trimmed)) return NaN;
  return Number(trimmed.replace(/,/g, ''));
}

/**
 * Orders cells the way a person reads a column: numbers by value and before text, text by the
 * locale's collation with digits compared as numbers ("item 2" before "item 10"), empty last.
 */
export function makeCellComparator(locale: string | undefined): (a: string, b: string) => number {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    if (a === b) return 0;
    if (a === '') return 1;
    if (b === '') return -1;
    const x = numericValue(a);
    const y = numericValue(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    if (!Number.isNaN(x)) return -1;
    if (!Number.isNaN(y)) return 1;
    return collator.compare(a, b);
  };
}

/**
 * The data-row indices the query shows, in order: one streamed pass over the file keeps the
 * matching rows' indices and, when sorting, only the sort column's cells. File order is undefined
 * (nothing to hold). Equal keys keep file order (a stable sort); descending reverses the keys, not ties.
 */
export async function runQuery(source: RowSource, query: TableQuery, locale: string | undefined, signal?: AbortSignal): Promise<Uint32Array | undefined> {
  if (isFileOrder(query)) return undefined;
  const filters = activeFilters(query);
  const matching: number[] = [];
  const keys: string[] = [];
  const sortColumn = query.sort?.column;
  let index = 0;
  for await (const cells of scanRows(source, signal)) {
    if (rowMatches(cells, filters)) {
      matching.push(index);
      if (sortColumn !== undefined) keys.push(cells[sortColumn] ?? '');
    }
    index++;
  }
  const order = Uint32Array.from(matching.keys());
  if (query.sort) {
    const compare = makeCellComparator(locale);
    const direction = query.sort.descending ? -1 : 1;
    // Empty cells stay last in both directions.
    order.sort((a, b) => {
      const emptyA = keys[a] === '';
      if (emptyA !== (keys[b] === '')) return emptyA ? 1 : -1;
      return direction * compare(keys[a], keys[b]) || a - b;
    });
  }
  return order.map((position) => matching[position]);
}
