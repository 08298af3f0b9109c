// Sort and filter from compact column indexes (src/core/table/columnIndex.ts, columnIndexes.ts):
// the same rows in the same order as sorting and filtering every cell with the comparator —
// long cells that share their kept prefix included — while the file is read once per column,
// not once per query; the indexes stay within their memory budget.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { KEY_CHARS } from '../../../../src/core/table/columnIndex';
import { ColumnIndexes } from '../../../../src/core/table/columnIndexes';
import { openCsvTable } from '../../../../src/core/table/csvSource';
import { scanRows, type RowSource } from '../../../../src/core/table/rowSource';
import { makeCellComparator } from '../../../../src/core/table/cellOrder';
import { isFileOrder, runQuery, type TableQuery } from '../../../../src/core/table/tableQuery';

function csvOf(rows: string[][]): string {
  return `${rows.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`;
}

/** What the query must give: every cell read, filtered, sorted stably with the cell comparator. */
async function expected(source: RowSource, query: TableQuery, locale: string): Promise<number[]> {
  const rows: string[][] = [];
  for await (const cells of scanRows(source)) rows.push(cells);
  const filters = query.filters.filter((filter) => filter.text).map((filter) => ({ column: filter.column, text: filter.text.toLocaleLowerCase() }));
  const shown = rows.map((_, row) => row).filter((row) => filters.every((filter) => (rows[row][filter.column] ?? '').toLocaleLowerCase().includes(filter.text)));
  if (!query.sort) return shown;
  const { column, descending } = query.sort;
  const compare = makeCellComparator(locale);
  const cell = (row: number): string => rows[row][column] ?? '';
  return shown.sort((a, b) => {
    const emptyA = cell(a) === '';
    if (emptyA !== (cell(b) === '')) return emptyA ? 1 : -1;
    return (descending ? -1 : 1) * compare(cell(a), cell(b)) || a - b;
  });
}

/** Counts the cells a source reads through readColumn (the sort and filter passes' only reads). */
function counting(source: RowSource): { source: RowSource; cellsRead: () => number } {
  let cells = 0;
  const counted: RowSource = Object.create(source) as RowSource;
  counted.readColumn = (column, rows, onCell, signal) =>
    source.readColumn(column, rows, (row, text) => {
      cells++;
      onCell(row, text);
    }, signal);
  return { source: counted, cellsRead: () => cells };
}

