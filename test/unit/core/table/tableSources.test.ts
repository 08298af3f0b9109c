// CSV and JSON-array files as tables: indexed by streaming (small read chunks here, so rows and
// quoted fields straddle chunk boundaries), pages read back by byte offsets, bad input refused.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsvTable } from '../../../../src/core/table/csvSource';
import { looksLikeJsonArrayOfObjects, openJsonArrayTable } from '../../../../src/core/table/jsonArraySource';
import { NotATableError, RowOffsets, scanRows, type RowSource } from '../../../../src/core/table/rowSource';

suite('Table sources: CSV and JSON arrays from disk', () => {
  let folder: string;
  const open: RowSource[] = [];
  setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'table-'));
  });
  teardown(async () => {
    await Promise.all(open.splice(0).map((source) => source.close()));
    await rm(folder, { recursive: true, force: true });
  });

  async function file(name: string, content: string | Buffer): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, content);
    return path;
  }

  async function csv(content: string, chunkBytes = 7): Promise<RowSource> {
    const source = await openCsvTable(await file('t.csv', content), { chunkBytes, firstRows: 2 });
    open.push(source);
    await source.done;
    return source;
  }

  test('header, rows, quoted commas, quotes and newlines, a BOM, CRLF and multi-byte text across chunks', async () => {
    const source = await csv('\ufeffname,note,price\r\n"Ünïcødé ✓","a, b",1.5\r\n"line\nbreak","say ""hi""",2\r\nplain,,3\r\n');
    assert.deepEqual(source.columns, ['name', 'note', 'price']);
    assert.equal(source.rowCount, 3);
    assert.ok(source.complete);
    assert.deepEqual(await source.readRows([0, 1, 2]), [
      ['Ünïcødé ✓', 'a, b', '1.5'],
      ['line\nbreak', 'say "hi"', '2'],
      ['plain', '', '3'],
    ]);
  });

  test('rows are read back in any order, singly or in runs, from their byte offsets', async () => {
    const lines = Array.from({ length: 50 }, (_, row) => `r${row},"${'é'.repeat(row % 5)}x${row}"`);
    const source = await csv(`id,text\n${lines.join('\n')}\n`, 13);
    assert.equal(source.rowCount, 50);
    const rows = await source.readRows([49, 0, 1, 2, 30, 29]);
    assert.deepEqual(rows.map((row) => row[0]), ['r49', 'r0', 'r1', 'r2', 'r30', 'r29']);
    assert.equal(rows[4][1], `${'é'.repeat(0)}x30`);
    assert.equal((await source.readRows([48]))[0][1], `${'é'.repeat(3)}x48`);
    assert.deepEqual([...(await toArray(scanRows(source, undefined, 7)))].map((row) => row[0]), lines.map((_, row) => `r${row}`));
  });

  test('blank lines are skipped; longer rows widen the columns; blank header names get a name', async () => {
    const source = await csv('a,,c\n1,2,3\n\n4,5,6,7\n');
    assert.deepEqual(source.columns, ['a', 'Column 2', 'c', 'Column 4']);
    assert.deepEqual(await source.readRows([0, 1]), [['1', '2', '3'], ['4', '5', '6', '7']]);
  });

  test('the index pass stops at its row limit: the first rows are the table, the rest is not indexed, and the source says so', async () => {
    const lines = Array.from({ length: 40 }, (_, row) => `r${row},${row}`);
    const path = await file('limited.csv', `id,n\n${lines.join('\n')}\n`);
    const limited = await openCsvTable(path, { chunkBytes: 16, firstRows: 2, maxRows: 25 });
    open.push(limited);
    await limited.done;
    assert.equal(limited.rowCount, 25);
    assert.ok(limited.complete);
    assert.ok(limited.stoppedAtRowLimit);
    assert.deepEqual((await toArray(scanRows(limited))).map((row) => row[0]), lines.slice(0, 25).map((line) => line.split(',')[0]));
    // Exactly as many rows as the limit: the whole file, not stopped.
    const exact = await openCsvTable(path, { chunkBytes: 16, firstRows: 2, maxRows: 40 });
    open.push(exact);
    await exact.done;
    assert.equal(exact.rowCount, 40);
    assert.equal(exact.stoppedAtRowLimit, false);
    // A limit below the first rows still hands the table over.
    const json = await openJsonArrayTable(await file('limited.json', JSON.stringify(lines.map((line) => ({ id: line })))), { chunkBytes: 5, firstRows: 10, maxRows: 3 });
    open.push(json);
    await json.done;
    assert.equal(json.rowCount, 3);
    assert.ok(json.stoppedAtRowLimit);
    assert.deepEqual(await json.readRows([2]), [['r2,2']]);
  });

  test('rows past the row limit add no columns, and a JSON element past it cannot fail the table', async () => {
    // The 4th row is the one that finds the limit (3) reached; it and the 5th are wider.
    const csvPath = await file('wide-after-limit.csv', 'a,b\n1,2\n3,4\n5,6\n7,8,9\n10,11,12,13\n');
    const limitedCsv = await openCsvTable(csvPath, { firstRows: 2, maxRows: 3 });
    open.push(limitedCsv);
    await limitedCsv.done;
    assert.ok(limitedCsv.stoppedAtRowLimit);
    assert.deepEqual(limitedCsv.columns, ['a', 'b'], 'no column from a row that is not in the table');
    const jsonPath = await file('after-limit.json', '[{"a":1},{"a":2},{"a":3},{"a":4,"extra":5},{"a":}, 7]');
    const limitedJson = await openJsonArrayTable(jsonPath, { firstRows: 2, maxRows: 3 });
    open.push(limitedJson);
    await limitedJson.done;
    assert.ok(limitedJson.stoppedAtRowLimit);
    assert.equal(limitedJson.rowCount, 3);
    assert.deepEqual(limitedJson.columns, ['a']);
  });

  test('row offsets double as they fill but never past their row limit: at the limit they take 16 bytes a row, not room for the next power of two', () => {
    // 5,000 rows: doubling alone would make room for 8,192 (131,072 bytes); the limit's 80,000 is the most.
    const limited = new RowOffsets(5000);
    for (let row = 0; row < 5000; row++) limited.push(row * 10, row * 10 + 9);
    assert.equal(limited.byteLength, 5000 * 16);
    assert.deepEqual(limited.range(4999), [49990, 49999]);
    assert.deepEqual(limited.range(0), [0, 9]);
    assert.throws(() => limited.push(50000, 50009), RangeError, 'a row past the limit is refused, not dropped');
    // Without a limit, room still doubles.
    const unlimited = new RowOffsets();
    for (let row = 0; row < 5000; row++) unlimited.push(row, row + 1);
    assert.equal(unlimited.byteLength, 8192 * 16);
  });

  test('an unclosed quote is a NotATableError naming the problem; an empty file too', async () => {
    await assert.rejects(csv('a,b\n1,"never closed\n2,3\n'), (error) => NotATableError.is(error) && /CSV/.test(error.message));
    await assert.rejects(csv(''), (error) => NotATableError.is(error) && /empty/.test(error.message));
  });

  test('the table is handed over after the first rows while the index pass goes on', async () => {
    const body = Array.from({ length: 20_000 }, (_, row) => `${row},${'x'.repeat(40)}`).join('\n');
    const source = await openCsvTable(await file('big.csv', `n,pad\n${body}\n`), { firstRows: 100, chunkBytes: 4096 });
    open.push(source);
    assert.ok(!source.complete, 'complete before the pass could have read 900 KB in 4 KiB chunks');
    assert.ok(source.rowCount >= 100);
    assert.deepEqual((await source.readRows([99]))[0], ['99', 'x'.repeat(40)]);
    await source.done;
    assert.equal(source.rowCount, 20_000);
  });

  test('holdAfterFirstRows: the pass stops after the hand-over until the hold settles; closing meanwhile does not wait for it', async () => {
    const body = Array.from({ length: 20_000 }, (_, row) => `${row},${'x'.repeat(40)}`).join('\n');
    const path = await file('held.csv', `n,pad\n${body}\n`);
    let release: () => void = () => undefined;
    const holdAfterFirstRows = new Promise<void>((resolve) => (release = resolve));
    const source = await openCsvTable(path, { firstRows: 100, chunkBytes: 4096, holdAfterFirstRows });
    open.push(source);
    const handedOverAt = source.rowCount;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(source.rowCount, handedOverAt, 'no row indexed during the hold');
    assert.ok(handedOverAt >= 100 && handedOverAt < 200, `the first chunk's rows (${handedOverAt})`);
    assert.deepEqual((await source.readRows([99]))[0], ['99', 'x'.repeat(40)]);
    release();
    await source.done;
    assert.equal(source.rowCount, 20_000);

    const never = await openCsvTable(path, { firstRows: 100, chunkBytes: 4096, holdAfterFirstRows: new Promise<void>(() => undefined) });
    const closed = await Promise.race([never.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000))]);
    assert.equal(closed, 'closed');
  });

  test('JSON array of objects: keys in first-seen order, values as cell text, nested brackets and strings', async () => {
    const json = JSON.stringify([{ id: 1, name: 'a]}', tags: ['x', { y: 1 }] }, { name: 'b "q" \\', price: null, id: 2, extra: true }, {}], null, 2);
    const path = await file('t.json', `\ufeff${json}`);
    assert.ok(await looksLikeJsonArrayOfObjects(path));
    const source = await openJsonArrayTable(path, { chunkBytes: 5, firstRows: 1 });
    open.push(source);
    await source.done;
    assert.deepEqual(source.columns, ['id', 'name', 'tags', 'price', 'extra']);
    assert.deepEqual(await source.readRows([0, 1, 2]), [
      ['1', 'a]}', '["x",{"y":1}]', '', ''],
      ['2', 'b "q" \\', '', '', 'true'],
      ['', '', '', '', ''],
    ]);
  });

  test('other JSON is not a table: an object, an array of numbers, a missing comma, an unclosed array, trailing text', async () => {
    for (const [content, reason] of [
      ['{"a":1}', /not an array/],
      ['[1,2]', /not an object/],
      ['[{"a":1} {"a":2}]', /comma/],
      ['[{"a":1},', /not closed/],
      ['[{"a":1}] x', /after the JSON array/],
      ['[{"a":1,}]', /Not valid JSON/],
    ] as const) {
      const path = await file('bad.json', content);
      await assert.rejects(openJsonArrayTable(path, { chunkBytes: 3 }), (error) => NotATableError.is(error) && reason.test(error.message), content);
    }
    assert.equal(await looksLikeJsonArrayOfObjects(await file('o.json', '  {"runs": []}')), false);
    assert.equal(await looksLikeJsonArrayOfObjects(await file('n.json', '[1, 2]')), false);
    assert.equal(await looksLikeJsonArrayOfObjects(await file('e.json', ' [ ]')), true);
  });
});

async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
