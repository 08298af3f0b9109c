import type { DisposableLike } from '../lifecycle';
import { cellContains, ColumnIndex, keptLength, MAX_KEPT_CHARS } from './columnIndex';
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
 * A column is long text when more than half of its first LONG_TEXT_SAMPLE_ROWS cells (or of all
 * its cells, in a smaller table) are longer than an index keeps: its index would hold a prefix of
 * nearly every cell and still send a filter back to the file for most rows.
 */
const LONG_TEXT_SAMPLE_ROWS = 1000;

/** Builds one column's index from its cells, given in row order. */
class ColumnIndexBuilder {
  private readonly codes: Uint32Array;
  // Whole cells and cut prefixes in two maps (a cut prefix is not the same value as a cell that is
  // exactly that text), each keyed by the string kept in `values`: a key made for the purpose
  // (prefix + a marker) was a second copy of every prefix, ~11 MB for a 100,000-row text column.
  private readonly wholeCodes = new Map<string, number>();
  private readonly cutCodes = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly cut: number[] = [];
  /** Cells added so far that were cut. */
  cutCells = 0;

  constructor(rowCount: number) {
    this.codes = new Uint32Array(rowCount);
  }

  /** Adds `row`'s cell; returns its code (a new value's code is the number of values before it). */
  add(row: number, text: string): number {
    const kept = keptLength(text);
    const isCut = kept < text.length;
    if (isCut) this.cutCells++;
    const prefix = isCut ? text.slice(0, kept) : text;
    const dictionary = isCut ? this.cutCodes : this.wholeCodes;
    let code = dictionary.get(prefix);
    if (code === undefined) {
      code = this.values.length;
      const value = isCut ? ownPrefix(prefix) : text;
      this.values.push(value);
      dictionary.set(value, code);
      this.cut.push(isCut ? 1 : 0);
    }
    this.codes[row] = code;
    return code;
  }

  isCut(code: number): boolean {
    return this.cut[code] === 1;
  }

  /** True when the cells added so far (`rows` of them) make the column long text (LONG_TEXT_SAMPLE_ROWS). */
  isLongText(rows: number): boolean {
    return this.cutCells * 2 > rows;
  }

  finish(): ColumnIndex {
    return new ColumnIndex(this.codes, this.values, Uint8Array.from(this.cut));
  }
}

/** One pass over the file for `column`: each row's code into the column's distinct values. */
export async function buildColumnIndex(source: RowSource, column: number, signal?: AbortSignal): Promise<ColumnIndex> {
  const builder = new ColumnIndexBuilder(source.rowCount);
  await source.readColumn(column, undefined, (row, text) => builder.add(row, text), signal);
  return builder.finish();
}

/** A filter's verdict on one distinct whole value while a filter pass builds the index. */
const enum Verdict {
  No = 0,
  Yes = 1,
  /** A cut prefix: each of its cells is tested whole. */
  PerCell = 2,
}

/**
 * One pass over `column` that answers a filter (a mask: 1 where the cell contains `lowerText`) and
 * builds the column's index in the same pass, testing each distinct whole value once and each long
 * cell whole as it is read — unless the column turns out to be long text: then the index is
 * dropped at LONG_TEXT_SAMPLE_ROWS and the pass only tests cells (a 100,000-row column of
 * 250-character descriptions held ~10 MB of prefixes that a filter could not use, and its build
 * was the peak of the extension host's memory). The pass ends with the table (`indexSignal`); it
 * ends with the query that asked (`signal`) only once it builds no index, as the next query on the
 * column will want the index.
 */
async function filterPass(source: RowSource, column: number, lowerText: string, signal: AbortSignal, indexSignal: AbortSignal): Promise<{ mask: Uint8Array; index: ColumnIndex | undefined }> {
  const mask = new Uint8Array(source.rowCount);
  let builder: ColumnIndexBuilder | undefined = new ColumnIndexBuilder(source.rowCount);
  const verdicts: Verdict[] = [];
  const contains = (text: string): number => (cellContains(text, lowerText) ? 1 : 0);
  // The pass stops with the table (indexSignal), and with the query once it builds no index.
  const pass = new AbortController();
  const stop = (): void => pass.abort(signal.aborted ? signal.reason : indexSignal.reason);
  indexSignal.addEventListener('abort', stop, { once: true });
  const queryGone = (): void => {
    if (!builder) stop();
  };
  signal.addEventListener('abort', queryGone, { once: true });
  try {
    await source.readColumn(
      column,
      undefined,
      (row, text) => {
        if (builder && row === LONG_TEXT_SAMPLE_ROWS && builder.isLongText(row)) {
          builder = undefined;
          if (signal.aborted) stop();
        }
        if (!builder) {
          mask[row] = contains(text);
          return;
        }
        const code = builder.add(row, text);
        if (code === verdicts.length) verdicts.push(builder.isCut(code) ? Verdict.PerCell : contains(text));
        const verdict = verdicts[code];
        mask[row] = verdict === Verdict.PerCell ? contains(text) : verdict;
      },
      pass.signal,
    );
  } finally {
    indexSignal.removeEventListener('abort', stop);
    signal.removeEventListener('abort', queryGone);
  }
  const finished = builder as ColumnIndexBuilder | undefined;
  // A table of fewer rows than the sample is judged on all of them, here.
  const keep = finished !== undefined && (source.rowCount > LONG_TEXT_SAMPLE_ROWS || !finished.isLongText(source.rowCount));
  return { mask, index: keep ? finished.finish() : undefined };
}

