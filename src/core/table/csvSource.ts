import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { openIndexedTable, type IndexPass, type OpenTableOptions, type RowDecoder } from './indexedTable';
import { NotATableError, type RowSource } from './rowSource';

/**
 * csv-parse (the `csv` project's parser: streaming, RFC 4180 quoting with embedded newlines, a byte
 * count per record) reads the file. Scraped CSV is often a little off, so rows may be shorter or
 * longer than the header and a stray quote inside a field is taken literally; an unclosed quote
 * is still an error (everything after it would be one field).
 */
const CSV_OPTIONS: Options = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true };

/** The first record is the header; `info.bytes` is the byte offset just after each record. */
const indexCsv: IndexPass = async (stream, sink, signal) => {
  const parser = parse({ ...CSV_OPTIONS, bom: true, info: true });
  stream.pipe(parser);
  stream.on('error', (error: Error) => parser.destroy(error));
  let previousEnd = -1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      if (signal.aborted) break;
      if (previousEnd < 0) {
        sink.columns.push(...record.map((name, column) => name.trim() || `Column ${column + 1}`));
      } else {
        for (let column = sink.columns.length; column < record.length; column++) sink.columns.push(`Column ${column + 1}`);
        sink.row(previousEnd, info.bytes);
      }
      previousEnd = info.bytes;
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof CsvError) throw new NotATableError(`Not readable as CSV: ${error.message}`);
    throw error;
  }
  if (previousEnd < 0 && !signal.aborted) throw new NotATableError('The file is empty: no header row.');
};

const decodeCsv: RowDecoder = (bytes, ranges) => {
  // Consecutive rows are one slice of the file; parse it whole (a row is never split across slices).
  const records: string[][] = parseSync(bytes, CSV_OPTIONS);
  if (records.length === ranges.length) return records;
  // Blank lines inside the slice were skipped; read row by row instead so indices stay aligned.
  return ranges.map(([start, end]): string[] => {
    const row: string[][] = parseSync(bytes.subarray(start, end), CSV_OPTIONS);
    return row[0] ?? [];
  });
};

/** Opens a CSV file as a table (header row + data rows), streaming; see openIndexedTable. */
export function openCsvTable(path: string, options?: OpenTableOptions): Promise<RowSource> {
  return openIndexedTable(path, indexCsv, decodeCsv, options);
}
