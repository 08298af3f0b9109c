import * as assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../../../simulator/index';
import type { RunFile } from '../../../../src/core/api/model';
import { downloadAllFiles, type BatchProgress, type DownloadAllJob } from '../../../../src/core/files/downloadAll';
import { runFilesFixture } from '../../../support/runFilesFixture';

const MB = 1024 * 1024;

suite('Download All: a run’s files into one folder (real HTTP, simulator file store)', () => {
  const fx = runFilesFixture({
    agentName: 'Download All',
    dirPrefix: 'seq-download-all-',
    client: { retry: { maxAttempts: 1 }, download: { idleTimeoutMs: 2_000, maxAttempts: 1, retryDelayMs: 10 } },
  });
  setup(() => {
    added = [];
  });

  /** The files this test added (a finished run of the simulator comes with sample files of its own). */
  let added: number[] = [];
  function addFile(file: Parameters<Simulator['control']['addFile']>[2]): number {
    const { id } = fx.sim.control.addFile(fx.agentId, fx.runId, file);
    added.push(id);
    return id;
  }
  function addText(name: string, content = `content of ${JSON.stringify(name)}\n`): number {
    return addFile({ name, kind: 'csv', content });
  }
  const files = async (): Promise<RunFile[]> => (await fx.client.listRunFiles(fx.agentId, fx.runId)).filter((file) => added.includes(file.id));
  const job = async (overrides: Partial<DownloadAllJob> = {}): Promise<DownloadAllJob> => ({ api: fx.client, agentId: fx.agentId, runId: fx.runId, files: await files(), folder: fx.dir, signal: new AbortController().signal, ...overrides });

  test('every file lands in the folder with its bytes; progress counts files and bytes up to the whole', async () => {
    addText('a.csv');
    addText('b.json', '[{"x": 1}]');
    addFile({ name: 'big.csv', size: 2 * MB });
    const listed = await files();
    const total = listed.reduce((sum, file) => sum + (file.fileSize ?? 0), 0);
    const progress: BatchProgress[] = [];
    const result = await downloadAllFiles({ ...(await job()), onProgress: (p) => progress.push(p) });
    assert.equal(result.saved.length, 3);
    assert.deepEqual([result.failed, result.notTried, result.cancelled], [[], [], false]);
    assert.deepEqual((await readdir(fx.dir)).sort(), ['a.csv', 'b.json', 'big.csv']);
    assert.equal(await readFile(join(fx.dir, 'b.json'), 'utf8'), '[{"x": 1}]');
    assert.equal((await readFile(join(fx.dir, 'big.csv'))).byteLength, 2 * MB);
    assert.deepEqual(progress[0], { filesDone: 0, filesTotal: 3, bytesDone: 0, bytesTotal: total });
    assert.deepEqual(progress.at(-1), { filesDone: 3, filesTotal: 3, bytesDone: total, bytesTotal: total });
    assert.ok(progress.every((p, i) => i === 0 || (p.filesDone >= progress[i - 1].filesDone && p.bytesDone >= progress[i - 1].bytesDone)), 'never goes back');
  });

  test('hostile server names stay inside the folder under their safe names; nothing is written elsewhere', async () => {
    const outside = join(fx.dir, 'outside');
    const inside = join(fx.dir, 'inside');
    await mkdir(outside);
    await mkdir(inside);
    const names: Array<[string, string]> = [
      ['../outside/escape.csv', '_outside_escape.csv'],
      ['..\\..\\escape.txt', '_.._escape.txt'],
      ['/etc/passwd', '_etc_passwd'],
      ['CON.csv', '_CON.csv'],
      ['invoice\u202Etxt.exe.csv', 'invoice_txt.exe.csv'],
      ['. .', 'file-ID'],
    ];
    const ids = names.map(([name]) => addText(name));
    const result = await downloadAllFiles({ ...(await job()), folder: inside });
    assert.equal(result.saved.length, names.length, JSON.stringify(result.failed.map((f) => f.failure.message)));
    const expected = names.map(([, local], i) => local.replace('ID', String(ids[i]))).sort();
    assert.deepEqual((await readdir(inside)).sort(), expected);
    assert.deepEqual(await readdir(outside), [], 'nothing escaped the chosen folder');
    assert.deepEqual((await readdir(fx.dir)).sort(), ['inside', 'outside']);
  });

  test('a long name in a script of 3-byte characters (119 CJK characters) is saved under a name the file system takes', async () => {
    const long = `${'数据'.repeat(59)}表.csv`;
    addText(long, 'cjk');
    addText(long, 'cjk again');
    const result = await downloadAllFiles(await job());
    assert.deepEqual(result.failed.map((failed) => failed.failure.message), []);
    const names = await readdir(fx.dir);
    assert.equal(names.length, 2);
    for (const name of names) assert.ok(name.endsWith('.csv') && name.startsWith('数据数据'), name);
    assert.deepEqual((await Promise.all(names.map((name) => readFile(join(fx.dir, name), 'utf8')))).sort(), ['cjk', 'cjk again']);
  });

  test('name collisions: in the batch (also by case) and with files already in the folder get " (n)"; nothing is overwritten', async () => {
    await writeFile(join(fx.dir, 'data.csv'), 'mine');
    addText('data.csv', 'first');
    addText('DATA.csv', 'second');
    addText('data.csv', 'third');
    const result = await downloadAllFiles(await job());
    assert.equal(result.saved.length, 3);
    const names = (await readdir(fx.dir)).sort();
    assert.deepEqual(names.map((name) => name.toLowerCase()), ['data (1).csv', 'data (2).csv', 'data (3).csv', 'data.csv']);
    assert.equal(await readFile(join(fx.dir, 'data.csv'), 'utf8'), 'mine', 'the existing file is untouched');
    const contents = await Promise.all(names.filter((name) => name !== 'data.csv').map((name) => readFile(join(fx.dir, name), 'utf8')));
    assert.deepEqual(contents.sort(), ['first', 'second', 'third']);
    assert.deepEqual(result.saved.map((saved) => saved.path).sort(), names.filter((name) => name !== 'data.csv').map((name) => join(fx.dir, name)).sort());
  });

  test('a file another program makes under the name after it was checked is not replaced: ours takes the next free name', async () => {
    addText('report.csv', 'ours');
    const theirs = join(fx.dir, 'report.csv');
    // The hook: the name was checked (it was free); before our file is in place, another program writes it.
    const api: DownloadAllJob['api'] = {
      downloadRunFileTo: async (...args) => {
        await writeFile(theirs, 'theirs');
        return fx.client.downloadRunFileTo(...args);
      },
    };
    const result = await downloadAllFiles(await job({ api }));
    assert.deepEqual([result.failed, result.notTried], [[], []]);
    assert.equal(await readFile(theirs, 'utf8'), 'theirs', 'the other program\'s file is untouched');
    assert.deepEqual(result.saved.map((saved) => saved.path), [join(fx.dir, 'report (1).csv')]);
    assert.equal(await readFile(join(fx.dir, 'report (1).csv'), 'utf8'), 'ours');
    assert.deepEqual((await readdir(fx.dir)).sort(), ['report (1).csv', 'report.csv'], 'nothing else left behind');
  });

  test('two batches into one folder at the same time (two runs, both with data.csv): each file gets its own name, neither overwrites the other', async () => {
    addText('data.csv', 'from the first run');
    const first = await job();
    const otherRunId = fx.sim.control.addRun(fx.agentId, { status: 10 }).id;
    const { id: otherFile } = fx.sim.control.addFile(fx.agentId, otherRunId, { name: 'data.csv', kind: 'csv', content: 'from the second run' });
    const second: DownloadAllJob = { ...first, runId: otherRunId, files: (await fx.client.listRunFiles(fx.agentId, otherRunId)).filter((file) => file.id === otherFile) };
    const results = await Promise.all([downloadAllFiles(first), downloadAllFiles(second)]);
    assert.deepEqual(results.map((result) => result.saved.length), [1, 1], JSON.stringify(results.map((result) => result.failed.map((f) => f.failure.message))));
    const names = (await readdir(fx.dir)).sort();
    assert.deepEqual(names, ['data (1).csv', 'data.csv']);
    const contents = await Promise.all(names.map((name) => readFile(join(fx.dir, name), 'utf8')));
    assert.deepEqual(contents.sort(), ['from the first run', 'from the second run']);
    // The names are given back when a batch ends: with the folder emptied, data.csv is free again.
    await Promise.all(names.map((name) => rm(join(fx.dir, name))));
    assert.deepEqual((await downloadAllFiles(first)).saved.map((saved) => saved.path), [join(fx.dir, 'data.csv')]);
  });

  test('cancel mid-file: the transfers in flight stop and leave no partial file; finished files stay; the rest is not tried', async () => {
    addText('small-1.csv');
    addText('small-2.csv');
    addFile({ name: 'slow.csv', size: 8 * MB, delivery: { pauseEveryBytes: MB / 4, pauseMs: 200 } });
    addText('after-1.csv');
    addText('after-2.csv');
    const cancel = new AbortController();
    let slowStarted = false;
    const result = await downloadAllFiles({
      ...(await job()),
      concurrency: 1,
      signal: cancel.signal,
      onProgress: (p) => {
        // The slow file is third: two files done and bytes of it arrived → cancel mid-file.
        if (p.filesDone === 2 && p.bytesDone > 0 && !slowStarted) {
          slowStarted = true;
          setTimeout(() => cancel.abort(), 50);
        }
      },
    });
    assert.ok(slowStarted);
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.saved.map((s) => s.file.name), ['small-1.csv', 'small-2.csv']);
    assert.deepEqual(result.notTried.map((f) => f.name), ['slow.csv', 'after-1.csv', 'after-2.csv']);
    assert.deepEqual(result.failed, []);
    assert.deepEqual((await readdir(fx.dir)).sort(), ['small-1.csv', 'small-2.csv'], 'no slow.csv, no part file');
    assert.equal(fx.sim.control.counters().requestsPerRoute['GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download'], 3, 'the files after the cancel were never asked for');
  });

  test('a file that fails mid-way (gone from the server, connection dropped) does not stop the others', async () => {
    addText('one.csv');
    const gone = addText('gone.csv');
    addFile({ name: 'dropped.csv', size: 4 * MB, delivery: { dropAfterBytes: MB } });
    addText('three.csv');
    fx.sim.control.setFault({ route: `GET agent/${fx.agentId}/run/${fx.runId}/file/${gone}/download`, kind: 'status', status: 404 });
    const result = await downloadAllFiles(await job());
    assert.deepEqual(result.saved.map((s) => s.file.name).sort(), ['one.csv', 'three.csv']);
    const failed = Object.fromEntries(result.failed.map((f) => [f.file.name, f.failure]));
    assert.match(failed['gone.csv'].message, /^gone\.csv is no longer on the server \(404\)/);
    assert.equal(failed['gone.csv'].retryable, false);
    assert.match(failed['dropped.csv'].message, /^Could not download dropped\.csv: .*connection broke during the download \(after 1\.0 MB of 4\.0 MB\)\. Nothing was saved\./);
    assert.equal(failed['dropped.csv'].retryable, true);
    assert.equal(result.stoppedBy, undefined);
    assert.deepEqual((await readdir(fx.dir)).sort(), ['one.csv', 'three.csv'], 'no partial dropped.csv');
  });

  test('an expired download link is named as such', async () => {
    addText('late.csv');
    fx.sim.control.setFileUrlExpiry(-1000);
    const result = await downloadAllFiles(await job());
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0].failure.message, /^The download of late\.csv was refused \(403\): .*Signed expiry time has passed\. Its download link may have expired/);
    assert.deepEqual(await readdir(fx.dir), []);
  });

  test('a folder-wide failure (the folder is gone and cannot be made) stops the batch at once instead of failing every file', async () => {
    for (let i = 0; i < 6; i++) addText(`f${i}.csv`);
    // A regular file where the folder should be: no part file can be created under it.
    const notAFolder = join(fx.dir, 'not-a-folder');
    await writeFile(notAFolder, 'x');
    const result = await downloadAllFiles({ ...(await job()), folder: notAFolder, concurrency: 2 });
    assert.ok(result.stoppedBy, JSON.stringify(result.failed.map((f) => f.failure.message)));
    assert.match(result.stoppedBy.failure.message, /not-a-folder is not a folder\./);
    assert.equal(result.stoppedBy.failure.affectsAll, true);
    assert.equal(result.saved.length, 0);
    assert.ok(result.failed.length <= 2, `at most the files in flight failed: ${result.failed.length}`);
    assert.equal(result.failed.length + result.notTried.length, 6);
    assert.equal(result.cancelled, false);
  });

  test('at most `concurrency` files are in flight at once (the API sees no more link requests than that before the first finishes)', async () => {
    for (let i = 0; i < 5; i++) addFile({ name: `slow-${i}.csv`, size: MB, delivery: { pauseEveryBytes: MB / 2, pauseMs: 100 } });
    let maxInFlight = 0;
    const result = await downloadAllFiles({
      ...(await job()),
      concurrency: 2,
      onProgress: (p) => {
        const route = fx.sim.control.counters().requestsPerRoute['GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download'] ?? 0;
        maxInFlight = Math.max(maxInFlight, route - p.filesDone);
      },
    });
    assert.equal(result.saved.length, 5);
    assert.equal(maxInFlight, 2);
  });
});
