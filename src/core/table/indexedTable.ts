import type { FileHandle } from 'node:fs/promises';
import { GrowingFile } from '../files/growingFile';
import { contiguousRuns, RowOffsets, type RowSource } from './rowSource';

/** What an index pass reports as it reads the file. */
export interface IndexSink {
  /** A data row at bytes [start, end). */
  row(start: number, end: number): void;
  /**
   * Asked before a row's columns are added: true once the table holds its row limit, and the pass
   * ends then (so a row past the limit adds no column, and what follows it is not read).
   */
  stopsAtRowLimit(): boolean;
  /** Column names seen so far (the array is kept and may grow). */
  readonly columns: string[];
}

/**
 * Reads the whole file once, chunk by chunk (bytes, never the whole file in memory; a file still
 * downloading is followed as it grows) and reports rows to the sink. Resolves at the end; rejects
 * with NotATableError on input it cannot read as a table. A chunk's bytes are valid until the next
 * chunk is asked for (one read buffer): copy what is kept.
 */
export type IndexPass = (chunks: AsyncIterable<Buffer>, sink: IndexSink, signal: AbortSignal) => Promise<void>;

/** Turns the bytes of consecutive rows back into cells: `ranges` are relative to `bytes`. */
export type RowDecoder = (bytes: Buffer, ranges: ReadonlyArray<[number, number]>, columns: readonly string[]) => string[][];

/** One field of one row as text: `bytes[start, end)` is the row (its line break included). */
export type FieldDecoder = (bytes: Buffer, start: number, end: number, column: number, columns: readonly string[]) => string;

/** How a file format is read: its index pass, rows back to cells, one field of a row. */
export interface TableFormat {
  index: IndexPass;
  decode: RowDecoder;
  field: FieldDecoder;
}

/** Bytes read at once by readColumn: few reads, bounded memory. */
const COLUMN_READ_BYTES = 1024 * 1024;

export interface OpenTableOptions {
  /** Called (at most every `progressEvery` rows and at the end) while the index pass runs. */
  onProgress?: (rowCount: number, columns: readonly string[]) => void;
  /**
   * The table is handed over once this many rows are indexed (first rows on screen early), or
   * sooner once the pass has read every byte on disk so far (a file still downloading) and found
   * at least one row. Default 200.
   */
  firstRows?: number;
  /**
   * Once the table is handed over, the pass waits for this before it reads on: the first rows
   * reach the screen while the machine is busy with one thing fewer (the view's page loading and
   * the download compete for the same cores). Default: no wait.
   */
  holdAfterFirstRows?: PromiseLike<void>;
  /** Rows between onProgress calls. Default 5,000. */
  progressEvery?: number;
  /** Read size of the index stream in bytes. Default 256 KiB. */
  chunkBytes?: number;
  /** The index pass stops after this many rows (stoppedAtRowLimit). Default MAX_TABLE_ROWS. */
  maxRows?: number;
}

/**
 * Most rows a table indexes: the offsets cost 16 bytes a row (80 MB here; a 256 MB file of tiny
 * rows would otherwise need hundreds of MB in the extension host), and each sorted or filtered
 * column 4–12 bytes a row more. Past it the view shows the first rows, says so and offers Open as
 * Text for the rest.
 */
export const MAX_TABLE_ROWS = 5_000_000;

class IndexedTable implements RowSource {
  readonly offsets: RowOffsets;
  readonly columns: string[] = [];
  complete = false;
  stoppedAtRowLimit = false;
  done: Promise<void> = Promise.resolve();
  readonly stop = new AbortController();

  constructor(
    readonly file: FileHandle,
    private readonly format: TableFormat,
    /** Rows are read once their bytes are on disk again (a download that started over rewrites them). */
    private readonly growing: GrowingFile,
    maxRows: number,
  ) {
    this.offsets = new RowOffsets(maxRows);
  }

  get rowCount(): number {
    return this.offsets.count;
  }

  async readRows(indices: readonly number[]): Promise<string[][]> {
    const rows: string[][] = [];
    for (const [position, length] of contiguousRuns(indices)) {
      const ranges = indices.slice(position, position + length).map((index) => this.offsets.range(index));
      const first = ranges[0][0];
      const bytes = Buffer.alloc(ranges[ranges.length - 1][1] - first);
      await this.growing.until(first + bytes.length);
      await this.file.read(bytes, 0, bytes.length, first);
      rows.push(...this.format.decode(bytes, ranges.map(([start, end]) => [start - first, end - first]), this.columns));
    }
    return rows;
  }

