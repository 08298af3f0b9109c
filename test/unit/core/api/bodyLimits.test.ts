import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createSequentumClient, MAX_ERROR_BYTES, MAX_JSON_BYTES, type FetchLike } from '../../../../src/core/api/client';
import { MalformedResponseError, ProblemError } from '../../../../src/core/api/errors';
import { MAX_DETAIL_CHARS } from '../../../../src/core/api/problemDetails';
import { clientOptions, settle, startTestServer, type TestServer } from '../../../support/httpServer';

/** What the server managed to send before the client hung up (or the whole body). */
interface Streamed {
  written: number;
  finished: boolean;
  closed: Promise<void>;
}

const MB = 1024 * 1024;

/**
 * Streams `body` in 64 KB chunks with backpressure, chunked unless `declareLength` — so the
 * client cannot know the size up front and has to stop reading by itself.
 */
function stream(res: ServerResponse, status: number, contentType: string, body: string, declareLength = false): Streamed {
  const bytes = Buffer.from(body);
  const state = { written: 0, finished: false };
  const closed = new Promise<void>((resolve) => res.on('close', resolve));
  res.on('finish', () => void (state.finished = true));
  res.writeHead(status, { 'Content-Type': contentType, ...(declareLength ? { 'Content-Length': String(bytes.length) } : {}) });
  const pump = (): void => {
    while (state.written < bytes.length && !res.destroyed) {
      const chunk = bytes.subarray(state.written, state.written + 64 * 1024);
      state.written += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
  return Object.assign(state, { closed });
}

/** `[{"id":1,"name":"aaa…"}]` of exactly `size` bytes. */
function spacesBody(size: number): string {
  const frame = '[{"id":1,"name":""}]';
  return frame.replace('""', `"${'a'.repeat(size - frame.length)}"`);
}

const globalFetch: FetchLike = (url, init) => fetch(url, init);

suite('API core: body size limits (real HTTP, streamed)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let streamed: Streamed | undefined;
  setup(async () => {
    server = await startTestServer();
    streamed = undefined;
  });
  teardown(async () => {
    await server.close();
  });

  for (const [label, fetchImpl] of [['node-fetch', undefined], ['global fetch (web stream)', globalFetch]] as const) {
    test(`a 40 MB JSON list is "too large", not retried, and the rest is not downloaded (${label})`, async () => {
      server.handle((_req, res) => void (streamed = stream(res, 200, 'application/json', spacesBody(40 * MB))));
      const client = createSequentumClient(clientOptions(server.origin, fetchImpl ? { fetch: fetchImpl } : {}));
      const result = await settle(client.listSpaces());
      client.dispose();
      assert.ok(!result.ok && result.error instanceof MalformedResponseError, String(!result.ok && result.error));
      assert.match(result.error.message, /too large \(over 10 MB\)/);
      assert.doesNotMatch(result.error.message, /not valid JSON/);
      assert.equal(result.error.retryable, false);
      assert.equal(server.requests.length, 1, 'the same oversized body is not asked for again');
      assert.ok(streamed);
      await streamed.closed;
      assert.equal(streamed.finished, false, 'the client hung up before the body ended');
      assert.ok(streamed.written < 20 * MB, `server wrote ${streamed.written} bytes`);
    });
  }

  test('a declared Content-Length over the limit is refused without reading', async () => {
    server.handle((_req, res) => void (streamed = stream(res, 200, 'application/json', spacesBody(40 * MB), true)));
    const client = createSequentumClient(clientOptions(server.origin));
    const result = await settle(client.listSpaces());
    client.dispose();
    assert.ok(!result.ok && result.error instanceof MalformedResponseError && result.error.tooLarge);
    assert.ok(streamed);
    await streamed.closed;
    assert.equal(streamed.finished, false);
    assert.ok(streamed.written < 20 * MB, `server wrote ${streamed.written} bytes`);
  });

  test('exactly the limit is read and parsed; one byte more is too large', async () => {
    let size = MAX_JSON_BYTES;
    server.handle((_req, res) => void stream(res, 200, 'application/json', spacesBody(size)));
    const client = createSequentumClient(clientOptions(server.origin, { retry: { maxAttempts: 1 } }));
    const spaces = await client.listSpaces();
    assert.equal(spaces[0].name.length, MAX_JSON_BYTES - '[{"id":1,"name":""}]'.length);
    size = MAX_JSON_BYTES + 1;
    const result = await settle(client.listSpaces());
    client.dispose();
    assert.ok(!result.ok && result.error instanceof MalformedResponseError && result.error.tooLarge);
  });

  test('a 5 MB error body: only the first 64 KB is read, the message stays short', async () => {
    server.handle((_req, res) => void (streamed = stream(res, 500, 'text/plain', 'E'.repeat(5 * MB))));
    const client = createSequentumClient(clientOptions(server.origin, { retry: { maxAttempts: 1 } }));
    const result = await settle(client.getAgent(1));
    client.dispose();
    assert.ok(!result.ok && result.error instanceof ProblemError, String(!result.ok && result.error));
    assert.equal(result.error.problem.detail?.length, MAX_DETAIL_CHARS);
    assert.ok(result.error.problem.detail?.endsWith('…'));
    assert.equal(result.error.message, `Internal Server Error: ${'E'.repeat(MAX_DETAIL_CHARS - 1)}…`);
    assert.ok(streamed);
    await streamed.closed;
    assert.equal(streamed.finished, false);
    assert.ok(streamed.written < 5 * MB, `server wrote ${streamed.written} bytes`);
    assert.ok(MAX_ERROR_BYTES < streamed.written, 'sanity: the server got past the first 64 KB');
  });
});
