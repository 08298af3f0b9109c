// What every host test needs: the extension (activated, with its API) and the simulator's control
// API over HTTP (the simulator runs in the runner's process, not in the extension host).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { ShownPrompt } from '../../src/platform/vscodeUserInterface';

export const EXTENSION_ID = 'sequentum-tools.sequentum-vscode';

/** Calls `${SEQUENTUM_SIM_CONTROL_URL}/<op>` with `args` and returns its JSON answer. */
export async function control<T>(op: string, ...args: unknown[]): Promise<T> {
  const base = process.env.SEQUENTUM_SIM_CONTROL_URL;
  assert.ok(base, 'SEQUENTUM_SIM_CONTROL_URL is not set');
  const response = await fetch(`${base}/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const text = await response.text();
  assert.equal(response.status, 200, `control ${op} failed: ${text}`);
  return JSON.parse(text) as T;
}

/** The extension under test; fails the test when VS Code did not load it. */
export function extension(): vscode.Extension<SequentumExtensionApi> {
  const found = vscode.extensions.getExtension<SequentumExtensionApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

/** Activates the extension (once) and returns its API. */
export function activate(): Thenable<SequentumExtensionApi> {
  return extension().activate();
}

/** Polls `check` every 100 ms until it holds; fails the test after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The next prompt of `kind` the extension shows, once it can take an answer; fails after `timeoutMs`. */
export function nextPrompt<K extends ShownPrompt['kind']>(api: SequentumExtensionApi, kind: K, timeoutMs = 20_000): Promise<Extract<ShownPrompt, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no ${kind} prompt within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.onDidShowPrompt((prompt) => {
      if (prompt.kind !== kind) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(prompt as Extract<ShownPrompt, { kind: K }>);
    });
  });
}
