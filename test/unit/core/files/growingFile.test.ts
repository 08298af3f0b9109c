// A CSV shown as a table while it downloads: the index pass follows the part file as it fills
// (first rows before the end), through a stall and a resume of the real client over the
// simulator's file store, and ends with the same rows as the finished file. A download that fails
// or starts over fails the table with its reason.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { CancelledError } from '../../../../src/core/api/errors';
import { DownloadRestartedError, GrowingFile, GrowingFiles } from '../../../../src/core/files/growingFile';
import { openCsvTable } from '../../../../src/core/table/csvSource';
import type { RowSource } from '../../../../src/core/table/rowSource';
import { useGrowingFileSuite } from '../../../support/growingFileSuite';
import { ScriptedDownload } from '../../../support/scriptedDownload';

const MB = 1024 * 1024;
const ROWS = 6000;

suite('Growing files: a table follows its download', () => {
  // The stall below holds the download for the idle timeout: the table is read meanwhile.
  const fixture = useGrowingFileSuite('seq-growing-', { idleTimeoutMs: 3000, maxAttempts: 3, retryDelayMs: 10 });
  const { sources } = fixture;
  const recordsFile = (stallAfterBytes: number, noRanges = false) => fixture.addRecordsFile(ROWS, { stallAfterBytes, faultTimes: 1, noRanges });

  /** Downloads a records file into the test's folder with a table following it from its first 200 rows. */
  async function followedDownload(stallAfterBytes: number, noRanges = false) {
    const { agentId, runId, fileId } = recordsFile(stallAfterBytes, noRanges);
    const path = join(fixture.dir, 'records.csv');
    const growing = new GrowingFile(path);
    const downloading = fixture.client.downloadRunFileTo(agentId, runId, fileId, path, { watch: growing });
    growing.follow(downloading);
    await growing.answered;
    const source = await openCsvTable(growing, { firstRows: 200 });
    sources.push(source);
    return { path, growing, downloading, source };
  }

  /** The table that followed the download reads as the finished file opened afresh; returns that one. */
  async function assertSameAsFinished(source: RowSource, path: string): Promise<RowSource> {
    const whole = await openCsvTable(path);
    sources.push(whole);
    await whole.done;
    const sample = [0, 2999, 3000, ROWS - 1];
    assert.deepEqual(await source.readRows(sample), await whole.readRows(sample));
    return whole;
  }

  test('the first rows are read while the download is stalled; after the resume every row is there, as in the finished file', async () => {
    const { path, growing, downloading, source } = await followedDownload(1.5 * MB);
    const firstRows = await source.readRows([0, 1, 2]);
    assert.equal(growing.isComplete, false, 'the first rows came before the download ended');
    assert.equal(source.complete, false);
    assert.ok(source.rowCount >= 200 && source.rowCount < ROWS, `rows known mid-download: ${source.rowCount}`);
    assert.deepEqual(firstRows.map((cells) => cells[0]), ['1', '2', '3']);

    const saved = await downloading;
    assert.equal(saved.resumed, 1, 'the stall was resumed, not restarted');
    await source.done;
    assert.equal(source.rowCount, ROWS);
    const whole = await assertSameAsFinished(source, path);
    assert.deepEqual(source.columns, whole.columns);
  });

  test('a download that starts over from a server that does not resume (same ETag: the same file) keeps the table: every row, as in the finished file', async () => {
    const { path, downloading, source } = await followedDownload(1.5 * MB, true);
    const saved = await downloading;
    assert.equal(saved.restarted, 1, 'the download started over (no ranges)');
    await source.done;
    assert.equal(source.rowCount, ROWS);
    await assertSameAsFinished(source, path);
  });

  test('a download cancelled while the table follows it fails the table with the cancellation', async () => {
    const { agentId, runId, fileId } = recordsFile(MB + 1);
    const path = join(fixture.dir, 'records.csv');
    const growing = new GrowingFile(path);
    const cancel = new AbortController();
    const downloading = fixture.client.downloadRunFileTo(agentId, runId, fileId, path, { watch: growing, signal: cancel.signal });
    growing.follow(downloading);
    await growing.answered;
    const source = await openCsvTable(growing);
    sources.push(source);
    cancel.abort();
    await assert.rejects(downloading, CancelledError);
    await assert.rejects(source.done, CancelledError);
    assert.ok(growing.hasFailed);
  });

  test('a download that starts over (the file changed) fails the table: rows already read may not be the file any more', async () => {
    const download = new ScriptedDownload(join(fixture.dir, 'changing.csv'));
    await download.start();
    await download.append(`id,name\n${Array.from({ length: 300 }, (_, row) => `${row},old ${row}`).join('\n')}\n`);
    const source = await openCsvTable(download.growing, { chunkBytes: 1024 });
    sources.push(source);
    await download.restart();
    await download.append('id,name\n1,new\n');
    await assert.rejects(source.done, DownloadRestartedError);
  });

  test('a table opened between the rename and the download settling waits for it and reads the complete file', async () => {
    // The download renames the part file, then its promise settles a few ticks later (through the
    // progress notification's wrapper): an open in between finds no part file and no outcome yet.
    const download = new ScriptedDownload(join(fixture.dir, 'just-done.csv'));
    await download.start();
    await download.append('a,b\n1,x\n2,y\n');
    await download.renameOnly();
    const opening = openCsvTable(download.growing, { firstRows: 2 });
    opening.catch(() => undefined);
    // Time for the open of the part file to fail (ENOENT) before the download settles. Only the
    // order matters: a slower machine can make this test pass without the fix, never fail with it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await download.settle();
    const source = await opening;
    sources.push(source);
    await source.done;
    assert.deepEqual(await source.readRows([0, 1]), [['1', 'x'], ['2', 'y']]);
  });

  test('rows asked for while a same-version restart rewrites the file wait for their bytes instead of reading the emptied part file', async () => {
    const download = new ScriptedDownload(join(fixture.dir, 'rewritten.csv'));
    const text = 'a,b\n1,x\n2,y\n3,z\n';
    await download.start();
    await download.append(text);
    const source = await openCsvTable(download.growing, { firstRows: 3 });
    sources.push(source);
    await download.restart(true);
    const reading = source.readRows([2]);
    await download.append(text);
    assert.deepEqual(await reading, [['3', 'z']]);
    await download.finish();
    await source.done;
    assert.equal(source.rowCount, 3);
  });

  test('bytes written after the reader caught up are read; the complete file ends the pass; the registry forgets settled downloads', async () => {
    const destination = join(fixture.dir, 'slow.csv');
    const download = new ScriptedDownload(destination);
    const registry = new GrowingFiles();
    registry.add(download.growing);
    assert.equal(registry.fileAt(destination), download.growing);
    await download.start();
    await download.append('a,b\n1,x\n2,y\n');
    const source = await openCsvTable(registry.fileAt(destination), { firstRows: 2 });
    sources.push(source);
    assert.equal(source.rowCount, 2);
    await download.append('3,z\n4,');
    await download.append('w\n');
    await download.finish();
    await source.done;
    assert.equal(source.rowCount, 4);
    assert.deepEqual(await source.readRows([3]), [['4', 'w']]);
    assert.notEqual(registry.fileAt(destination), download.growing, 'a finished download is opened as the file on disk');
    assert.ok(registry.fileAt(destination).isComplete);
  });

  test('the table is handed over once the rows on disk are read, fewer than firstRows: the first 64 KiB need not wait for the next megabyte', async () => {
    const download = new ScriptedDownload(join(fixture.dir, 'first-write.csv'));
    await download.start();
    await download.append('a,b\n1,x\n2,y\n3,');
    const notYet = new Promise<'waited for more'>((resolve) => setTimeout(() => resolve('waited for more'), 2000));
    const source = await Promise.race([openCsvTable(download.growing, { firstRows: 200 }), notYet]);
    assert.notEqual(source, 'waited for more', 'handed over with the rows on disk');
    if (source === 'waited for more') return;
    sources.push(source);
    assert.equal(source.rowCount, 2, 'the row still being written is not one yet');
    assert.ok(!source.complete);
    await download.append('z\n');
    await download.finish();
    await source.done;
    assert.deepEqual(await source.readRows([2]), [['3', 'z']]);
  });
});
