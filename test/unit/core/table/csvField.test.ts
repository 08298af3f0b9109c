// csvField (one field of a CSV row, for the sort and filter passes) reads what csv-parse reads with
// the table's options, or says it cannot (undefined) so the caller asks csv-parse: checked against
// csv-parse itself on generated rows full of quotes, commas, newlines and CRs.
import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvField } from '../../../../src/core/table/csvField';
import { CsvRowScanner } from '../../../../src/core/table/csvRowScanner';

const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true };

/** True when the index pass's scanner sees `text` as exactly one row, all of it. */
function oneScannedRow(text: string): boolean {
  const rows: Array<[number, number]> = [];
  const scanner = new CsvRowScanner((start, end) => rows.push([start, end]));
  try {
    scanner.push(Buffer.from(text));
    scanner.end();
  } catch {
    return false;
  }
  return rows.length === 1 && rows[0][0] === 0 && rows[0][1] === Buffer.byteLength(text);
}

function field(text: string, column: number): string | undefined {
  const bytes = Buffer.from(text);
  return csvField(bytes, 0, bytes.length, column);
}

suite('CSV field reader', () => {
  test('plain, quoted, doubled quotes, embedded newline and comma, CRLF, multi-byte text, a missing field', () => {
    const row = 'plain,"a, b","say ""hi""","two\nlines",Zürich ✓\r\n';
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((column) => field(row, column)), ['plain', 'a, b', 'say "hi"', 'two\nlines', 'Zürich ✓', '']);
    assert.equal(field('a,,c', 1), '');
    assert.equal(field('a,b"c,d\n', 1), 'b"c', 'a quote inside an unquoted field is a character (relax_quotes)');
  });

  test('what csv-parse reads differently is left to csv-parse', () => {
    assert.equal(field('"ab"cd,e\n', 0), undefined);
    assert.equal(field('a,b\rc,d\n', 1), undefined);
    assert.equal(field('"never closed\n', 0), undefined);
  });

  test('agrees with csv-parse on every row it answers (generated rows)', () => {
    let answered = 0;
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r', ' ', '1'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean(), fc.nat(6), (cells, quoteAll, crlf, column) => {
        const quoted = cells.map((text) => (quoteAll || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)).join(',');
        for (const text of [quoted + (crlf ? '\r\n' : '\n'), `${cells.join(',')}\n`]) {
          let records: string[][];
          try {
            const parsed: string[][] = parse(Buffer.from(text), CSV_OPTIONS);
            records = parsed;
          } catch {
            continue;
          }
          if (records.length !== 1 || !oneScannedRow(text)) continue; // the index pass hands csvField one row at a time
          const got = field(text, column);
          if (got === undefined) continue;
          answered++;
          assert.equal(got, records[0][column] ?? '', `${JSON.stringify(text)}, field ${column}`);
        }
      }),
      { numRuns: 3000 },
    );
    assert.ok(answered > 1000, `most generated rows are answered without csv-parse (${answered})`);
  });
});
