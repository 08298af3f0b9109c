// One table panel's logic (src/core/table/tableSession.ts) with a fake page that behaves like a
// VS Code webview: once the panel is closed, posting throws 'Webview is disposed'. A sort, a page
// read or an index failure that finishes after the panel closed posts nothing and throws nothing.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError } from '../../../../src/core/api/errors';
import { silentLogger, type Logger } from '../../../../src/core/log';
import { TableFile } from '../../../../src/core/table/tableFile';
import type { TableToPage } from '../../../../src/core/table/tableMessages';
import { TableSession } from '../../../../src/core/table/tableSession';
import { ScriptedDownload } from '../../../support/scriptedDownload';

/** A webview as the session sees it: records messages; after `close()` a post throws, as VS Code's does. */
class FakePage {
  readonly messages: TableToPage[] = [];
  closed = false;
  postsAfterClose = 0;
  post(message: TableToPage): Promise<boolean> {
    if (this.closed) {
      this.postsAfterClose++;
      throw new Error('Webview is disposed');
    }
    this.messages.push(message);
    return Promise.resolve(true);
  }
  of<T extends TableToPage['type']>(type: T): Array<Extract<TableToPage, { type: T }>> {
    return this.messages.filter((message): message is Extract<TableToPage, { type: T }> => message.type === type);
  }
}

const CSV_HEAD = `id,city\n${Array.from({ length: 300 }, (_, row) => `${row},${['Oslo', 'Berlin', 'Austin'][row % 3]}`).join('\n')}\n`;

