import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generatedBytes, type FileDelivery } from '../../../../simulator/fileDelivery';
import { createSequentumClient } from '../../../../src/core/api/client';
import { CancelledError, MalformedResponseError, NetworkError } from '../../../../src/core/api/errors';
import { clientOptions, settle, startTestServer, text, type TestServer } from '../../../support/httpServer';
import { runFilesFixture } from '../../../support/runFilesFixture';

const MB = 1024 * 1024;
/** Short enough for quick tests; every pause of the slow link below stays under it. */
const IDLE_MS = 400;

suite('API core: downloads stream to disk (real HTTP, simulator file store)', () => {
  const fx = runFilesFixture({
    agentName: 'Downloads',
    dirPrefix: 'seq-download-',
    // A 1 s per-request timeout: a download bounded by it (the old path) could not take longer.
    client: { timeoutMs: 1_000, download: { idleTimeoutMs: IDLE_MS, maxAttempts: 4, retryDelayMs: 10 } },
  });

  function bigFile(size: number, delivery: FileDelivery = {}): number {
    return fx.sim.control.addFile(fx.agentId, fx.runId, { name: 'big.csv', size, delivery }).id;
  }

  test('a slow file (pauses shorter than the idle timeout, longer in total than the request timeout) arrives whole', async () => {
    const size = 3 * MB;
    const fileId = bigFile(size, { pauseEveryBytes: MB / 2, pauseMs: IDLE_MS / 2 });
    const destination = join(fx.dir, 'big.csv');
    const progress: number[] = [];
    const saved = await fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, destination, { onProgress: (received) => progress.push(received) });
    assert.deepEqual({ size: saved.size, resumed: saved.resumed, restarted: saved.restarted }, { size, resumed: 0, restarted: 0 });
    assert.equal(saved.contentType, 'text/csv; charset=utf-8');
    assert.equal(await fileHash(destination), expectedHash(size));
    assert.deepEqual(await readdir(fx.dir), ['big.csv'], 'no part file left behind');
    assert.equal(progress.at(-1), size);
    assert.ok(progress.every((value, i) => i === 0 || value >= progress[i - 1]), 'progress never goes back');
  });

  test('a stall longer than the idle timeout fails clearly; nothing is left under the final name', async () => {
    const fileId = bigFile(16 * MB, { stallAfterBytes: MB / 4 });
    const result = await settle(fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, join(fx.dir, 'big.csv')));
    assert.ok(!result.ok);
    assert.ok(NetworkError.is(result.error), String(result.error));
    assert.equal(result.error.code, 'STALLED');
    assert.match(result.error.message, /stalled: no data for 0\.4 s \(after 1\.0 MB of 16\.0 MB\)\. Tried 4 times\. Nothing was saved\./);
    assert.ok(result.error.retryable);
    assert.deepEqual(await readdir(fx.dir), [], 'neither big.csv nor a part file');
    // Attempts 2–4 continued where the previous one stalled, each with a freshly signed URL.
    const counters = fx.sim.control.counters();
    assert.equal(counters.fileStore.requests, 4);
    assert.equal(counters.fileStore.rangeRequests, 3);
    assert.equal(counters.requestsPerRoute['GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download'], 4);
  });

  test('a connection dropped mid-body resumes from the bytes already on disk (Range), byte-exact', async () => {
    const size = 4 * MB;
    const fileId = bigFile(size, { dropAfterBytes: 1.5 * MB, faultTimes: 1 });
    const destination = join(fx.dir, 'big.csv');
    const saved = await fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, destination);
    assert.deepEqual({ size: saved.size, resumed: saved.resumed, restarted: saved.restarted }, { size, resumed: 1, restarted: 0 });
    assert.equal(await fileHash(destination), expectedHash(size));
    const { fileStore } = fx.sim.control.counters();
    assert.deepEqual({ requests: fileStore.requests, rangeRequests: fileStore.rangeRequests, withAuthorization: fileStore.withAuthorization }, { requests: 2, rangeRequests: 1, withAuthorization: 0 });
  });

  test('a store without Range support: the retry starts over from byte 0 and says so', async () => {
    const size = 2 * MB;
    const fileId = bigFile(size, { dropAfterBytes: MB, faultTimes: 1, noRanges: true });
    const destination = join(fx.dir, 'big.csv');
    const notes: string[] = [];
    const saved = await fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, destination, { onNote: (note) => notes.push(note) });
    assert.deepEqual({ size: saved.size, resumed: saved.resumed, restarted: saved.restarted }, { size, resumed: 0, restarted: 1 });
    assert.equal(await fileHash(destination), expectedHash(size));
    assert.ok(notes.some((note) => /Restarting the download from byte 0: the server does not resume/.test(note)), notes.join('\n'));
  });

  test('unknown size (chunked, no fileSize): a drop is noticed, not saved as complete, and resumed', async () => {
    const size = 3 * MB;
    const fileId = bigFile(size, { unknownSize: true, dropAfterBytes: MB, faultTimes: 1 });
    const listed = (await fx.client.listRunFiles(fx.agentId, fx.runId)).find((file) => file.id === fileId);
    assert.equal(listed?.fileSize, undefined);
    const destination = join(fx.dir, 'big.csv');
    const saved = await fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, destination);
    assert.deepEqual({ size: saved.size, resumed: saved.resumed }, { size, resumed: 1 });
    assert.equal(await fileHash(destination), expectedHash(size));
  });

  test('a size limit holds for what arrives, not only for what is declared: nothing is saved', async () => {
    const declared = bigFile(2 * MB);
    const undeclared = bigFile(2 * MB, { unknownSize: true });
    for (const fileId of [declared, undeclared]) {
      const result = await settle(fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, join(fx.dir, 'big.csv'), { maxBytes: MB }));
      assert.ok(!result.ok && MalformedResponseError.is(result.error), String(result.ok ? 'saved' : result.error));
      assert.equal(result.error.tooLarge, true);
      assert.equal(result.error.retryable, false);
      assert.match(result.error.message, /larger than 1\.0 MB; nothing was saved/);
      assert.deepEqual(await readdir(fx.dir), []);
    }
  });

  test('cancelling mid-transfer stops at once and removes the part file', async () => {
    const fileId = bigFile(64 * MB, { pauseEveryBytes: MB, pauseMs: 50 });
    const controller = new AbortController();
    const result = await settle(fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, join(fx.dir, 'big.csv'), {
      signal: controller.signal,
      onProgress: (received) => {
        if (received >= 2 * MB) controller.abort();
      },
    }));
    assert.ok(!result.ok && CancelledError.is(result.error), String(result.ok ? 'saved' : result.error));
    assert.deepEqual(await readdir(fx.dir), []);
  });

  test('memory stays bounded: a 64 MB file grows the live heap and buffers by under half its size', async function () {
    // A full GC every 100 ms on a shared machine: slow, so allow it time.
    this.timeout(90_000);
    const size = 64 * MB;
    const fileId = bigFile(size);
    const destination = join(fx.dir, 'big.bin');
    const before = liveBytes();
    let peak = 0;
    let samples = 0;
    const saved = await fx.client.downloadRunFileTo(fx.agentId, fx.runId, fileId, destination, {
      onProgress: (received) => {
        // Live memory only (after a full GC): garbage awaiting collection is not what a download holds.
        if (received < size) peak = Math.max(peak, liveBytes() - before);
        samples++;
      },
    });
    assert.ok(samples >= 3, `${samples} samples`);
    assert.equal(saved.size, size);
    // Holding the file would need ≥ 64 MB; streaming needs the 1 MB write batch plus socket
    // buffers (seen: 14 MB for 128 MB, the simulator's own writes in this process included).
    assert.ok(peak < 32 * MB, `peak growth ${(peak / MB).toFixed(1)} MB`);
  });
});

