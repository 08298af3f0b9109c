// A CSV opened in the table view pauses its download after the first bytes until the page shows
// them (so the page loads with the cores to itself), at most for a while: through the real client
// over the simulator, the paused download resumes and ends byte for byte as the server's file, a
// pause is not a stall (no resume, no failure), a cancel ends it at once, and nothing is held when
// the viewer showed first.
import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelledError } from '../../../../src/core/api/errors';
import { GrowingFile, type GrowingFileOptions } from '../../../../src/core/files/growingFile';
import { openCsvTable } from '../../../../src/core/table/csvSource';
import { TableFile } from '../../../../src/core/table/tableFile';
import { FakeClock } from '../../../support/fakeClock';
import { useGrowingFileSuite } from '../../../support/growingFileSuite';

const ROWS = 6000;
/** Longer than the client's idle timeout below: a pause counted as the server's silence would fail the attempt. */
const LONGER_THAN_IDLE_MS = 600;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

suite('Growing files: the download pauses until the viewer shows the first rows', () => {
  const fixture = useGrowingFileSuite('seq-held-', { idleTimeoutMs: 200, maxAttempts: 3, retryDelayMs: 10 });
  const { sources } = fixture;

  /** Starts downloading a records file (ROWS rows, a few MB) into the test's folder, followed by `growing`. */
  function startDownload(options: GrowingFileOptions, signal?: AbortSignal) {
    const { agentId, runId, fileId } = fixture.addRecordsFile(ROWS);
    const path = join(fixture.dir, 'records.csv');
    const growing = new GrowingFile(path, options);
    const progress: number[] = [];
    let firstProgress: () => void = () => undefined;
    const firstBytes = new Promise<void>((resolve) => (firstProgress = resolve));
    const downloading = fixture.client.downloadRunFileTo(agentId, runId, fileId, path, {
      watch: growing,
      ...(signal ? { signal } : {}),
      onProgress: (received) => {
        progress.push(received);
        firstProgress();
      },
    });
    growing.follow(downloading);
    downloading.catch(() => undefined);
    /** The same file downloaded again, with nothing holding it: the server's bytes. */
    const serversBytes = async (): Promise<Buffer> => {
      const plain = join(fixture.dir, 'plain.csv');
      await fixture.client.downloadRunFileTo(agentId, runId, fileId, plain);
      return readFile(plain);
    };
    return { path, growing, downloading, progress, firstBytes, serversBytes };
  }

  test('held after the first bytes until the viewer shows them (the first rows are read meanwhile); then it ends byte for byte as the server has it, with no stall, resume or restart', async () => {
    const { path, growing, downloading, progress, firstBytes, serversBytes } = startDownload({ holdForViewerMs: 60_000 });
    await growing.answered;
    const source = await openCsvTable(growing, { firstRows: 200 });
    sources.push(source);
    await firstBytes;
    const firstRows = await source.readRows([0, 1]);
    assert.deepEqual(firstRows.map((cells) => cells[0]), ['1', '2']);
    await sleep(LONGER_THAN_IDLE_MS);
    assert.equal(growing.isComplete, false, 'held: the download did not go on');
    assert.ok(progress.length > 0 && progress[progress.length - 1] <= 1024 * 1024, `only the first write is on disk: ${progress.join(', ')}`);
    assert.ok(source.rowCount > 0 && source.rowCount < ROWS, `only the first rows are indexed: ${source.rowCount}`);

    growing.viewerShowing();
    const saved = await downloading;
    assert.deepEqual([saved.resumed, saved.restarted], [0, 0], 'the pause was not taken for a stall');
    assert.ok(growing.timeline.heldMs !== undefined && growing.timeline.heldMs > 0, 'the pause is on the timeline');
    assert.ok((await readFile(path)).equals(await serversBytes()), 'the file is the server’s, byte for byte');
    await source.done;
    assert.equal(source.rowCount, ROWS);
    assert.deepEqual(await source.readRows([ROWS - 1]).then((rows) => rows[0][0]), String(ROWS));
  });

  test('a download held for the viewer is cancelled at once: it fails with the cancellation and leaves no file', async () => {
    const cancel = new AbortController();
    const { growing, downloading, firstBytes } = startDownload({ holdForViewerMs: 60_000 }, cancel.signal);
    await firstBytes;
    await sleep(50);
    assert.equal(growing.isComplete, false);
    cancel.abort();
    // Held for a minute otherwise: this test's timeout (20 s) fails it if the cancel waited.
    await assert.rejects(downloading, CancelledError);
    assert.ok(growing.hasFailed);
    assert.deepEqual(await readdir(fixture.dir), [], 'the part file is removed');
  });

  test('no viewer: the pause ends by itself after holdForViewerMs; a viewer that showed before the first bytes means no pause', async () => {
    const clock = new FakeClock();
    const unshown = startDownload({ holdForViewerMs: 5000, clock });
    await unshown.firstBytes;
    await sleep(LONGER_THAN_IDLE_MS);
    assert.equal(unshown.growing.isComplete, false, 'held while the clock stands');
    await clock.advance(5000);
    const saved = await unshown.downloading;
    assert.deepEqual([saved.resumed, saved.restarted], [0, 0]);
    assert.equal(unshown.growing.timeline.heldMs, 5000);
    assert.ok((await readFile(unshown.path)).equals(await unshown.serversBytes()));
    await fixture.freshDir();

    const early = startDownload({ holdForViewerMs: 5000, clock });
    early.growing.viewerShowing();
    await early.downloading;
    assert.equal(early.growing.timeline.heldMs, undefined, 'never held');
    assert.equal(clock.pending, 0, 'no timer left');
  });

  test('a table over the held download lets it go on when its page shows the first rows, and closing the table does too', async () => {
    const shown = startDownload({ holdForViewerMs: 60_000 });
    await shown.growing.answered;
    const table = new TableFile(shown.growing);
    const source = await table.source;
    await shown.firstBytes;
    await sleep(100);
    assert.equal(shown.growing.isComplete, false, 'held until the page shows the rows');
    table.firstRowsShown();
    await shown.downloading;
    await source.done;
    assert.equal(source.rowCount, ROWS);
    table.dispose();
    await fixture.freshDir();

    const closed = startDownload({ holdForViewerMs: 60_000 });
    await closed.growing.answered;
    const closedTable = new TableFile(closed.growing);
    await closed.firstBytes;
    closedTable.dispose();
    await closed.downloading;
    assert.ok(closed.growing.isComplete, 'a table closed before its page showed does not hold the download');
  });
});
