// Whole flows with a recognisable API key and hostile server text: everything the core logs,
// presents, notifies or reports is captured and scanned. The scanner's own negative control is the
// first test, so these checks can fail.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../../src/core/api/client';
import { problemDiagnostics } from '../../../src/core/diagnostics/problemDiagnostics';
import { describeFailure } from '../../../src/core/errors/failureNotification';
import { Emitter } from '../../../src/core/emitter';
import type { Logger } from '../../../src/core/log';
import { parseRunConfig } from '../../../src/core/runConfig/runConfigDocument';
import { systemClock } from '../../../src/core/clock';
import { RunStarter } from '../../../src/core/runs/runStarter';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { TreeNode } from '../../../src/core/tree/nodes';
import { presentNode } from '../../../src/core/tree/presentation';
import { TreeModel } from '../../../src/core/tree/treeModel';
import { leakingTexts } from '../../support/keyPieces';

const KEY = 'sk-CANARY-7f3e1b9c2d4a6e8f0a1b';
// Control characters (except tab and newline) and bidi overrides must never reach a label or message.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/;
const HOSTILE = '[Run me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> \u001b[31mred\u001b[0m **bold** \u202eevil';

/** Every captured text that contains any 8 consecutive characters of the key (a cut key included). */
function leaks(texts: readonly string[]): string[] {
  return leakingTexts(texts, KEY);
}

