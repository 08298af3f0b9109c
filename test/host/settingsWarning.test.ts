// A bad value in a window-scoped setting (a workspace's settings.json anyone may have written) is
// replaced by the default with one warning (issue 10 §3), in a real VS Code: the warning reaches the
// notification area through the notification sink — the value's link syntax forms no link — and
// the same bad value is not warned about again when the settings are read again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShownPrompt } from '../../src/platform/vscodeUserInterface';
import { linkedTextLinks } from '../support/vscodeGrammar';
import { activate, until } from '../support/hostSupport';

type Notification = Extract<ShownPrompt, { kind: 'notification' }>;

const HOSTILE_VALUE = '[Clear key](command:sequentum.clearApiKey)';

suite('settings warning in a real VS Code: a bad value → the default and one warning', () => {
  const config = () => vscode.workspace.getConfiguration('sequentum');
  const warnings: Notification[] = [];
  let subscription: vscode.Disposable | undefined;
  const about = (key: string) => warnings.filter((shown) => shown.message.includes(`sequentum.${key} has an invalid value`));

  suiteSetup(async () => {
    const api = await activate();
    subscription = api.onDidShowPrompt((prompt) => {
      if (prompt.kind === 'notification' && prompt.severity === 'warning') warnings.push(prompt);
    });
  });

  suiteTeardown(async () => {
    subscription?.dispose();
    for (const key of ['polling.backgroundShare', 'polling.intervalSeconds', 'notifications.runFinished']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('a string where a number belongs: one warning naming the setting and the default, its link syntax shown as text', async () => {
    await config().update('polling.backgroundShare', HOSTILE_VALUE, vscode.ConfigurationTarget.Global);
    await until('the warning about polling.backgroundShare', () => about('polling.backgroundShare').length > 0);
    const [warning] = about('polling.backgroundShare');
    assert.match(warning.message, /^Setting sequentum\.polling\.backgroundShare has an invalid value \(.*\); using 0\.2\.$/);
    assert.deepEqual(linkedTextLinks(warning.message), [], `the warning forms a link: ${warning.message}`);
    assert.ok(warning.message.includes('Clear key'), 'the value is shown (as text)');
  });

  test('settings read again (another setting changed): the same bad value is not warned about twice', async () => {
    const before = about('polling.backgroundShare').length;
    assert.equal(before, 1);
    // Each change makes the extension read every setting again, synchronously in the change event:
    // a repeated warning about the first value would arrive before the warning about the second.
    await config().update('polling.intervalSeconds', 7, vscode.ConfigurationTarget.Global);
    await config().update('notifications.runFinished', 'sometimes', vscode.ConfigurationTarget.Global);
    await until('the warning about notifications.runFinished', () => about('notifications.runFinished').length > 0);
    assert.equal(about('polling.backgroundShare').length, 1, 'polling.backgroundShare was warned about again');
    assert.match(about('notifications.runFinished')[0].message, /invalid value \("sometimes"\); using all\./);
  });
});