suite('Column indexes: sort and filter without reading the file again', () => {
  let folder: string;
  const sources: RowSource[] = [];
  setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'column-index-'));
  });
  teardown(async () => {
    await Promise.all(sources.splice(0).map((source) => source.close()));
    await rm(folder, { recursive: true, force: true });
  });

  async function table(rows: string[][], name = 't.csv'): Promise<RowSource> {
    const path = join(folder, name);
    await writeFile(path, csvOf(rows));
    const source = await openCsvTable(path);
    sources.push(source);
    await source.done;
    return source;
  }

  test('the same rows in the same order as sorting every cell, for generated columns (numbers, text, empty, long cells sharing a prefix)', async () => {
    const longPrefix = 'x'.repeat(KEY_CHARS);
    const cell = fc.oneof(
      fc.constantFrom('', 'Berlin', 'berlin', 'BERLIN', 'Oslo', 'item 2', 'item 10', '1,200', '30', '-5', '30.0', 'n/a', 'Zürich', 'zurich'),
      fc.constantFrom(`${longPrefix}b`, `${longPrefix}a`, `${longPrefix}A`, longPrefix, `${longPrefix}berlin`),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 40 }), fc.nat(1), fc.boolean(), fc.constantFrom('', 'berlin', 'X', '2'), async (rows, column, descending, text) => {
        const source = await table([['a', 'b'], ...rows.map(([a, b]) => [a, b])], `p${run++}.csv`);
        const indexes = new ColumnIndexes(source);
        for (const query of [
          { filters: [], sort: { column, descending } },
          { filters: [{ column: 1 - column, text }], sort: { column, descending } },
          { filters: [{ column, text }] },
        ] as TableQuery[]) {
          const got = await runQuery(source, query, 'en', indexes);
          assert.deepEqual(got ? [...got] : undefined, isFileOrder(query) ? undefined : await expected(source, query, 'en'), JSON.stringify(query));
        }
        indexes.dispose();
        await source.close();
        sources.splice(sources.indexOf(source), 1);
      }),
      { numRuns: 60 },
    );
  });

  test('the same rows as filtering and sorting every cell past the long-text sample (1,000 rows): long-text, mixed and short columns, queries superseded during their pass', async () => {
    const longPrefix = 'x'.repeat(KEY_CHARS);
    const short = ['', 'Berlin', 'berlin', 'Oslo', 'item 2', 'item 10', '30', '-5', 'n/a', 'Zürich'];
    const long = [`${longPrefix}b`, `${longPrefix}a`, `${longPrefix}A`, `${longPrefix}berlin`, `${'x'.repeat(KEY_CHARS - 3)}berlin and on`, `${'b'.repeat(KEY_CHARS + 5)}`, `${longPrefix}1`];
    // The share of long cells in a column's first 1,000 rows (which decide long text) and after them.
    const share = fc.constantFrom(0, 0.3, 0.5, 0.6, 1);
    const query = fc.record({
      column: fc.nat(1),
      text: fc.constantFrom('', 'berlin', 'xb', 'x', '1', 'B'),
      sort: fc.option(fc.record({ column: fc.nat(1), descending: fc.boolean() }), { nil: undefined }),
      // Superseded: aborted at once, or after the pass has read a while (a turn of the event loop).
      abort: fc.constantFrom('no', 'no', 'at once', 'after a turn'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1001, max: 1400 }), fc.integer(), fc.tuple(share, share, share, share), fc.array(query, { minLength: 2, maxLength: 5 }), async (rowCount, seed, [headA, tailA, headB, tailB], queries) => {
        let state = seed >>> 0;
        const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const cell = (row: number, head: number, tail: number): string => {
          const pool = next() < (row < 1000 ? head : tail) ? long : short;
          return pool[Math.floor(next() * pool.length)];
        };
        // A third column of padding (~2 KB a row) makes readColumn's slices (1 MB, a pass stops
        // only between them) ~520 rows: one starts after the long-text sample's 1,000 rows.
        const rows = Array.from({ length: rowCount }, (_, row) => [cell(row, headA, tailA), cell(row, headB, tailB), 'p'.repeat(1800)]);
        const source = await table([['a', 'b', 'pad'], ...rows], `q${run++}.csv`);
        const indexes = new ColumnIndexes(source);
        const superseded: Array<Promise<unknown>> = [];
        for (const { column, text, sort, abort } of queries) {
          const asked: TableQuery = { filters: [{ column, text }], ...(sort ? { sort } : {}) };
          const want = isFileOrder(asked) ? undefined : await expected(source, asked, 'en');
          if (abort === 'no') {
            const got = await runQuery(source, asked, 'en', indexes);
            assert.deepEqual(got ? [...got] : undefined, want, JSON.stringify(asked));
            continue;
          }
          const controller = new AbortController();
          const running = runQuery(source, asked, 'en', indexes, controller.signal);
          // A superseded query gives its rows (it ended first) or its own abort, nothing else.
          superseded.push(running.then((got) => assert.deepEqual(got ? [...got] : undefined, want, JSON.stringify(asked)), (error: unknown) => assert.equal(error, controller.signal.reason, JSON.stringify(asked))));
          if (abort === 'after a turn') await new Promise((resolve) => setImmediate(resolve));
          controller.abort();
        }
        // Once more on each column, after everything above (an index kept, a long-text column read again).
        for (const column of [0, 1]) {
          const asked: TableQuery = { filters: [{ column, text: 'berlin' }], sort: { column: 1 - column, descending: false } };
          const got = await runQuery(source, asked, 'en', indexes);
          assert.deepEqual(got ? [...got] : undefined, await expected(source, asked, 'en'), JSON.stringify(asked));
        }
        await Promise.all(superseded);
        indexes.dispose();
        await source.close();
        sources.splice(sources.indexOf(source), 1);
      }),
      { numRuns: 8 },
    );
  });

  test('long cells whose cut falls inside a number or a surrogate pair sort as their whole text', async () => {
    // The collation compares digit runs as numbers: a prefix that ends inside one ("…/item/123" of
    // "…/item/12345") would rank before "…/item/200" although the whole cell ranks after it.
    const base = `https://example.com/${'p'.repeat(KEY_CHARS - 27)}/item/`;
    const numbered = [`${base}12345/x`, `${base}200/x`, `${base}150`, `${base}999/x`];
    const emoji = 'e'.repeat(KEY_CHARS - 1);
    const cells = [...numbered, `${emoji}\u{1F603}tail`, `${emoji}\u{1F600}tail`, `${emoji}\u{1F603}`];
    assert.ok(numbered.some((cell) => /\d/.test(cell[KEY_CHARS - 1]) && /\d/.test(cell[KEY_CHARS])), 'a digit run crosses the cut');
    const source = await table([['a'], ...cells.map((cell) => [cell])]);
    const indexes = new ColumnIndexes(source);
    for (const descending of [false, true]) {
      const query: TableQuery = { filters: [], sort: { column: 0, descending } };
      const got = await runQuery(source, query, 'en', indexes);
      assert.deepEqual([...(got ?? [])], await expected(source, query, 'en'), `descending: ${descending}`);
    }
    const index = await indexes.of(0);
    assert.equal(new Set(index.values).size, index.values.length, 'cells with the same kept prefix share one value');
    assert.ok(index.values.every((value) => !value.includes('\uFFFD')), 'no surrogate pair broken into U+FFFD');
    indexes.dispose();
  });

  test('a column is read once: sorting it again, the other way, or filtering it reads no cell', async () => {
    const rows = [['city', 'price'], ...Array.from({ length: 500 }, (_, row) => [['Berlin', 'Oslo', 'Austin'][row % 3], String((row * 37) % 101)])];
    const { source, cellsRead } = counting(await table(rows));
    const indexes = new ColumnIndexes(source);
    await runQuery(source, { filters: [], sort: { column: 1, descending: false } }, 'en', indexes);
    assert.equal(cellsRead(), 500, 'one pass over the sorted column');
    const descending = await runQuery(source, { filters: [], sort: { column: 1, descending: true } }, 'en', indexes);
    await runQuery(source, { filters: [{ column: 1, text: '3' }], sort: { column: 1, descending: false } }, 'en', indexes);
    assert.equal(cellsRead(), 500, 'nothing read again');
    await runQuery(source, { filters: [{ column: 0, text: 'oslo' }], sort: { column: 1, descending: false } }, 'en', indexes);
    assert.equal(cellsRead(), 1000, 'a new column: one pass over it');
    assert.deepEqual([...(descending ?? [])], await expected(source, { filters: [], sort: { column: 1, descending: true } }, 'en'));
    indexes.dispose();
  });

  test('a filter on a long-text column reads each cell once and keeps no index; a column with a few long cells keeps its index', async () => {
    const words = ['quiet', 'loud', 'Quietly', 'calm'];
    const long = (row: number): string => `${'w'.repeat(KEY_CHARS + (row % 7))} ${words[row % 4]} ${row}`;
    const rows = [['text', 'mixed'], ...Array.from({ length: 1500 }, (_, row) => [long(row), row % 3 === 0 ? long(row) : `${words[row % 4]} ${row % 50}`])];
    const { source, cellsRead } = counting(await table(rows));
    const indexes = new ColumnIndexes(source);
    const query: TableQuery = { filters: [{ column: 0, text: 'QUIET' }] };
    const first = await runQuery(source, query, 'en', indexes);
    assert.equal(cellsRead(), 1500, 'one pass, no second read of any cell');
    assert.deepEqual([...(first ?? [])], await expected(source, query, 'en'));
    assert.equal(await indexes.heldBytes(), 0, 'every cell is cut: no index of prefixes is kept');
    // Each filter on it reads the column once (the index would send most rows back to the file anyway).
    const again: TableQuery = { filters: [{ column: 0, text: 'loud' }] };
    assert.deepEqual([...((await runQuery(source, again, 'en', indexes)) ?? [])], await expected(source, again, 'en'));
    assert.equal(cellsRead(), 3000);
    // A third of the cells long: the index is built in the filter's pass and kept; the next filter
    // reads only the long cells whose prefix does not decide.
    const mixed: TableQuery = { filters: [{ column: 1, text: 'calm' }] };
    assert.deepEqual([...((await runQuery(source, mixed, 'en', indexes)) ?? [])], await expected(source, mixed, 'en'));
    assert.equal(cellsRead(), 4500);
    assert.ok((await indexes.heldBytes()) > 0, 'the mixed column\'s index is kept');
    const mixedAgain: TableQuery = { filters: [{ column: 1, text: 'quiet 1' }], sort: { column: 0, descending: true } };
    assert.deepEqual([...((await runQuery(source, mixedAgain, 'en', indexes)) ?? [])], await expected(source, mixedAgain, 'en'));
    // The sort builds the long-text column's index (a pass) and reads its cells whole again: every
    // kept prefix ties (all 'w').
    assert.equal(cellsRead(), 4500 + 500 + 1500 + 1500, 'the mixed column\'s long cells again; the sorted column twice');
    indexes.dispose();
  });

  test('a filter superseded on a long-text column stops with its query; the queries on that column waiting for its pass get their own rows', async () => {
    // Typing in a filter box: each query supersedes the one before while its pass is still running.
    // The superseded pass stops once it finds long text; a query waiting for that pass (the next
    // filter, a sort) must not fail with the superseded query's abort.
    // ~1,000 characters a cell: readColumn's slices (1 MB, a pass stops only between them) are
    // ~1,030 rows, so one starts after the long-text sample's 1,000 rows.
    const words = ['quiet', 'loud', 'calm'];
    const rows = [['text'], ...Array.from({ length: 2500 }, (_, row) => [`${'w'.repeat(KEY_CHARS + (row % 5))} ${words[row % 3]} ${row} ${'z'.repeat(900)}`])];
    const source = await table(rows);
    const indexes = new ColumnIndexes(source);
    const typing = new AbortController();
    const superseded = runQuery(source, { filters: [{ column: 0, text: 'q' }] }, 'en', indexes, typing.signal).then(
      () => 'finished',
      (error: unknown) => error,
    );
    typing.abort();
    const filter: TableQuery = { filters: [{ column: 0, text: 'quiet' }] };
    const filterAndSort: TableQuery = { filters: [{ column: 0, text: 'loud' }], sort: { column: 0, descending: true } };
    const [filtered, sorted] = await Promise.all([runQuery(source, filter, 'en', indexes), runQuery(source, filterAndSort, 'en', indexes)]);
    assert.deepEqual([...(filtered ?? [])], await expected(source, filter, 'en'));
    assert.deepEqual([...(sorted ?? [])], await expected(source, filterAndSort, 'en'));
    assert.equal(await superseded, typing.signal.reason, 'the superseded query ends with its own abort');
    indexes.dispose();
  });

  test('a small table is judged on all its rows: a long-text column of 200 rows keeps no index either', async () => {
    const rows = [['text'], ...Array.from({ length: 200 }, (_, row) => [`${'w'.repeat(KEY_CHARS + 1)} ${row % 2 ? 'quiet' : 'calm'}`])];
    const source = await table(rows);
    const indexes = new ColumnIndexes(source);
    const query: TableQuery = { filters: [{ column: 0, text: 'quiet' }] };
    assert.deepEqual([...((await runQuery(source, query, 'en', indexes)) ?? [])], await expected(source, query, 'en'));
    assert.equal(await indexes.heldBytes(), 0);
    indexes.dispose();
  });

  test('sorted orders kept on an index count against the budget: sorting kept columns both ways stays within it', async () => {
    const rows = [['a', 'b'], ...Array.from({ length: 300 }, (_, row) => [`a${row}`, `b${row}`])];
    const source = await table(rows);
    const oneColumn = (await new ColumnIndexes(source).of(0)).bytes;
    const budget = oneColumn * 2.2;
    const indexes = new ColumnIndexes(source, budget);
    for (const column of [0, 1]) await indexes.of(column);
    assert.ok((await indexes.heldBytes()) <= budget, 'two built columns fit');
    for (const column of [0, 1]) {
      for (const descending of [false, true]) await runQuery(source, { filters: [], sort: { column, descending } }, 'en', indexes);
    }
    // Each sorted order is 4 bytes a row and the ranks 4 bytes a value: two columns sorted both ways no longer fit.
    assert.ok((await indexes.heldBytes()) <= budget, `within the budget: ${await indexes.heldBytes()} of ${budget}`);
    indexes.dispose();
  });

  test('past the memory budget the least recently used column goes (and is read again when asked for)', async () => {
    const rows = [['a', 'b', 'c'], ...Array.from({ length: 300 }, (_, row) => [`a${row}`, `b${row}`, `c${row}`])];
    const { source, cellsRead } = counting(await table(rows));
    const oneColumn = (await new ColumnIndexes(source).of(0)).bytes;
    const indexes = new ColumnIndexes(source, oneColumn * 2.5);
    for (const column of [0, 1, 2]) await indexes.of(column);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok((await indexes.heldBytes()) <= oneColumn * 2.5, 'within the budget');
    const before = cellsRead();
    await indexes.of(2);
    await indexes.of(1);
    assert.equal(cellsRead(), before, 'the recent columns are kept');
    await indexes.of(0);
    assert.equal(cellsRead(), before + 300, 'the oldest was dropped and is read again');
    indexes.dispose();
  });
});
