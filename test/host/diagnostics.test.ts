// Diagnostics inside a real VS Code against the simulator: edit-time checks of a run-config file,
// the quick fix for an unknown parameter, and a start the server refuses landing on the right field.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, control } from '../support/hostSupport';

/** Polls `read` until `accept` holds (diagnostics arrive after a debounce and a request). */
async function waitFor<T>(what: string, read: () => T, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!accept(value)) {
    if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Sequentum');
}

function textOf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  return document.getText(diagnostic.range);
}

suite('diagnostics in a real VS Code', () => {
  let folder: vscode.Uri;
  let agentId: number;

  suiteSetup(async () => {
    await activate();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the host tests need a workspace folder');
    folder = vscode.Uri.joinPath(root, `diagnostics-${Date.now().toString(36)}`);
    await vscode.workspace.fs.createDirectory(folder);
    agentId = (await control<{ id: number }>('addAgent', { name: 'Host diagnostics agent', inputParameters: { url: '', region: 'eu' }, isExclusive: false })).id;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  async function openRunConfig(name: string, runs: unknown[]): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ runs }, null, 2)));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  test('an unknown agent id and an undeclared parameter are marked while editing; the quick fix removes the parameter', async () => {
    const document = await openRunConfig('edit.sequentum.json', [
      { name: 'Good', agentId, inputParameters: { url: 'https://example.com', bogus: 'x' } },
      { name: 'Ghost', agentId: 987654 },
    ]);
    const diagnostics = await waitFor('edit-time diagnostics', () => ours(document.uri), (d) => d.length >= 2);
    const ghost = diagnostics.find((d) => d.message === 'Agent 987654 was not found');
    assert.ok(ghost, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(ghost.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(textOf(document, ghost), '987654');
    const bogus = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Warning);
    assert.ok(bogus);
    assert.equal(textOf(document, bogus), 'bogus');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, bogus.range);
    const remove = actions.find((a) => a.title === 'Remove input parameter "bogus"');
    assert.ok(remove?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.ok(!document.getText().includes('bogus'));
    await waitFor('the warning to go', () => ours(document.uri), (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Warning));
    const ghostNow = ours(document.uri).find((d) => d.message === 'Agent 987654 was not found');
    assert.ok(ghostNow);
    assert.equal(textOf(document, ghostNow), '987654', 'the diagnostic followed the edit above it');
    const pick = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, ghostNow.range)).find(
      (a) => a.title === 'Pick another agent…',
    );
    assert.ok(pick?.command, 'the unknown agent offers "Pick another agent…"');
  });

  test('a start the server refuses with validation errors lands on the field; editing the field removes it', async () => {
    const document = await openRunConfig('start.sequentum.json', [{ name: 'Refused', agentId, inputParameters: { url: 'not a url' } }]);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const start = lenses.find((l) => l.command?.title.includes('Start run'));
    assert.ok(start?.command, JSON.stringify(lenses.map((l) => l.command?.title)));
    await vscode.commands.executeCommand(start.command.command, ...((start.command.arguments ?? []) as unknown[]));

    const [refused] = await waitFor('the refusal on the url value', () => ours(document.uri), (d) => d.some((x) => textOf(document, x) === '"not a url"'));
    const onUrl = ours(document.uri).find((x) => textOf(document, x) === '"not a url"') ?? refused;
    assert.equal(onUrl.severity, vscode.DiagnosticSeverity.Error);
    assert.match(onUrl.message, /url/i);
    assert.ok(onUrl.code !== undefined);

    const editor = await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('not a url');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 9)), 'https://example.com'));
    await waitFor('the refusal to go after the edit', () => ours(document.uri), (d) => !d.some((x) => /url/i.test(x.message)));
  });

  test('a 503 on start (after reconciliation found no run) is a warning on the name; the next successful start clears it', async () => {
    const document = await openRunConfig('busy.sequentum.json', [{ name: 'Flaky', agentId, inputParameters: { url: 'https://example.com' } }]);
    await control('setFault', { route: 'POST /agent/{id}/start', kind: 'status', status: 503, times: 1 });
    const startLens = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const start = lenses.find((l) => l.command?.title.includes('Start run'));
      assert.ok(start?.command, JSON.stringify(lenses.map((l) => l.command?.title)));
      return start.command;
    };
    const first = await startLens();
    await vscode.commands.executeCommand(first.command, ...((first.arguments ?? []) as unknown[]));
    const [warning] = await waitFor('a warning on the name', () => ours(document.uri).filter((d) => textOf(document, d) === '"Flaky"'), (d) => d.length > 0);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    const second = await startLens();
    await vscode.commands.executeCommand(second.command, ...((second.arguments ?? []) as unknown[]));
    await waitFor('the warning to go after a successful start', () => ours(document.uri), (d) => d.length === 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(lenses.some((l) => l.command?.title.includes('Stop')), 'the in-flight run gets a Stop lens');
  });

  test('a refused start of an unknown agent marks its agentId with a docs link, survives closing, and goes with the file', async () => {
    const document = await openRunConfig('gone.sequentum.json', [{ name: 'Missing', agentId: 876543 }]);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const start = lenses.find((l) => l.command?.title.includes('Start run'));
    assert.ok(start?.command);
    await vscode.commands.executeCommand(start.command.command, ...((start.command.arguments ?? []) as unknown[]));
    // The server's diagnostic (unlike the edit-time one) links to the problem type's docs.
    const fromServer = (d: vscode.Diagnostic) => typeof d.code === 'object' && d.code.target.toString().startsWith('https://docs.sequentum.com/errors/');
    const [server] = await waitFor('the server problem on the agent id', () => ours(document.uri).filter(fromServer), (d) => d.length > 0);
    assert.equal(textOf(document, server), '876543');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(ours(document.uri).some(fromServer), 'the server problem survives closing the file');
    await vscode.workspace.fs.delete(document.uri);
    await waitFor('the diagnostics to go with the file', () => ours(document.uri), (d) => d.length === 0);
  });

  test('files other than run-configs leave no state behind in the diagnostics (opened, edited, shown, closed)', async () => {
    const api = await activate();
    const plain: string[] = [];
    for (let i = 0; i < 12; i++) {
      const uri = vscode.Uri.joinPath(folder, `notes-${i}.txt`);
      plain.push(uri.toString());
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`plain text ${i}\n`.repeat(200)));
      const document = await vscode.workspace.openTextDocument(uri);
      if (i % 3 === 0) await vscode.window.showTextDocument(document);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), 'edited ');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await document.save();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // After the debounce every scheduled check has run: no timer, text or result is kept for them.
    const ofPlainFiles = () => api.diagnosticsTrackedDocuments().filter((uri) => plain.includes(uri));
    await waitFor('the diagnostics to hold nothing for plain files', ofPlainFiles, (tracked) => tracked.length === 0, 5_000);
  });
});
