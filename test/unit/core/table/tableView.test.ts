// The sort/filter model and paging over a real CSV file on disk.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsvTable } from '../../../../src/core/table/csvSource';
import { makeCellComparator, numericValue } from '../../../../src/core/table/cellOrder';
import { MAX_PAGE_ROWS, TableView } from '../../../../src/core/table/tableView';

suite('Table view: filter, sort and pages', () => {
  let folder: string;
  let view: TableView;
  setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'table-view-'));
    const rows = ['name,price,city', 'item 10,"1,200",Berlin', 'item 2,30,berlin', 'Item 1,,Paris', 'item 3,n/a,Oslo', 'item 20,-5,BERLIN'];
    await writeFile(join(folder, 't.csv'), rows.join('\n'));
    const source = await openCsvTable(join(folder, 't.csv'));
    await source.done;
    view = new TableView(source, 'en');
  });
  teardown(async () => {
    view.dispose();
    await view.source.close();
    await rm(folder, { recursive: true, force: true });
  });

  const names = async (): Promise<string[]> => (await view.page(0, 100)).rows.map((row) => row[0]);

  test('file order by default; a page names its rows in the file', async () => {
    assert.equal(view.rowCount, 5);
    const page = await view.page(3, 10);
    assert.equal(page.start, 3);
    assert.deepEqual(page.fileRows, [3, 4]);
    assert.deepEqual(page.rows.map((row) => row[0]), ['item 3', 'item 20']);
    assert.deepEqual((await view.page(99, 10)).rows, []);
    assert.deepEqual((await view.page(-3, 1)).fileRows, [0]);
  });

  test('filters are case-insensitive substrings and all must match; an empty filter is none', async () => {
    assert.ok(await view.apply({ filters: [{ column: 2, text: 'BERLIN' }] }));
    assert.deepEqual(await names(), ['item 10', 'item 2', 'item 20']);
    assert.ok(await view.apply({ filters: [{ column: 2, text: 'berlin' }, { column: 0, text: '2' }, { column: 1, text: '' }] }));
    assert.deepEqual(await names(), ['item 2', 'item 20']);
    assert.deepEqual((await view.page(0, 10)).fileRows, [1, 4]);
    assert.ok(await view.apply({ filters: [{ column: 1, text: '' }] }));
    assert.equal(view.rowCount, 5);
  });

  test('sort: numbers by value before text, empty cells last in both directions, ties in file order', async () => {
    assert.ok(await view.apply({ filters: [], sort: { column: 1, descending: false } }));
    assert.deepEqual(await names(), ['item 20', 'item 2', 'item 10', 'item 3', 'Item 1']);
    assert.ok(await view.apply({ filters: [], sort: { column: 1, descending: true } }));
    assert.deepEqual(await names(), ['item 3', 'item 10', 'item 2', 'item 20', 'Item 1']);
    assert.ok(await view.apply({ filters: [], sort: { column: 0, descending: false } }));
    assert.deepEqual(await names(), ['Item 1', 'item 2', 'item 3', 'item 10', 'item 20']);
    assert.ok(await view.apply({ filters: [], sort: { column: 2, descending: false } }));
    assert.deepEqual(await names(), ['item 10', 'item 2', 'item 20', 'item 3', 'Item 1']);
  });

  test('a newer query supersedes a running one', async () => {
    const first = view.apply({ filters: [{ column: 0, text: '1' }] });
    const second = view.apply({ filters: [{ column: 0, text: '3' }] });
    assert.deepEqual(await Promise.all([first, second]), [false, true]);
    assert.deepEqual(await names(), ['item 3']);
  });

  test('a page holds at most MAX_PAGE_ROWS rows', async () => {
    assert.equal(MAX_PAGE_ROWS, 500);
    assert.equal((await view.page(0, 10_000)).rows.length, 5);
  });

  test('numericValue and the comparator', () => {
    assert.equal(numericValue(' 1,234.5 '), 1234.5);
    assert.equal(numericValue('-3e2'), -300);
    assert.ok(Number.isNaN(numericValue('12abc')));
    assert.ok(Number.isNaN(numericValue('')));
    assert.ok(Number.isNaN(numericValue('1,23')));
    const compare = makeCellComparator('en');
    assert.deepEqual(['b', '10', '', '9', 'A', 'a2', 'a10'].sort(compare), ['9', '10', 'A', 'a2', 'a10', 'b', '']);
  });
});
