import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSimulator } from '../../../../simulator/index';
import { resolveApiEndpoint } from '../../../../src/core/api/baseUrl';
import { createSequentumClient } from '../../../../src/core/api/client';
import { ConfigurationError, NetworkError, ProblemError } from '../../../../src/core/api/errors';
import { API_KEY, clientOptions, json, quietLog, settle, startTestServer, text, type TestServer, selfSignedTls } from '../../../support/httpServer';

suite('API core: base URL', () => {
  test('API root under /api/v1; trailing slash and a pasted /api/v1 are tolerated', () => {
    assert.deepEqual(resolveApiEndpoint('https://dashboard.sequentum.com'), {
      origin: 'https://dashboard.sequentum.com',
      apiRoot: 'https://dashboard.sequentum.com/api/v1',
    });
    assert.equal(resolveApiEndpoint('https://dashboard.sequentum.com/').apiRoot, 'https://dashboard.sequentum.com/api/v1');
    assert.equal(resolveApiEndpoint('https://dashboard.sequentum.com/api/v1/').apiRoot, 'https://dashboard.sequentum.com/api/v1');
    assert.equal(resolveApiEndpoint('https://proxy.example/seq').apiRoot, 'https://proxy.example/seq/api/v1');
  });

  test('plain http:// is refused except for loopback', () => {
    for (const url of ['http://dashboard.sequentum.com', 'http://10.0.0.5:8080', 'ftp://x', 'not a url', '', 'https://user:pw@host']) {
      assert.throws(() => resolveApiEndpoint(url), ConfigurationError, url);
      assert.throws(() => createSequentumClient(clientOptions(url)), ConfigurationError, url);
    }
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:1', 'http://[::1]:8080', 'http://app.localhost']) {
      assert.doesNotThrow(() => resolveApiEndpoint(url), url);
    }
  });
});