  async readColumn(column: number, rows: readonly number[] | undefined, onCell: (row: number, text: string) => void, signal?: AbortSignal): Promise<void> {
    const total = rows ? rows.length : this.rowCount;
    const rowAt = rows ? (position: number): number => rows[position] : (position: number): number => position;
    const { offsets } = this;
    let buffer = Buffer.alloc(0);
    for (let position = 0; position < total; ) {
      if (signal?.aborted) throw signal.reason;
      // Rows in file order within COLUMN_READ_BYTES are one read, the rows between them included
      // (scattered rows — a filter's undecided cells — would otherwise be a read each).
      const first = offsets.start(rowAt(position));
      let after = position + 1;
      while (after < total && rowAt(after) > rowAt(after - 1) && offsets.end(rowAt(after)) - first <= COLUMN_READ_BYTES) after++;
      // One buffer for the whole pass (a fresh megabyte per slice was 46 MB of garbage per column).
      const length = offsets.end(rowAt(after - 1)) - first;
      if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
      const bytes = buffer.subarray(0, length);
      await this.growing.until(first + length);
      await this.file.read(bytes, 0, length, first);
      for (; position < after; position++) {
        const row = rowAt(position);
        onCell(row, this.format.field(bytes, offsets.start(row) - first, offsets.end(row) - first, column, this.columns));
      }
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.done.catch(() => undefined);
    await this.file.close();
  }
}

/**
 * Opens a file as a table: starts the index pass and resolves once the first rows are known (or
 * the file ended; while it downloads, once the rows on disk so far are read), while the pass goes
 * on; `done` settles when it ends. A failure before the first rows rejects here (and closes the file); a later one rejects `done`. `file` may still be
 * downloading (GrowingFile): the pass follows it, so the first rows come with the first bytes.
 */
export async function openIndexedTable(file: string | GrowingFile, format: TableFormat, options: OpenTableOptions = {}): Promise<RowSource> {
  const { firstRows = 200, progressEvery = 5000, chunkBytes = 256 * 1024, maxRows = MAX_TABLE_ROWS } = options;
  const growing = typeof file === 'string' ? GrowingFile.complete(file) : file;
  const table = new IndexedTable(await growing.openHandle(), format, growing, maxRows);
  let handedOver = false;
  let announce: () => void = () => undefined;
  const firstRowsKnown = new Promise<void>((resolve) => (announce = resolve));
  const handOver = (): void => {
    handedOver = true;
    announce();
  };
  const sink: IndexSink = {
    columns: table.columns,
    stopsAtRowLimit() {
      if (table.offsets.count < maxRows) return false;
      // The pass ends quietly at its next check of the signal.
      table.stoppedAtRowLimit = true;
      table.stop.abort();
      return true;
    },
    row(start, end) {
      if (sink.stopsAtRowLimit()) return;
      table.offsets.push(start, end);
      const count = table.offsets.count;
      if (count === firstRows) handOver();
      if (count % progressEvery === 0) options.onProgress?.(count, table.columns);
    },
  };
  // The download writes its first 64 KiB at once and then a megabyte at a time: waiting for
  // `firstRows` could mean waiting for the next megabyte, so the rows already on disk go first.
  const caughtUp = (): void => {
    if (table.offsets.count > 0) handOver();
  };
  const chunks = heldAfterHandOver(growing.chunks(table.file, chunkBytes, table.stop.signal, caughtUp), () => handedOver, options.holdAfterFirstRows, table.stop.signal);
  table.done = format.index(chunks, sink, table.stop.signal).then(() => {
    table.complete = true;
    options.onProgress?.(table.offsets.count, table.columns);
  });
  table.done.finally(handOver).catch(() => undefined);
  try {
    await Promise.race([firstRowsKnown, table.done]);
  } catch (error) {
    await table.close();
    throw error;
  }
  return table;
}

/** `chunks`, paused once (before the first chunk after the hand-over) until `hold` settles or `signal` aborts. */
async function* heldAfterHandOver(chunks: AsyncIterable<Buffer>, handedOver: () => boolean, hold: PromiseLike<void> | undefined, signal: AbortSignal): AsyncGenerator<Buffer> {
  let waiting = hold;
  for await (const chunk of chunks) {
    if (waiting && handedOver()) {
      if (signal.aborted) return;
      const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([waiting, aborted]);
      waiting = undefined;
      if (signal.aborted) return;
    }
    yield chunk;
  }
}
