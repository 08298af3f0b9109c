// The index pass's row finder agrees with csv-parse (which reads the cells) on every input: the
// same rows, so a row read back by its byte range is the record csv-parse would give.
import * as assert from 'node:assert/strict';
import { parse as parseSync } from 'csv-parse/sync';
import * as fc from 'fast-check';
import { CsvRowScanner, UnclosedQuoteError } from '../../../../src/core/table/csvRowScanner';

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true };

/** Rows by the scanner, each read back with csv-parse from its byte range, fed in chunks of `chunk` bytes. */
function scannedRows(bytes: Buffer, chunk: number): string[][] {
  const rows: string[][] = [];
  const scanner = new CsvRowScanner((start, end) => {
    const records: string[][] = parseSync(bytes.subarray(start, end), OPTIONS);
    assert.equal(records.length, 1, `one record in ${JSON.stringify(bytes.toString('utf8', start, end))}`);
    rows.push(records[0]);
  });
  for (let at = 0; at < bytes.length; at += chunk) scanner.push(bytes.subarray(at, at + chunk));
  scanner.end();
  return rows;
}

suite('CSV row scanner', () => {
  test('the same rows as csv-parse over generated CSV (quotes, doubled quotes, stray quotes, commas, CR/LF, blank lines, a BOM)', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-zé ✓]{0,6}$/),
      fc.stringMatching(/^[a-z,"\n\r ]{0,8}$/).map((text) => `"${text.replace(/"/g, '""')}"`),
      fc.stringMatching(/^[a-z]{1,3}"[a-z"]{0,3}$/),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 9 }), (rows, newline, bom, trailing, chunk) => {
        const text = `${bom ? '\ufeff' : ''}${rows.join(newline)}${trailing ? newline : ''}`;
        let expected: string[][];
        try {
          expected = parseSync(text, OPTIONS);
        } catch {
          return; // csv-parse refuses it; the scanner's own refusals are tested below
        }
        assert.deepEqual(scannedRows(Buffer.from(text), chunk), expected, JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
  });

  test('an unclosed quote is refused with where it starts; a quote closing at the very end is fine', () => {
    assert.throws(() => scannedRows(Buffer.from('a,b\n1,"open\n2,3\n'), 4), (error) => error instanceof UnclosedQuoteError && error.at === 6);
    assert.deepEqual(scannedRows(Buffer.from('a,"b\nc"'), 2), [['a', 'b\nc']]);
  });
});