/** Live JS heap plus Buffers/ArrayBuffers after a full GC: where a whole-file download would sit. */
function liveBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** `gc()` without starting Node with --expose-gc (the flag can be set at run time; the function comes from a fresh context). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function expectedHash(size: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += MB) hash.update(generatedBytes(offset, Math.min(MB, size - offset)));
  return hash.digest('hex');
}

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

suite('API core: download resume headers (scripted server)', () => {
  let api: TestServer;
  let store: TestServer;
  let dir: string;

  setup(async () => {
    api = await startTestServer();
    store = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'seq-download-'));
    api.handle((_req, res) => {
      res.writeHead(302, { Location: `${store.origin}/blob/7?sig=x` });
      res.end();
    });
  });
  teardown(async () => {
    await api.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a resume asks for the rest of the same version (Range + If-Range); a changed file comes whole and starts over', async () => {
    store.handle((_req, res, index) => {
      if (index === 0) {
        // Version 1: ten bytes promised, four sent, then the connection drops.
        res.writeHead(200, { ETag: '"v1"', 'Content-Length': '10' });
        res.write('abcd');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      // The file changed: If-Range does not match, so the whole new version comes with 200.
      text(res, 200, 'ZYXWVUTSRQ', 'text/plain', { ETag: '"v2"' });
    });
    const client = createSequentumClient(clientOptions(api.origin, { download: { idleTimeoutMs: 2_000, maxAttempts: 3, retryDelayMs: 1 } }));
    const destination = join(dir, 'f.txt');
    const saved = await client.downloadRunFileTo(1, 2, 3, destination);
    client.dispose();
    assert.deepEqual({ size: saved.size, resumed: saved.resumed, restarted: saved.restarted }, { size: 10, resumed: 0, restarted: 1 });
    assert.equal(await readFile(destination, 'utf8'), 'ZYXWVUTSRQ');
    const [first, second] = store.requests;
    assert.equal(first.headers.range, undefined);
    assert.equal(second.headers.range, 'bytes=4-');
    assert.equal(second.headers['if-range'], '"v1"');
    assert.equal(second.headers['accept-encoding'], 'identity');
    assert.ok(store.requests.every((request) => request.headers.authorization === undefined));
    assert.ok(api.requests.every((request) => request.headers.authorization !== undefined), 'each attempt asks the API (with the key) for a fresh URL');
  });

  test('a 206 for another range than asked is not appended: the download starts over', async () => {
    store.handle((_req, res, index) => {
      if (index === 0) {
        res.writeHead(200, { 'Content-Length': '8' });
        res.write('0123');
        setTimeout(() => res.destroy(), 20);
      } else if (index === 1) {
        text(res, 206, '2345', 'text/plain', { 'Content-Range': 'bytes 2-5/8' });
      } else {
        text(res, 200, '01234567');
      }
    });
    const client = createSequentumClient(clientOptions(api.origin, { download: { idleTimeoutMs: 2_000, maxAttempts: 3, retryDelayMs: 1 } }));
    const destination = join(dir, 'f.txt');
    const saved = await client.downloadRunFileTo(1, 2, 3, destination);
    client.dispose();
    assert.equal(await readFile(destination, 'utf8'), '01234567');
    assert.equal(saved.restarted, 1);
    assert.equal(store.requests[2].headers.range, undefined, 'after a bad range, ask for the whole file');
  });
});
