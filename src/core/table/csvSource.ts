import type { Options } from 'csv-parse';
import type { GrowingFile } from '../files/growingFile';
import { csvField } from './csvField';
import { CsvRowScanner, UnclosedQuoteError } from './csvRowScanner';
import { openIndexedTable, type FieldDecoder, type IndexPass, type OpenTableOptions, type RowDecoder } from './indexedTable';
import { NotATableError, type RowSource } from './rowSource';

/**
 * csv-parse (the `csv` project's parser: RFC 4180 quoting with embedded newlines, well kept) reads
 * the cells of the rows on screen and of the sort and filter passes. Scraped CSV is often a little
 * off, so rows may be shorter or longer than the header and a stray quote inside a field is taken
 * literally; an unclosed quote is still an error (everything after it would be one field).
 */
const CSV_OPTIONS: Options = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true };

/** csv-parse's synchronous API, loaded with the first CSV table rather than at activation (esbuild.js VENDOR_BUNDLES). */
type CsvParser = typeof import('csv-parse/sync');

/**
 * The index pass: CsvRowScanner finds the rows' byte ranges; the header row's bytes are kept and
 * read by csv-parse. Rows with more fields than the header widen the columns.
 */
const indexCsv = ({ parse: parseSync, CsvError }: CsvParser): IndexPass => async (chunks, sink, signal) => {
  let header: Buffer[] | undefined = [];
  let headerRead = false;
  const scanner = new CsvRowScanner((start, end, fields) => {
    if (!headerRead) {
      headerRead = true;
      const bytes = Buffer.concat(header ?? []).subarray(start, end);
      header = undefined;
      const names: string[] = parseSync(bytes, CSV_OPTIONS)[0] ?? [];
      sink.columns.push(...names.map((name, column) => name.trim() || `Column ${column + 1}`));
      return;
    }
    if (sink.stopsAtRowLimit()) return;
    for (let column = sink.columns.length; column < fields; column++) sink.columns.push(`Column ${column + 1}`);
    sink.row(start, end);
  });
  try {
    for await (const chunk of chunks) {
      if (signal.aborted) return;
      // A copy: the chunk's bytes are read over by the next one (GrowingFile.chunks).
      if (!headerRead) header?.push(Buffer.from(chunk));
      scanner.push(chunk);
    }
    if (signal.aborted) return;
    scanner.end();
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof UnclosedQuoteError) throw new NotATableError(error.message);
    if (error instanceof CsvError) throw new NotATableError(`Not readable as CSV: ${error.message}`);
    throw error;
  }
  if (!headerRead) throw new NotATableError('The file is empty: no header row.');
};

const decodeCsv = ({ parse: parseSync }: CsvParser): RowDecoder => (bytes, ranges) => {
  // Consecutive rows are one slice of the file; parse it whole (a row is never split across slices).
  const records: string[][] = parseSync(bytes, CSV_OPTIONS);
  if (records.length === ranges.length) return records;
  // Blank lines inside the slice were skipped; read row by row instead so indices stay aligned.
  return ranges.map(([start, end]): string[] => {
    const row: string[][] = parseSync(bytes.subarray(start, end), CSV_OPTIONS);
    return row[0] ?? [];
  });
};

/** One field without csv-parse where the row is regular (csvField); csv-parse reads the others. */
const csvFieldText = ({ parse: parseSync }: CsvParser): FieldDecoder => (bytes, start, end, column) => {
  const fast = csvField(bytes, start, end, column);
  if (fast !== undefined) return fast;
  const row: string[][] = parseSync(bytes.subarray(start, end), CSV_OPTIONS);
  return row[0]?.[column] ?? '';
};

/** Opens a CSV file as a table (header row + data rows), streaming; see openIndexedTable. */
export async function openCsvTable(file: string | GrowingFile, options?: OpenTableOptions): Promise<RowSource> {
  const csv = await import('csv-parse/sync');
  return openIndexedTable(file, { index: indexCsv(csv), decode: decodeCsv(csv), field: csvFieldText(csv) }, options);
}
