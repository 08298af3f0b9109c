// The API core's own words (errors it throws, download notes, status labels) go through the l10n
// port like every other core string: with a translator installed, every one of them comes out
// translated — over real HTTP (a test server, the simulator's file store), not by calling the
// message builders alone. Endpoint and field names are the wire's and stay as they are.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { resolveApiEndpoint } from '../../../../src/core/api/baseUrl';
import { createSequentumClient } from '../../../../src/core/api/client';
import { CancelledError, ConfigurationError, MalformedResponseError, NetworkError, NoApiKeyError, TimeoutError } from '../../../../src/core/api/errors';
import { runStatusLabel } from '../../../../src/core/api/model';
import { describeError } from '../../../../src/core/errors/describeError';
import { formatMessage, useTranslate } from '../../../../src/core/text/l10n';
import { clientOptions, json, settle, startTestServer, text, type TestServer } from '../../../support/httpServer';

/** «…» around every translated piece: a word outside the marks was not translated. */
const MARKED = /^«[\s\S]*»$/;

suite('API core: error messages and download notes go through the l10n port', () => {
  let restore: () => void;
  const keys: string[] = [];

  setup(() => {
    keys.length = 0;
    restore = useTranslate((message, ...args) => {
      keys.push(message);
      return `«${formatMessage(message, args)}»`;
    });
  });
  teardown(() => restore());

  test('base URL: every settings problem is translated, the URL itself is an argument', () => {
    for (const url of ['', 'not a url', 'ftp://x', 'http://dashboard.sequentum.com', 'https://user:pw@host', 'https://host/?q=1']) {
      assert.throws(
        () => resolveApiEndpoint(url),
        (error: unknown) => ConfigurationError.is(error) && MARKED.test(error.message),
        JSON.stringify(url),
      );
    }
    assert.ok(keys.includes('The Sequentum base URL "{0}" is not a valid URL.'), keys.join('\n'));
  });

  test('typed errors made by core: timeout, cancellation, no key', () => {
    assert.equal(new TimeoutError(30_000).message, '«No answer from the server within 30 s»');
    assert.match(new CancelledError().message, MARKED);
    assert.match(new NoApiKeyError().message, MARKED);
  });

  suite('over real HTTP', () => {
    let api: TestServer;
    setup(async () => {
      api = await startTestServer();
    });
    teardown(() => api.close());

    test('wire parsing: the sentence and the field problem inside it are both translated; endpoint and field stay', async () => {
      api.handle((_req, res) => json(res, 200, [{ id: 3, agentId: 1 }]));
      const client = createSequentumClient(clientOptions(api.origin, { retry: { maxAttempts: 1 } }));
      const result = await settle(client.listRuns(1));
      client.dispose();
      assert.ok(!result.ok && MalformedResponseError.is(result.error), String(result.ok || result.error));
      assert.equal(result.error.message, '«Unexpected response from «agent/1/runs item 0»: «status is missing».»');
    });

    test('an empty body and a list that is not one', async () => {
      api.handle((req, res) => (req.path.startsWith('/api/v1/spaces') ? text(res, 200, '', 'application/json') : json(res, 200, { nothing: true })));
      const client = createSequentumClient(clientOptions(api.origin, { retry: { maxAttempts: 1 } }));
      const empty = await settle(client.listSpaces());
      const notAList = await settle(client.listAgents());
      client.dispose();
      assert.ok(!empty.ok && MalformedResponseError.is(empty.error));
      assert.equal(empty.error.message, '«Unexpected response from spaces: the body is empty.»');
      assert.ok(!notAList.ok && MalformedResponseError.is(notAList.error));
      assert.match(notAList.error.message, /^«Unexpected response from agent\/all: «expected a list \(or an envelope with [^»]+\), got an object without one».»$/);
    });

    test('transport: a refused connection names the host and the code inside translated words', async () => {
      const origin = api.origin;
      await api.close();
      const client = createSequentumClient(clientOptions(origin, { retry: { maxAttempts: 1 } }));
      const result = await settle(client.listSpaces());
      client.dispose();
      assert.ok(!result.ok && NetworkError.is(result.error), String(result.ok || result.error));
      assert.equal(result.error.message, `«Could not reach ${new URL(origin).host} (ECONNREFUSED).»`);
      // What a notification says about it: our words and the error's, both translated.
      assert.equal(describeError(result.error).message, `«Cannot reach the Sequentum server»: «Could not reach ${new URL(origin).host} (ECONNREFUSED).»`);
      api = await startTestServer();
    });
  });

  suite('downloads (simulator file store)', () => {
    let sim: Simulator;
    let dir: string;
    suiteSetup(async () => {
      sim = await startSimulator({ timeScale: 1000 });
    });
    suiteTeardown(() => sim.close());
    setup(async () => {
      dir = await mkdtemp(join(tmpdir(), 'seq-l10n-download-'));
    });
    teardown(() => rm(dir, { recursive: true, force: true }));

    test('notes of a dropped-and-resumed download, and the final error of one that always drops', async () => {
      sim.control.reset('empty');
      const agentId = sim.control.addAgent({ name: 'Downloads' }).id;
      const runId = sim.control.addRun(agentId, { status: 10 }).id;
      const size = 2 * 1024 * 1024;
      const resumable = sim.control.addFile(agentId, runId, { name: 'a.csv', size, delivery: { dropAfterBytes: size / 2, faultTimes: 1 } }).id;
      const hopeless = sim.control.addFile(agentId, runId, { name: 'b.csv', size, delivery: { dropAfterBytes: size / 2, noRanges: true } }).id;
      const client = createSequentumClient({ ...clientOptions(sim.baseUrl), apiKey: sim.apiKey, download: { maxAttempts: 2, retryDelayMs: 1 } });
      const notes: string[] = [];
      try {
        await client.downloadRunFileTo(agentId, runId, resumable, join(dir, 'a.csv'), { onNote: (note) => notes.push(note) });
        const failed = await settle(client.downloadRunFileTo(agentId, runId, hopeless, join(dir, 'b.csv')));
        assert.ok(!failed.ok && NetworkError.is(failed.error), String(failed.ok || failed.error));
        assert.match(failed.error.message, /^«.*Tried 2 times\. Nothing was saved\.»$/);
      } finally {
        client.dispose();
      }
      assert.ok(notes.length >= 2, JSON.stringify(notes));
      for (const note of notes) assert.match(note, MARKED);
      assert.ok(keys.includes('Resumed at byte {0}'), keys.join('\n'));
    });
  });

  test('status labels', () => {
    assert.equal(runStatusLabel(1), '«Running»');
    assert.equal(runStatusLabel(null), '«never run»');
    assert.equal(runStatusLabel(42), '«unknown (42)»');
  });
});
