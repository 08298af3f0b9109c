import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agent } from '../../../../src/core/api/model';
import { AgentCache, type AgentListLoader } from '../../../../src/core/diagnostics/agentCache';

/** A real HTTP server answering the agent list; counts requests and can be told to fail. */
async function agentServer(): Promise<{ url: string; hits: () => number; fail: (on: boolean) => void; close: () => Promise<void> }> {
  let hits = 0;
  let failing = false;
  const server: Server = createServer((_req, res) => {
    hits++;
    if (failing) {
      res.writeHead(503).end();
      return;
    }
    const agents: Agent[] = [{ id: 4711, name: 'Products', spaceId: 1, lastStatus: 10, inputParameters: { url: '' } }];
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(agents)), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/agent/all`,
    hits: () => hits,
    fail: (on) => void (failing = on),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

suite('AgentCache', () => {
  let server: Awaited<ReturnType<typeof agentServer>>;
  let loader: AgentListLoader;
  setup(async () => {
    server = await agentServer();
    loader = async (signal) => {
      const response = await fetch(server.url, { signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Agent[];
    };
  });
  teardown(() => server.close());

  test('many concurrent and repeated reads cost one request while fresh', async () => {
    let now = 0;
    const cache = new AgentCache(loader, { ttlMs: 1000, now: () => now });
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    assert.ok(results.every((r) => r?.get(4711)?.name === 'Products'));
    await cache.get();
    assert.equal(server.hits(), 1);
    now = 1500;
    await cache.get();
    assert.equal(server.hits(), 2, 'stale after the TTL');
  });

  test('a failed load keeps the last list and waits before trying again', async () => {
    let now = 0;
    const cache = new AgentCache(loader, { ttlMs: 10, retryAfterMs: 1000, now: () => now });
    await cache.get();
    server.fail(true);
    now = 100;
    assert.equal((await cache.get())?.size, 1, 'last good list');
    await cache.get();
    assert.equal(server.hits(), 2, 'no hammering while failing');
    now = 1200;
    server.fail(false);
    await cache.get();
    assert.equal(server.hits(), 3);
  });

  test('no loader (no key) gives undefined without requests; a new loader drops the old list', async () => {
    const cache = new AgentCache(undefined);
    assert.equal(await cache.get(), undefined);
    let changes = 0;
    cache.onDidChange(() => changes++);
    cache.setLoader(loader);
    assert.equal((await cache.get())?.size, 1);
    assert.equal(changes, 2);
    cache.setLoader(undefined);
    assert.equal(cache.peek(), undefined);
    assert.equal(server.hits(), 1);
  });
});
