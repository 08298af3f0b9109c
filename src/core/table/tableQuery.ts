import { makeCellComparator } from './cellOrder';
import type { ColumnIndexes } from './columnIndexes';
import type { RowSource } from './rowSource';

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

/**
 * The data-row indices the query shows, in order, from the columns' indexes (ColumnIndexes: one
 * pass over the file per column the first time, then none): rows matching every filter, sorted
 * when asked. File order is undefined (nothing to hold). Equal keys keep file order (a stable
 * sort); descending reverses the keys, not ties; empty cells are last either way.
 */
export async function runQuery(source: RowSource, query: TableQuery, locale: string | undefined, indexes: ColumnIndexes, signal?: AbortSignal): Promise<Uint32Array | undefined> {
  if (isFileOrder(query)) return undefined;
  const filters = activeFilters(query);
  let mask: Uint8Array | undefined;
  for (const filter of filters) {
    const matches = await indexes.matching(filter.column, filter.text, signal);
    if (signal?.aborted) throw signal.reason;
    if (mask) for (let row = 0; row < mask.length; row++) mask[row] &= matches[row];
    else mask = matches;
  }
  if (signal?.aborted) throw signal.reason;
  if (!query.sort) {
    const shown = mask as Uint8Array;
    return Uint32Array.from(function* () {
      for (let row = 0; row < shown.length; row++) if (shown[row]) yield row;
    }());
  }
  const { column, descending } = query.sort;
  const index = await indexes.of(column);
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const compareCells = makeCellComparator(locale);
  const order = await index.sorted(descending, (a, b) => collator.compare(a, b), async (rows, inReverse) => {
    // Cells whose kept prefixes tie: read them whole and order those rows by their full text.
    const full = new Map<number, string>();
    await source.readColumn(column, rows, (row, text) => full.set(row, text), signal);
    return [...rows].sort((a, b) => (inReverse ? -1 : 1) * compareCells(full.get(a) ?? '', full.get(b) ?? '') || a - b);
  });
  // The order and ranks now kept on the index count against the budget.
  await indexes.trim();
  if (signal?.aborted) throw signal.reason;
  return mask ? order.filter((row) => mask[row] === 1) : order;
}
