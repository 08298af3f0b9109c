import type { DisposableLike } from '../lifecycle';
import { ColumnIndex, keptLength, MAX_KEPT_CHARS } from './columnIndex';
import type { RowSource } from './rowSource';

/**
 * Memory the column indexes of one table may hold together (estimated bytes). The 100,000-row
 * records file's columns take 0.5–10 MB each (a 100,000-row column of long text: its codes and
 * 96-character prefixes), so several sorted or filtered columns stay; past this the least
 * recently used go (and are built again, one pass over the file, when asked for again).
 */
export const COLUMN_INDEX_BUDGET_BYTES = 24 * 1024 * 1024;

/**
 * A long cell's prefix as a string of its own (a slice would keep the whole cell alive), copied
 * through one scratch buffer: a Buffer per prefix (Buffer.from) was 96 bytes of pooled memory
 * outside the JS heap per row — ~10 MB of garbage for a 100,000-row long-text column.
 */
const prefixScratch = Buffer.allocUnsafe(MAX_KEPT_CHARS * 3);
function ownPrefix(prefix: string): string {
  // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units): it always fits.
  const length = prefixScratch.write(prefix, 'utf8');
  return prefixScratch.toString('utf8', 0, length);
}

/**
 * Sees the whole text of each cut (long) cell while an index is built: a filter decides those
 * cells in the same pass rather than reading them again after it (the cells of a long-text column
 * are made once, not twice: half the reading, half the garbage).
 */
export type CutCellWatcher = (row: number, text: string) => void;

/** One pass over the file for `column`: each row's code into the column's distinct values. */
export async function buildColumnIndex(source: RowSource, column: number, signal?: AbortSignal, onCutCell?: CutCellWatcher): Promise<ColumnIndex> {
  const codes = new Uint32Array(source.rowCount);
  // Whole cells and cut prefixes in two maps (a cut prefix is not the same value as a cell that is
  // exactly that text), each keyed by the string kept in `values`: a key made for the purpose
  // (prefix + a marker) was a second copy of every prefix, ~11 MB for a 100,000-row text column.
  const wholeCodes = new Map<string, number>();
  const cutCodes = new Map<string, number>();
  const values: string[] = [];
  const cut: number[] = [];
  await source.readColumn(
    column,
    undefined,
    (row, text) => {
      const kept = keptLength(text);
      const isCut = kept < text.length;
      if (isCut) onCutCell?.(row, text);
      const prefix = isCut ? text.slice(0, kept) : text;
      const dictionary = isCut ? cutCodes : wholeCodes;
      let code = dictionary.get(prefix);
      if (code === undefined) {
        code = values.length;
        const value = isCut ? ownPrefix(prefix) : text;
        values.push(value);
        dictionary.set(value, code);
        cut.push(isCut ? 1 : 0);
      }
      codes[row] = code;
    },
    signal,
  );
  return new ColumnIndex(codes, values, Uint8Array.from(cut));
}

/**
 * The column indexes of one table, built on first use (after the index pass) and kept within
 * COLUMN_INDEX_BUDGET_BYTES, least recently used first out. A build runs to its end even when the
 * query that asked for it was superseded: the next query on that column will want it.
 */
export class ColumnIndexes implements DisposableLike {
  private readonly built = new Map<number, Promise<ColumnIndex>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly source: RowSource,
    private readonly budgetBytes = COLUMN_INDEX_BUDGET_BYTES,
  ) {}

  async of(column: number): Promise<ColumnIndex> {
    return (await this.watched(column, undefined)).index;
  }

  /** Like `of`; when this call builds the index, `onCutCell` sees every cut cell's text in that pass (`watched`). */
  async watched(column: number, onCutCell: CutCellWatcher | undefined): Promise<{ index: ColumnIndex; watched: boolean }> {
    let index = this.built.get(column);
    if (index) {
      // Most recently used last.
      this.built.delete(column);
      this.built.set(column, index);
      return { index: await index, watched: false };
    }
    await this.source.done;
    // Another query may have started the build while this one waited for the index pass.
    if (this.built.has(column)) return this.watched(column, onCutCell);
    index = buildColumnIndex(this.source, column, this.stop.signal, onCutCell);
    this.built.set(column, index);
    index.then(() => this.trim(), () => this.built.get(column) === index && this.built.delete(column)).catch(() => undefined);
    return { index: await index, watched: true };
  }

  /** Estimated bytes held by the indexes built so far. */
  async heldBytes(): Promise<number> {
    const settled = await Promise.allSettled(this.built.values());
    return settled.reduce((sum, result) => sum + (result.status === 'fulfilled' ? result.value.bytes : 0), 0);
  }

  dispose(): void {
    this.stop.abort();
    this.built.clear();
  }

  /**
   * Drops the least recently used indexes until the rest fit (the newest always stays). Runs after
   * each build, and after each query (runQuery): a sort keeps its order and ranks on the index.
   */
  async trim(): Promise<void> {
    for (;;) {
      if (this.built.size <= 1 || (await this.heldBytes()) <= this.budgetBytes) return;
      const oldest = this.built.keys().next().value as number;
      this.built.delete(oldest);
    }
  }
}
