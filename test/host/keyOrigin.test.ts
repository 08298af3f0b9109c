// The key is bound to its origin (issue 10 §2), in a real VS Code: when `sequentum.baseUrl` moves to
// another origin, the key is not sent there until the person answers the real warning with
// "Send Key to …" — the new origin (a recording proxy in front of the simulator) receives no
// request at all before that, and requests with the key after it. The prompt's text goes through
// the notification sink and forms no link.
import * as assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { ShownPrompt } from '../../src/platform/vscodeUserInterface';
import { linkedTextLinks } from '../support/vscodeGrammar';
import { activate, until } from '../support/hostSupport';

type Notification = Extract<ShownPrompt, { kind: 'notification' }>;

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** Another origin for the same simulator: records every request, then forwards it unchanged. */
async function startRecordingProxy(target: URL): Promise<{ server: Server; origin: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    requests.push({ method: incoming.method ?? '', path: incoming.url ?? '', authorization: incoming.headers.authorization });
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

suite('key bound to its origin in a real VS Code: a moved base URL gets the key only after "Send Key"', () => {
  let api: SequentumExtensionApi;
  let simulatorUrl: string;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  const config = () => vscode.workspace.getConfiguration('sequentum');
  const notifications: Notification[] = [];
  let subscription: vscode.Disposable | undefined;

  /** The tree's top level, read again: spaces, or an error node (the last list may stay under it). */
  const roots = async (): Promise<{ spaces: number; errors: string[] }> => {
    api.tree.refresh();
    const nodes = await api.tree.getChildren();
    return { spaces: nodes.filter((node) => node.kind === 'space').length, errors: nodes.flatMap((node) => (node.kind === 'error' ? [JSON.stringify(node.info)] : [])) };
  };

  /** Reads the tree until it lists spaces without an error (the client for the base URL works). */
  async function treeWorks(): Promise<boolean> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { spaces, errors } = await roots();
      if (spaces > 0 && errors.length === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }
  /** Set once the key went to the proxy: the teardown must then confirm the move back. */
  let boundToProxy = false;

  /** Waits for the key-origin warning about `origin`, then presses its first button ("Send Key to …"). */
  async function confirmKeyFor(origin: string): Promise<Notification> {
    const host = new URL(origin).host;
    let question: Notification | undefined;
    await until(`the key-origin question about ${origin}`, () => (question = notifications.find((shown) => shown.message.includes(origin))) !== undefined);
    assert.ok(question);
    assert.equal(question.severity, 'warning');
    assert.deepEqual(question.actions, [`Send Key to ${host}`, 'Not Now']);
    // The newest notification is the question (the others were cleared before the base URL moved).
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    return question;
  }

  suiteSetup(async () => {
    api = await activate();
    simulatorUrl = config().get<string>('baseUrl') ?? '';
    assert.match(simulatorUrl, /^http:\/\/127\.0\.0\.1:\d+/);
    proxy = await startRecordingProxy(new URL(simulatorUrl));
    // The key is used (and so bound to the simulator's origin) before the base URL moves.
    assert.ok(await treeWorks(), 'the tree lists the simulator’s spaces');
    subscription = api.onDidShowPrompt((prompt) => {
      if (prompt.kind === 'notification') notifications.push(prompt);
    });
  });

  suiteTeardown(async () => {
    // An open question is dismissed ("Not Now"), so it does not block the next one.
    await vscode.commands.executeCommand('notifications.clearAll');
    notifications.length = 0;
    await config().update('baseUrl', simulatorUrl, vscode.ConfigurationTarget.Global);
    // Back to the simulator: when the key went to the proxy, that move is confirmed too.
    if (boundToProxy) {
      void roots();
      await confirmKeyFor(new URL(simulatorUrl).origin);
    }
    const works = await treeWorks();
    subscription?.dispose();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
    assert.ok(works, 'the tree lists the simulator’s spaces again after the teardown');
  });

  test('the base URL moves to another origin: nothing reaches it until "Send Key to …" is pressed, then the key goes there', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    notifications.length = 0;
    await config().update('baseUrl', proxy.origin, vscode.ConfigurationTarget.Global);

    // The tree asks for a client: it gets an error (the key waits for confirmation) and the question.
    const first = await roots();
    assert.ok(first.errors.some((info) => info.includes('until you confirm')), `tree errors: ${first.errors.join('; ')}`);
    let question: Notification | undefined;
    await until('the key-origin question', () => (question = notifications.find((shown) => shown.message.includes(proxy.origin))) !== undefined);
    assert.ok(question);
    assert.match(question.message, /now points to http:\/\/127\.0\.0\.1:\d+, but the API key was set for http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(linkedTextLinks(question.message), [], 'the question forms no link');
    // Asked again while the question is open: still no request, and no second question.
    assert.ok((await roots()).errors.length > 0);
    assert.equal(proxy.requests.length, 0, 'a request reached the new origin before the person confirmed');
    assert.equal(notifications.filter((shown) => shown.message.includes(proxy.origin)).length, 1, 'one question, not one per request');

    await confirmKeyFor(proxy.origin);
    boundToProxy = true;
    assert.ok(await treeWorks(), 'after "Send Key" the tree lists the spaces through the new origin');
    assert.ok(proxy.requests.some((recorded) => recorded.path.startsWith('/api/v1/spaces')), `the new origin received the requests: ${JSON.stringify(proxy.requests.map((r) => r.path))}`);
    assert.ok(
      proxy.requests.every((recorded) => recorded.authorization?.startsWith('ApiKey ')),
      `every request to the confirmed origin carries the key: ${JSON.stringify(proxy.requests.map((r) => r.path))}`,
    );
  });
});