/**
 * The column indexes of one table, built on first use (after the index pass) and kept within
 * COLUMN_INDEX_BUDGET_BYTES, least recently used first out. A build runs to its end even when the
 * query that asked for it was superseded: the next query on that column will want it. A filter
 * on a long-text column builds no index (filterPass): each filter on it reads the column.
 */
export class ColumnIndexes implements DisposableLike {
  /** Built or building; a filter pass that finds long text settles undefined and leaves the map. */
  private readonly built = new Map<number, Promise<ColumnIndex | undefined>>();
  private readonly longText = new Set<number>();
  private readonly stop = new AbortController();

  constructor(
    private readonly source: RowSource,
    private readonly budgetBytes = COLUMN_INDEX_BUDGET_BYTES,
  ) {}

  /** The column's index (a sort): built when missing, also for a long-text column. */
  async of(column: number): Promise<ColumnIndex> {
    const kept = await this.kept(column);
    if (kept) return kept;
    await this.source.done;
    // Another query may have started a build while this one waited.
    if (this.built.has(column)) return this.of(column);
    return this.track(column, buildColumnIndex(this.source, column, this.stop.signal));
  }

  /**
   * Rows whose cell in `column` contains `lowerText` (already lower-cased): a mask, 1 = match.
   * From the column's index when there is one (reading only the long cells its prefixes do not
   * decide); else one pass over the column that builds the index as it goes (filterPass).
   */
  async matching(column: number, lowerText: string, signal?: AbortSignal): Promise<Uint8Array> {
    const query = signal ?? new AbortController().signal;
    const kept = await this.kept(column);
    if (kept) {
      return kept.matching(lowerText, async (rows) => {
        const found: boolean[] = [];
        await this.source.readColumn(column, rows, (_row, text) => found.push(cellContains(text, lowerText)), query);
        return found;
      });
    }
    await this.source.done;
    if (this.built.has(column)) return this.matching(column, lowerText, signal);
    if (this.longText.has(column)) {
      const mask = new Uint8Array(this.source.rowCount);
      await this.source.readColumn(column, undefined, (row, text) => (mask[row] = cellContains(text, lowerText) ? 1 : 0), query);
      return mask;
    }
    const pass = filterPass(this.source, column, lowerText, query, this.stop.signal);
    const longTextFound = (): undefined => {
      this.longText.add(column);
      return undefined;
    };
    void this.track(
      column,
      pass.then(
        ({ index }) => index ?? longTextFound(),
        // The pass stops with its query only once it has found long text. The queries waiting for
        // this pass (the next filter on the column, a sort) learn that there is no index, not the
        // superseded query's abort: they were failing with it.
        (error: unknown) => {
          if (query.aborted && error === query.reason && !this.stop.signal.aborted) return longTextFound();
          throw error;
        },
      ),
    ).catch(() => undefined);
    return (await pass).mask;
  }

  /** Estimated bytes held by the indexes built so far. */
  async heldBytes(): Promise<number> {
    const settled = await Promise.allSettled(this.built.values());
    return settled.reduce((sum, result) => sum + (result.status === 'fulfilled' ? (result.value?.bytes ?? 0) : 0), 0);
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

  /** The column's index when built or building (most recently used now); undefined when there is none. */
  private async kept(column: number): Promise<ColumnIndex | undefined> {
    const building = this.built.get(column);
    if (!building) return undefined;
    this.built.delete(column);
    this.built.set(column, building);
    const index = await building;
    if (!index && this.built.get(column) === building) this.built.delete(column);
    return index;
  }

  /** Keeps a build in the map while it runs and after it, unless it fails or finds no index; trims once it is done. */
  private async track<T extends ColumnIndex | undefined>(column: number, building: Promise<T>): Promise<T> {
    this.built.set(column, building);
    const leave = (): void => {
      if (this.built.get(column) === building) this.built.delete(column);
    };
    building.then((index) => (index ? this.trim() : leave()), leave).catch(() => undefined);
    return building;
  }
}