suite('Table session: one panel over a table file', () => {
  let dir: string;
  let files: TableFile[];
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seq-session-'));
    files = [];
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  teardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    for (const file of files) file.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** A session over a CSV still "downloading" (a scripted part file): the test decides when it ends. */
  async function sessionOver(log: Logger = silentLogger): Promise<{ download: ScriptedDownload; page: FakePage; session: TableSession; indexed: () => Promise<void> }> {
    const download = new ScriptedDownload(join(dir, 'records.csv'));
    await download.start();
    await download.append(CSV_HEAD);
    const file = new TableFile(download.growing);
    files.push(file);
    const page = new FakePage();
    const session = new TableSession(file, page, { fileName: 'records.csv', locale: 'en', log, copy: () => Promise.resolve(), openAsText: () => Promise.resolve() });
    // The index pass has ended (either way): what the session does about it follows in a few ticks.
    const indexed = (): Promise<void> => file.source.then((source) => source.done).then(settle, settle);
    return { download, page, session, indexed };
  }

  /** Lets promise reactions and pending timers run (after the awaited event itself). */
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

  test('ready: the columns and the rows known so far, not complete; a page of rows; complete once the download ends', async () => {
    const { download, page, session, indexed } = await sessionOver();
    await session.handle({ type: 'ready' });
    const [init] = page.of('init');
    assert.deepEqual(init.columns, ['id', 'city']);
    assert.equal(init.complete, false);
    assert.equal(init.fileName, 'records.csv');
    // The first page comes with the header, unasked.
    assert.deepEqual(page.messages.map((message) => message.type), ['init', 'view', 'page']);
    assert.equal(page.of('page')[0].rows.length, 100);
    await session.handle({ type: 'page', generation: 1, start: 1, count: 2 });
    assert.deepEqual(page.of('page')[1].rows, [['1', 'Berlin'], ['2', 'Austin']]);
    await download.append('300,Lisbon\n');
    await download.finish();
    await indexed();
    assert.deepEqual(page.of('progress').at(-1), { type: 'progress', rowCount: 301, columns: ['id', 'city'], complete: true, stoppedAtRowLimit: false });
    session.dispose();
  });

  test('a sort that finishes after the panel closed posts nothing and throws nothing', async () => {
    const { download, page, session } = await sessionOver();
    await session.handle({ type: 'ready' });
    // The sort waits for the whole file: the panel closes meanwhile.
    const sorting = session.handle({ type: 'query', query: { filters: [], sort: { column: 1, descending: false } } });
    await settle();
    assert.equal(page.of('view').at(-1)?.busy, true);
    const posted = page.messages.length;
    page.closed = true;
    session.dispose();
    await download.finish();
    await sorting;
    await settle();
    assert.equal(page.postsAfterClose, 0);
    assert.equal(page.messages.length, posted);
    assert.deepEqual(unhandled, []);
  });

  test('an index failure after the panel closed (bad CSV at the end of the download) posts nothing and throws nothing', async () => {
    const warnings: unknown[] = [];
    const { download, page, session, indexed } = await sessionOver({ ...silentLogger, warn: (...args) => void warnings.push(args) });
    await session.handle({ type: 'ready' });
    page.closed = true;
    session.dispose();
    await download.append('301,"never closed\n');
    await download.finish();
    await indexed();
    assert.equal(page.postsAfterClose, 0);
    assert.deepEqual(unhandled, []);
    assert.deepEqual(warnings, []);
  });

  test('an open panel is told why: bad CSV in words; a failed download with its reason', async () => {
    const bad = await sessionOver();
    await bad.session.handle({ type: 'ready' });
    await bad.download.append('301,"never closed\n');
    await bad.download.finish();
    await bad.indexed();
    assert.match(bad.page.of('failed')[0]?.message ?? '', /quoted field that starts at byte \d+ is never closed/);
    bad.session.dispose();

    const cancelled = await sessionOver();
    await cancelled.session.handle({ type: 'ready' });
    await cancelled.download.fail(new CancelledError());
    await cancelled.indexed();
    assert.match(cancelled.page.of('failed')[0]?.message ?? '', /^The download did not finish: /);
    cancelled.session.dispose();
  });

  test('a page loaded again after the index pass failed (hidden and shown: no retained context) is told the failure again, with its view or a new one', async () => {
    const { download, page, session, indexed } = await sessionOver();
    const shown = (await session.opening(5000))?.find((message) => message.type === 'view');
    assert.ok(shown?.type === 'view');
    await session.handle({ type: 'ready', shown: shown.generation });
    await download.append('301,"never closed\n');
    await download.finish();
    await indexed();
    assert.equal(page.of('failed').length, 1);
    // The page is loaded again from the same HTML: it draws the first rows and says so.
    page.messages.length = 0;
    await session.handle({ type: 'ready', shown: shown.generation });
    assert.equal(page.messages.at(-1)?.type, 'failed', 'not left at "Reading…" with the failure forgotten');
    assert.match(page.of('failed')[0]?.message ?? '', /never closed/);
    // A page without the data asks for the whole introduction: the failure comes after it.
    page.messages.length = 0;
    await session.handle({ type: 'ready' });
    assert.deepEqual(page.messages.map((message) => message.type), ['init', 'view', 'page', 'failed']);
    session.dispose();
  });

  test("opening: the page's HTML gets the header, view and first rows; the index pass waits until the page is ready, which then gets only the rows indexed since", async () => {
    const { download, page, session, indexed } = await sessionOver();
    const opening = await session.opening(5000);
    assert.deepEqual(opening?.map((message) => message.type), ['init', 'view', 'page']);
    const [init, view, first] = opening ?? [];
    assert.ok(init?.type === 'init');
    assert.ok(view?.type === 'view');
    assert.ok(first?.type === 'page');
    assert.deepEqual(init.columns, ['id', 'city']);
    assert.equal(first.rows.length, 100);
    assert.deepEqual(first.rows[1], ['1', 'Berlin']);
    assert.equal(page.messages.length, 0, 'nothing posted: it is all in the HTML');
    await download.append('300,Lisbon\n');
    await settle();
    const held = (await files[0].source).rowCount;
    assert.equal(held, 300, 'the pass waits for the page');
    await session.handle({ type: 'ready', shown: view.generation });
    assert.deepEqual(page.messages.map((message) => message.type), ['progress'], 'no second header or first page');
    await download.finish();
    await indexed();
    assert.deepEqual(page.of('progress').at(-1), { type: 'progress', rowCount: 301, columns: ['id', 'city'], complete: true, stoppedAtRowLimit: false });
    session.dispose();
  });

  test('a page whose HTML shows an older view (a sort ran since; the page reloaded) gets the whole introduction again', async () => {
    const { download, page, session } = await sessionOver();
    const opening = await session.opening(5000);
    const shown = opening?.find((message) => message.type === 'view');
    assert.ok(shown?.type === 'view');
    await session.handle({ type: 'ready', shown: shown.generation });
    await download.finish();
    await session.handle({ type: 'query', query: { filters: [], sort: { column: 1, descending: false } } });
    page.messages.length = 0;
    await session.handle({ type: 'ready', shown: shown.generation });
    assert.deepEqual(page.messages.map((message) => message.type), ['init', 'view', 'page']);
    assert.ok(page.of('view')[0].generation > shown.generation);
    assert.deepEqual(page.of('page')[0].rows[0], ['2', 'Austin'], 'the sorted view');
    session.dispose();
  });

  test('no rows on disk within the wait, or a file that is no table: the HTML has no data, and the page is answered when ready', async () => {
    const empty = new ScriptedDownload(join(dir, 'slow.csv'));
    await empty.start();
    const slowFile = new TableFile(empty.growing);
    files.push(slowFile);
    const slowPage = new FakePage();
    const slow = new TableSession(slowFile, slowPage, { fileName: 'slow.csv', locale: 'en', log: silentLogger, copy: () => Promise.resolve(), openAsText: () => Promise.resolve() });
    assert.equal(await slow.opening(50), undefined);
    await empty.append(CSV_HEAD);
    await slow.handle({ type: 'ready' });
    assert.deepEqual(slowPage.messages.map((message) => message.type), ['init', 'view', 'page']);
    slow.dispose();
    await empty.finish();

    const bad = await sessionOver();
    await files.at(-1)?.source;
    await bad.download.fail(new CancelledError());
    // The first rows were read: the opening has them; the failure is told once the page is ready
    // (the pass waits for it) and the pass ends.
    const shown = (await bad.session.opening(5000))?.find((message) => message.type === 'view');
    assert.ok(shown?.type === 'view');
    await bad.session.handle({ type: 'ready', shown: shown.generation });
    await bad.indexed();
    assert.match(bad.page.of('failed')[0]?.message ?? '', /^The download did not finish: /);
    bad.session.dispose();
  });
});