function capturingLog(sink: string[]): Logger {
  const put = (level: string) => (message: string | Error, ...args: unknown[]) =>
    void sink.push(`${level} ${String(message)} ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''} ${JSON.stringify(a)}` : JSON.stringify(a))).join(' ')}`);
  return { trace: put('trace'), debug: put('debug'), info: put('info'), warn: put('warn'), error: put('error') };
}

suite('Proof: security — the key never leaks, server text is inert', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: SequentumClient;
  const captured: string[] = [];

  suiteSetup(async () => {
    sim = await startSimulator({ apiKeys: [KEY], seed: 'demo', timeScale: 1000, rateLimit: { requests: 10_000, windowSeconds: 60 } });
    client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: KEY, settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl }, log: capturingLog(captured), timeoutMs: 2000, retry: { maxAttempts: 2, baseDelayMs: 5 } });
  });

  suiteTeardown(async () => {
    client.dispose();
    await sim.close();
  });

  test('negative control: the scanner finds a planted key', () => {
    assert.deepEqual(leaks(['ok', `Authorization: ApiKey ${KEY}`]).length, 1);
    // The prefix a 120-character cut would leave behind counts too.
    assert.deepEqual(leaks([`${'T'.repeat(110)}${KEY}`.slice(0, 119)]).length, 1);
  });

  test('a whole session (tree, starts, failures, downloads, revoked key) leaks the key nowhere', async () => {
    const space = sim.control.addSpace({ name: HOSTILE, description: HOSTILE });
    const agent = sim.control.addAgent({ name: HOSTILE, description: HOSTILE, spaceId: space.id, behaviour: 'failure', isExclusive: true });
    const views: string[] = [];
    const present = (node: TreeNode): void => {
      const view = presentNode(node, { now: Date.now(), locale: 'en-US', timeZone: 'UTC' });
      views.push(view.label, view.description ?? '', view.tooltip, JSON.stringify(view.command ?? {}));
    };
    const changed = new Emitter<void>();
    const tree = new TreeModel({ source: { environments: () => [{ id: 'd', name: 'sim', baseUrl: sim.baseUrl }], client: () => Promise.resolve(client), onDidChange: changed.event }, log: capturingLog(captured) });
    // Echoing servers and proxies: the key comes back in bodies and headers of failures.
    sim.control.setFault({ route: 'GET spaces/{spaceId}/agents', kind: 'hostile', status: 500, contentType: 'text/plain', body: `upstream saw ApiKey ${KEY}`, times: 4 });
    const walk = async (node?: TreeNode, depth = 0): Promise<void> => {
      for (const child of await tree.getChildren(node)) {
        present(child);
        if (depth < 3) await walk(child, depth + 1);
      }
    };
    await walk();
    tree.refresh();
    await walk();

    const starter = new RunStarter({ api: () => Promise.resolve(client), clock: systemClock, log: capturingLog(captured), reconcile: { delaysMs: [10, 20], skewMs: 60_000, maxRecords: 25 } });
    const messages: string[] = [];
    const note = (error: unknown): void => {
      const failure = describeFailure(error, [KEY]);
      if (failure) messages.push(failure.message, failure.details);
      if (error instanceof Error) messages.push(error.message, String(error.stack), JSON.stringify(error));
    };
    const ask = { askAboutInFlight: () => Promise.resolve<'start-another'>('start-another') };
    sim.control.setFault({ route: 'POST agent/{agentId}/start', kind: 'commitThenDrop', times: 1 });
    for (const outcome of [await starter.start({ agentId: agent.id, ...ask }), await starter.start({ agentId: agent.id, ...ask })]) {
      if (outcome.kind === 'not-started') note(outcome.error);
    }
    sim.control.setFault({ route: 'GET agent/{agentId}', kind: 'hostile', status: 400, contentType: 'application/problem+json', body: JSON.stringify({ title: `${'T'.repeat(105)} ${KEY}`, status: 400, detail: `${'D'.repeat(290)}${KEY}`, errors: { Name: [`key ${KEY}`] } }), times: 1 });
    try {
      await client.getAgent(agent.id);
    } catch (error) {
      note(error);
      const entry = parseRunConfig('{"runs":[{"name":"x","agentId":1}]}').entries[0];
      assert.ok(entry);
      for (const d of problemDiagnostics(error, entry)) messages.push(d.message, JSON.stringify(d));
    }
    // Downloads: the redirect to the file store must not carry the key.
    const withFile = sim.control.addRun(1001, { status: 10 });
    const downloads = mkdtempSync(join(tmpdir(), 'seq-security-'));
    for (const fileId of withFile.fileIds.slice(0, 2)) await client.downloadRunFileTo(1001, withFile.id, fileId, join(downloads, `f${fileId}`)).catch(note);
    rmSync(downloads, { recursive: true, force: true });
    sim.control.revokeApiKey(KEY);
    await client.listSpaces().catch(note);

    const fileStore = sim.control.counters().fileStore;
    assert.ok(withFile.fileIds.length > 0 && fileStore.requests > 0, 'a download reached the file store');
    assert.equal(fileStore.withAuthorization, 0, 'the file store origin saw an Authorization header');
    assert.ok(captured.length > 0 && views.length > 0 && messages.length > 0, 'the flow produced output to scan');
    assert.deepEqual(leaks(captured), [], 'log output');
    assert.deepEqual(leaks(views), [], 'tree labels/tooltips');
    assert.deepEqual(leaks(messages), [], 'notifications, diagnostics, errors');
    tree.dispose();
    starter.dispose();
    changed.dispose();
    sim.control.addApiKey(KEY);
  });

  test('hostile server text is inert in tree labels, tooltips and diagnostics', async () => {
    const space = sim.control.addSpace({ name: HOSTILE });
    sim.control.addAgent({ name: HOSTILE, description: HOSTILE, spaceId: space.id });
    const changed = new Emitter<void>();
    const tree = new TreeModel({ source: { environments: () => [{ id: 'd', name: 'sim', baseUrl: sim.baseUrl }], client: () => Promise.resolve(client), onDidChange: changed.event }, log: capturingLog([]) });
    const nodes: TreeNode[] = [];
    for (const env of await tree.getChildren()) {
      for (const s of await tree.getChildren(env)) {
        nodes.push(s);
        if (s.kind === 'space') nodes.push(...(await tree.getChildren(s)));
      }
    }
    const hostileViews = nodes.map((n) => presentNode(n, { now: Date.now(), locale: 'en-US' })).filter((v) => v.label.includes('Run me'));
    assert.ok(hostileViews.length >= 2, 'the hostile space and agent are shown');
    for (const view of hostileViews) {
      for (const text of [view.label, view.description ?? '', view.tooltip]) {
        assert.ok(!CONTROL.test(text), `control/bidi characters in ${JSON.stringify(text)}`);
      }
      // In the Markdown tooltip nothing may form a link, command link or HTML tag.
      assert.ok(!/(^|[^\\])\]\(command:/.test(view.tooltip), view.tooltip);
      assert.ok(!/(^|[^\\])<img/.test(view.tooltip), view.tooltip);
    }
    sim.control.setFault({ route: 'POST agent/{agentId}/start', kind: 'hostile', status: 400, contentType: 'application/problem+json', body: JSON.stringify({ title: HOSTILE, status: 400, detail: HOSTILE }), times: 1 });
    const error = await client.startRun(1001, {}).catch((e: unknown) => e);
    const entry = parseRunConfig('{"runs":[{"name":"x","agentId":1001}]}').entries[0];
    assert.ok(entry);
    const diagnostics = problemDiagnostics(error, entry);
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) assert.ok(!CONTROL.test(d.message), JSON.stringify(d.message));
    tree.dispose();
    changed.dispose();
  });
});
