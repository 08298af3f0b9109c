// Save Output File As… through the real dialogs of the workbench (in a
// browser VS Code shows its own file dialog, a quick input with the path): the commands from the
// palette, the dialogs answered as a person would, the files on disk.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { clearToasts, freshWorkbench } from '../support/uiWorkbench';

const SPACE = 'Saved Outputs';
const AGENT = 'Invoice Exporter';
const QUICK_INPUT = '.quick-input-widget';

/** Answers the palette's agent pick and then its run pick (the newest run). */
async function pickAgentAndRun(ui: UiContext, runId: number): Promise<void> {
  const { page } = ui;
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.fill(AGENT);
  await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(AGENT)}]`).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `#${runId}` }).first().waitFor({ state: 'visible' });
  await input.fill(`#${runId}`);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `#${runId}` }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Waits for VS Code's file dialog: a quick input whose value is a path. */
async function fileDialog(ui: UiContext, pathEnd: RegExp): Promise<void> {
  await ui.page.waitForFunction(
    (pattern: string) => {
      const input = document.querySelector<HTMLInputElement>('.quick-input-widget input');
      return input !== null && input.offsetParent !== null && new RegExp(pattern).test(input.value);
    },
    pathEnd.source,
    { timeout: 20_000 },
  );
}

/** The dialog's OK button (its label is the workbench's, not ours, in a browser). */
async function acceptDialog(ui: UiContext): Promise<void> {
  await ui.page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: /^(OK|Save|Save Here)$/ }).first().click();
}

export const checks: UiCheck[] = [
  {
    name: 'Save Output File As…: the workbench’s own pick and save dialog, the file on disk',
    async run(ui) {
      const { page } = ui;
      const space = await ui.control<{ id: number }>('addSpace', { name: SPACE });
      const agent = await ui.control<{ id: number }>('addAgent', { name: AGENT, spaceId: space.id });
      const run = await ui.control<{ id: number }>('addRun', agent.id, { status: 10 });
      await ui.control('addFile', agent.id, run.id, { name: 'invoices.xml', kind: 'csv', content: '<invoices count="2"/>\n' });
      await freshWorkbench(ui);

      // Save As: agent → run → file, then the save dialog proposes <workspace>/invoices.xml.
      await ui.runCommandToPick('Sequentum: Save Output File As…');
      await pickAgentAndRun(ui, run.id);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'invoices.xml' }).first().waitFor({ state: 'visible' });
      await page.locator(`${QUICK_INPUT} input`).fill('invoices.xml');
      await page.keyboard.press('Enter');
      await fileDialog(ui, /invoices\.xml$/);
      await acceptDialog(ui);
      // The user is told: as a toast, or in the notification center (see waitForNotice).
      await ui.waitForNotice(/Saved invoices\.xml \(22 B\)\./);
      const saved = join(ui.workspaceDir, 'invoices.xml');
      assert.ok(existsSync(saved), `${saved} exists`);
      assert.equal(readFileSync(saved, 'utf8'), '<invoices count="2"/>\n');
      await clearToasts(ui);

      // Download All is not driven here: after its agent, run and folder steps it never ran in 2 of 6
      // runs (the CI clone run at e5b96b0 and a solo run: no log line, no progress, no notice) and ran
      // ~20 s late in 3 (cause not found). It is covered in a real VS Code by the host tier (runFiles:
      // a run row's every file into the chosen folder; for an agent, the run asked; a dismissed dialog).
    },
  },
];
