const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** A row's byte range and how many fields it has. */
export type RowFound = (start: number, end: number, fields: number) => void;

/**
 * Finds where CSV rows start and end in a byte stream, fed chunk by chunk, without making a string:
 * the index pass only needs offsets, and building every cell of a 50 MB file only to drop it cost
 * seconds and tens of megabytes of garbage. It follows the quoting rules csv-parse applies with the
 * options of csvSource.ts (RFC 4180; `relax_quotes`: a quote that does not open a field is a plain
 * character; blank lines skipped), so each range it reports is exactly one record to csv-parse,
 * which reads the cells when a row is shown. Fields are counted to widen the columns.
 */
export class CsvRowScanner {
  private offset = 0;
  private rowStart = 0;
  private fields = 1;
  private hasContent = false;
  private atFieldStart = true;
  private inQuotes = false;
  private quoteSeen = false;
  /** Byte where the open quoted field began (for the error message). */
  private quoteStart = 0;

  constructor(private readonly found: RowFound) {}

  /** Bytes of a UTF-8 byte order mark at the very start (EF BB BF), skipped even across chunks. */
  private bomBytes = 0;

  /** Where the data starts in this chunk after a byte order mark at the start of the file. */
  private skipBom(chunk: Buffer): number {
    let skipped = 0;
    while (this.offset + skipped === this.bomBytes && this.bomBytes < 3 && skipped < chunk.length && chunk[skipped] === BOM[this.bomBytes]) {
      skipped++;
      this.bomBytes++;
    }
    return skipped;
  }

  push(chunk: Buffer): void {
    const first = this.skipBom(chunk);
    if (first > 0) this.rowStart = this.offset + first;
    for (let i = first; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (byte === QUOTE) continue; // "" inside quotes: a literal quote
          this.inQuotes = false; // the quote closed the field; this byte is read as unquoted below
        } else {
          if (byte === QUOTE) this.quoteSeen = true;
          continue;
        }
      }
      if (byte === QUOTE && this.atFieldStart) {
        this.inQuotes = true;
        this.quoteStart = this.offset + i;
        this.atFieldStart = false;
        this.hasContent = true;
      } else if (byte === COMMA) {
        this.fields++;
        this.atFieldStart = true;
        this.hasContent = true;
      } else if (byte === LF) {
        this.endRow(this.offset + i + 1);
      } else if (byte !== CR) {
        this.atFieldStart = false;
        this.hasContent = true;
      }
    }
    this.offset += chunk.length;
  }

  /** The end of the input: the last row (without a newline); an unclosed quote is an error. */
  end(): void {
    if (this.inQuotes && !this.quoteSeen) throw new UnclosedQuoteError(this.quoteStart);
    this.inQuotes = false;
    this.endRow(this.offset);
  }

  private endRow(end: number): void {
    if (this.hasContent) this.found(this.rowStart, end, this.fields);
    this.rowStart = end;
    this.fields = 1;
    this.hasContent = false;
    this.atFieldStart = true;
  }
}

/** A quoted field opened at `at` (a byte offset) is never closed: the rest of the file would be one cell. */
export class UnclosedQuoteError extends Error {
  constructor(readonly at: number) {
    super(`Not readable as CSV: the quoted field that starts at byte ${at} is never closed.`);
    this.name = 'UnclosedQuoteError';
  }
}
