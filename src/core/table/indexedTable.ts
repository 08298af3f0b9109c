import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { contiguousRuns, RowOffsets, type RowSource } from './rowSource';

/** What an index pass reports as it reads the file. */
export interface IndexSink {
  /** A data row at bytes [start, end). */
  row(start: number, end: number): void;
  /** Column names seen so far (the array is kept and may grow). */
  readonly columns: string[];
}

/**
 * Reads the whole file once as a stream (bytes, never the whole file in memory) and reports rows
 * to the sink. Resolves at the end; rejects with NotATableError on input it cannot read as a table.
 */
export type IndexPass = (stream: NodeJS.ReadableStream, sink: IndexSink, signal: AbortSignal) => Promise<void>;

/** Turns the bytes of consecutive rows back into cells: `ranges` are relative to `bytes`. */
export type RowDecoder = (bytes: Buffer, ranges: ReadonlyArray<[number, number]>, columns: readonly string[]) => string[][];

export interface OpenTableOptions {
  /** Called (at most every `progressEvery` rows and at the end) while the index pass runs. */
  onProgress?: (rowCount: number, columns: readonly string[]) => void;
  /** The table is handed over once this many rows are indexed (first rows on screen early). Default 200. */
  firstRows?: number;
  /** Rows between onProgress calls. Default 5,000. */
  progressEvery?: number;
  /** Read size of the index stream in bytes. Default 256 KiB. */
  chunkBytes?: number;
}

class IndexedTable implements RowSource {
  readonly offsets = new RowOffsets();
  readonly columns: string[] = [];
  complete = false;
  done: Promise<void> = Promise.resolve();
  readonly stop = new AbortController();

  constructor(
    private readonly file: FileHandle,
    private readonly decode: RowDecoder,
  ) {}

  get rowCount(): number {
    return this.offsets.count;
  }

  async readRows(indices: readonly number[]): Promise<string[][]> {
    const rows: string[][] = [];
    for (const [position, length] of contiguousRuns(indices)) {
      const ranges = indices.slice(position, position + length).map((index) => this.offsets.range(index));
      const first = ranges[0][0];
      const bytes = Buffer.alloc(ranges[ranges.length - 1][1] - first);
      await this.file.read(bytes, 0, bytes.length, first);
      rows.push(...this.decode(bytes, ranges.map(([start, end]) => [start - first, end - first]), this.columns));
    }
    return rows;
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.done.catch(() => undefined);
    await this.file.close();
  }
}

/**
 * Opens `path` as a table: starts the index pass and resolves once the first rows are known (or
 * the file ended), while the pass goes on; `done` settles when it ends. A failure before the first
 * rows rejects here (and closes the file); a later one rejects `done`.
 */
export async function openIndexedTable(path: string, index: IndexPass, decode: RowDecoder, options: OpenTableOptions = {}): Promise<RowSource> {
  const { firstRows = 200, progressEvery = 5000, chunkBytes = 256 * 1024 } = options;
  const table = new IndexedTable(await open(path, 'r'), decode);
  let handOver: () => void = () => undefined;
  const firstRowsKnown = new Promise<void>((resolve) => (handOver = resolve));
  const sink: IndexSink = {
    columns: table.columns,
    row(start, end) {
      table.offsets.push(start, end);
      const count = table.offsets.count;
      if (count === firstRows) handOver();
      if (count % progressEvery === 0) options.onProgress?.(count, table.columns);
    },
  };
  const stream = createReadStream(path, { highWaterMark: chunkBytes, signal: table.stop.signal });
  table.done = index(stream, sink, table.stop.signal).then(() => {
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