suite('API core: transport (real HTTP)', () => {
  let api: TestServer;
  let other: TestServer;

  setup(async () => {
    api = await startTestServer();
    other = await startTestServer();
  });

  teardown(async () => {
    await api.close();
    await other.close();
  });

  test('Authorization: ApiKey <key> goes to the base origin', async () => {
    api.handle((_req, res) => json(res, 200, []));
    const client = createSequentumClient(clientOptions(api.origin));
    await client.listSpaces();
    client.dispose();
    assert.equal(api.requests[0].headers.authorization, `ApiKey ${API_KEY}`);
    assert.equal(api.requests[0].path, '/api/v1/spaces');
  });

  test('download follows the redirect to another origin without Authorization', async () => {
    api.handle((_req, res) => {
      res.writeHead(302, { Location: `${other.origin}/blob/1?sig=abc` });
      res.end();
    });
    other.handle((_req, res) => text(res, 200, 'a,b\n1,2\n', 'text/csv'));
    const client = createSequentumClient(clientOptions(api.origin));
    const progress: number[] = [];
    const destination = join(mkdtempSync(join(tmpdir(), 'seq-transport-')), 'f.csv');
    const file = await client.downloadRunFileTo(1, 2, 3, destination, { onProgress: (received) => progress.push(received) });
    client.dispose();
    assert.equal(readFileSync(destination, 'utf8'), 'a,b\n1,2\n');
    rmSync(join(destination, '..'), { recursive: true, force: true });
    assert.equal(file.contentType, 'text/csv');
    assert.equal(api.requests[0].headers.authorization, `ApiKey ${API_KEY}`);
    assert.equal(other.requests.length, 1);
    assert.equal(other.requests[0].headers.authorization, undefined);
    assert.equal(other.requests[0].path, '/blob/1?sig=abc');
    assert.equal(progress[progress.length - 1], 8);
  });

  test('any cross-origin redirect strips Authorization; a same-origin hop keeps it', async () => {
    api.handle((req, res) => {
      if (req.path === '/api/v1/spaces') {
        res.writeHead(307, { Location: '/api/v1/spaces2' });
        res.end();
      } else {
        res.writeHead(302, { Location: `${other.origin}/elsewhere` });
        res.end();
      }
    });
    other.handle((_req, res) => json(res, 200, [{ id: 1, name: 'S' }]));
    const client = createSequentumClient(clientOptions(api.origin));
    const spaces = await client.listSpaces();
    client.dispose();
    assert.equal(spaces[0].name, 'S');
    assert.deepEqual(api.requests.map((r) => r.headers.authorization), [`ApiKey ${API_KEY}`, `ApiKey ${API_KEY}`]);
    assert.equal(other.requests[0].headers.authorization, undefined);
  });

  test('the simulator file store never sees the key', async () => {
    const sim = await startSimulator({ timeScale: 1000 });
    const client = createSequentumClient({ ...clientOptions(sim.baseUrl), apiKey: sim.apiKey });
    try {
      const agent = (await client.listAgents()).items.find((a) => a.lastStatus === 10 || a.lastStatus === 9);
      assert.ok(agent);
      const run = (await client.listRuns(agent.id, 10)).find((r) => r.status === 10 || r.status === 9);
      assert.ok(run);
      const files = await client.listRunFiles(agent.id, run.id);
      const dir = mkdtempSync(join(tmpdir(), 'seq-transport-'));
      const file = await client.downloadRunFileTo(agent.id, run.id, files[0].id, join(dir, 'file'));
      rmSync(dir, { recursive: true, force: true });
      assert.ok(file.size > 0);
      const counters = sim.control.counters();
      assert.equal(counters.fileStore.requests, 1);
      assert.equal(counters.fileStore.withAuthorization, 0);
    } finally {
      client.dispose();
      await sim.close();
    }
  });

  test('a TLS certificate error is reported as such and not retried', async () => {
    let connections = 0;
    const server = createServer(selfSignedTls());
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createSequentumClient(clientOptions(origin));
    const result = await settle(client.listSpaces());
    client.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.ok(!result.ok && result.error instanceof NetworkError);
    assert.equal(result.error.tls, true);
    assert.equal(result.error.retryable, false);
    assert.match(result.error.message, /TLS\/certificate/);
    assert.equal(connections, 1, 'one attempt, no retry');
  });

  test('the key never appears in errors or logs, even when a server echoes it', async () => {
    api.handle((req, res) => text(res, 500, `<html><body>Debug: ${String(req.headers.authorization)}</body></html>`, 'text/html'));
    quietLog.lines.length = 0;
    const client = createSequentumClient(clientOptions(api.origin));
    const result = await settle(client.listSpaces());
    client.dispose();
    assert.ok(!result.ok && result.error instanceof ProblemError);
    assert.ok(!JSON.stringify(result.error.problem).includes(API_KEY));
    assert.ok(!result.error.message.includes(API_KEY));
    assert.ok(!quietLog.lines.join('\n').includes(API_KEY));
  });

  test('the key echoed into every problem member (type, instance, errorCode, field errors, extensions) is redacted', async () => {
    api.handle((req, res) => {
      const echo = String(req.headers.authorization);
      const body = {
        type: `https://errors.example/${echo}`, title: 'Invalid', status: 422, detail: echo, instance: echo, errorCode: echo,
        errors: [{ pointer: echo, field: echo, detail: echo }], debug: { headers: [echo], [echo]: 1 },
      };
      text(res, 422, JSON.stringify(body), 'application/problem+json');
    });
    const client = createSequentumClient(clientOptions(api.origin));
    const result = await settle(client.getAgent(1));
    client.dispose();
    assert.ok(!result.ok && result.error instanceof ProblemError);
    const problem = result.error.problem;
    assert.ok(!JSON.stringify(problem).includes(API_KEY), JSON.stringify(problem));
    assert.equal(problem.type, 'https://errors.example/ApiKey «redacted»');
    assert.deepEqual(problem.extensions.debug, { headers: ['ApiKey «redacted»'], 'ApiKey «redacted»': 1 });
  });
});
