import { l10n } from '../text/l10n';
import type { ColumnFilter, TableQuery } from './tableQuery';

/**
 * What the table view's host (src/features/outputTable/) and its page (webview/table/) say to
 * each other. Cells are file content: the page writes them with textContent only, never as HTML.
 */

/** The page's words, translated in the host (the page has no l10n of its own). */
export interface TableTexts {
  /** `{0}` rows. */
  rows: string;
  /** `{0}` of `{1}` rows (filtered). */
  rowsFiltered: string;
  /** Reading… `{0}` rows so far. */
  reading: string;
  sorting: string;
  filter: string;
  /** Filter `{0}` (a column's filter box, for screen readers). */
  filterColumn: string;
  /** Sort by `{0}` (a header button). */
  sortBy: string;
  openAsText: string;
  copied: string;
  noRows: string;
  /** Row number column header. */
  rowNumber: string;
  notATable: string;
  /** Drag or press arrow keys to resize `{0}`. */
  resizeColumn: string;
  /** Only the first `{0}` rows are shown (the index pass stopped at its row limit). */
  rowLimit: string;
}

export function tableTexts(): TableTexts {
  return {
    rows: l10n.t('{0} rows'),
    rowsFiltered: l10n.t('{0} of {1} rows'),
    reading: l10n.t('Reading… {0} rows so far'),
    sorting: l10n.t('Sorting and filtering…'),
    filter: l10n.t('Filter'),
    filterColumn: l10n.t('Filter {0}'),
    sortBy: l10n.t('Sort by {0}'),
    openAsText: l10n.t('Open as Text'),
    copied: l10n.t('Copied'),
    noRows: l10n.t('No rows match.'),
    rowNumber: l10n.t('#'),
    notATable: l10n.t('This file cannot be shown as a table.'),
    resizeColumn: l10n.t('Resize {0}: drag, or press Left and Right'),
    rowLimit: l10n.t('Only the first {0} rows are shown as a table. Open as Text for the rest.'),
  };
}

/** Host → page. `generation` counts applied queries: a page of an older one is dropped. */
export type TableToPage =
  | { type: 'init'; texts: TableTexts; locale: string; fileName: string; columns: readonly string[]; rowCount: number; complete: boolean; stoppedAtRowLimit: boolean }
  | { type: 'progress'; columns: readonly string[]; rowCount: number; complete: boolean; stoppedAtRowLimit: boolean }
  | { type: 'view'; generation: number; rowCount: number; totalRows: number; busy: boolean }
  | { type: 'page'; generation: number; start: number; rows: string[][]; fileRows: number[] }
  | { type: 'failed'; texts: TableTexts; message: string };

/**
 * Page → host. `ready.shown`: the generation of the view the page drew from the data in its HTML
 * (it has the header and the first rows already), absent when it has none.
 */
export type TableFromPage =
  | { type: 'ready'; shown?: number }
  | { type: 'page'; generation: number; start: number; count: number }
  | { type: 'query'; query: TableQuery }
  | { type: 'copy'; text: string }
  | { type: 'openAsText' };

/** Longest text the page may put on the clipboard through the host (characters). */
const MAX_COPY_CHARS = 64 * 1024 * 1024;
/** Most filters and longest filter text accepted: a page cannot make the host scan with absurd input. */
const MAX_FILTERS = 1000;
const MAX_FILTER_CHARS = 1000;

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 32;
}

function parseQuery(raw: unknown): TableQuery | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { filters, sort } = raw as { filters?: unknown; sort?: unknown };
  if (!Array.isArray(filters) || filters.length > MAX_FILTERS) return undefined;
  const parsed: ColumnFilter[] = [];
  for (const filter of filters as unknown[]) {
    const { column, text } = (filter ?? {}) as { column?: unknown; text?: unknown };
    if (!isIndex(column) || typeof text !== 'string' || text.length > MAX_FILTER_CHARS) return undefined;
    parsed.push({ column, text });
  }
  if (sort === undefined) return { filters: parsed };
  const { column, descending } = (sort ?? {}) as { column?: unknown; descending?: unknown };
  if (!isIndex(column) || typeof descending !== 'boolean') return undefined;
  return { filters: parsed, sort: { column, descending } };
}

/** The page's messages as the host accepts them; anything else is dropped. */
export function parseTableMessage(raw: unknown): TableFromPage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return isIndex(message.shown) ? { type: 'ready', shown: message.shown } : { type: 'ready' };
    case 'openAsText':
      return { type: message.type };
    case 'page':
      return isIndex(message.generation) && isIndex(message.start) && isIndex(message.count) ? { type: 'page', generation: message.generation, start: message.start, count: message.count } : undefined;
    case 'query': {
      const query = parseQuery(message.query);
      return query ? { type: 'query', query } : undefined;
    }
    case 'copy':
      return typeof message.text === 'string' && message.text.length <= MAX_COPY_CHARS ? { type: 'copy', text: message.text } : undefined;
    default:
      return undefined;
  }
}
