/**
 * A table read from a file on disk, a row at a time: the file is never held in memory. An index
 * pass records where each row starts and ends (16 bytes a row: 1.6 MB for 100,000 rows); a page is read back
 * from those offsets. CSV (csvSource.ts) and JSON arrays of objects (jsonArraySource.ts) implement it.
 */
export interface RowSource {
  /** Column names (CSV: the header row, widened by longer rows; JSON: keys in first-seen order). */
  readonly columns: readonly string[];
  /** Data rows indexed so far (all of them once `complete`). */
  readonly rowCount: number;
  /** True once the index pass has ended: it read the whole file, or stopped at its row limit. */
  readonly complete: boolean;
  /**
   * True when the index pass stopped at its row limit (OpenTableOptions.maxRows): the rows after
   * it are not in the table (the view says so and offers Open as Text).
   */
  readonly stoppedAtRowLimit: boolean;
  /** Settles when the index pass ends: resolves when complete, rejects with its error (e.g. NotATableError). */
  readonly done: Promise<void>;
  /** The cells of the given data rows (0-based, each < rowCount), in the order asked. */
  readRows(indices: readonly number[]): Promise<string[][]>;
  /**
   * One column's cell of each of `rows` (all rows in file order when undefined), handed to `onCell`
   * as read: reads the file in large slices and makes a string of that field only ('' when a row
   * has fewer fields). The sort and filter passes use it; the result is not kept here.
   */
  readColumn(column: number, rows: readonly number[] | undefined, onCell: (row: number, text: string) => void, signal?: AbortSignal): Promise<void>;
  /** Stops the index pass and closes the file. */
  close(): Promise<void>;
}

/** Every data row in file order, read back in batches through the index (whole-table checks and tests). */
export async function* scanRows(source: RowSource, signal?: AbortSignal, batch = 1000): AsyncGenerator<string[]> {
  await source.done;
  for (let first = 0; first < source.rowCount; first += batch) {
    if (signal?.aborted) throw signal.reason;
    const indices = Array.from({ length: Math.min(batch, source.rowCount - first) }, (_, offset) => first + offset);
    yield* await source.readRows(indices);
  }
}

/** The file is not a table this view can show (bad CSV quoting, JSON that is not an array of objects…). */
export class NotATableError extends Error {
  readonly kind = 'notATable';
  constructor(message: string) {
    super(message);
    this.name = 'NotATableError';
  }

  static is(value: unknown): value is NotATableError {
    return value instanceof NotATableError;
  }
}

/**
 * Growable list of [start, end) byte ranges of rows: 16 bytes a row in one Float64Array (exact
 * offsets past 4 GiB), doubled as it fills — no JS array of numbers — but never past `maxRows`:
 * doubling alone would take 5,000,000 rows (the index pass's limit) to room for 8,388,608, 134 MB
 * instead of 80 MB. While it grows the old array is held too (at the limit: 67 + 80 MB).
 */
export class RowOffsets {
  private ranges: Float64Array;
  private size = 0;

  constructor(private readonly maxRows = Number.POSITIVE_INFINITY) {
    this.ranges = new Float64Array(Math.min(8192, maxRows * 2));
  }

  /** Bytes the offsets array takes (its room, not only the rows in it). */
  get byteLength(): number {
    return this.ranges.byteLength;
  }

  get count(): number {
    return this.size;
  }

  push(start: number, end: number): void {
    if (this.size * 2 === this.ranges.length) {
      if (this.size >= this.maxRows) throw new RangeError(`More than ${this.maxRows} rows`);
      const grown = new Float64Array(Math.min(this.ranges.length * 2, this.maxRows * 2));
      grown.set(this.ranges);
      this.ranges = grown;
    }
    this.ranges[this.size * 2] = start;
    this.ranges[this.size * 2 + 1] = end;
    this.size++;
  }

  /** [start, end) of row `index` in bytes. */
  range(index: number): [number, number] {
    return [this.start(index), this.end(index)];
  }

  /** Where row `index` starts (bytes). */
  start(index: number): number {
    this.check(index);
    return this.ranges[index * 2];
  }

  /** Where row `index` ends (bytes, exclusive). */
  end(index: number): number {
    this.check(index);
    return this.ranges[index * 2 + 1];
  }

  private check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`Row ${index} of ${this.size}`);
  }
}

/** Consecutive rows are read with one read: [[firstIndexPosition, count], …] over the asked order. */
export function contiguousRuns(indices: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let position = 0; position < indices.length; ) {
    let length = 1;
    while (position + length < indices.length && indices[position + length] === indices[position] + length) length++;
    runs.push([position, length]);
    position += length;
  }
  return runs;
}
