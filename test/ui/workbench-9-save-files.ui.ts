// Save Output File As… and Download All Output Files through the real dialogs of the workbench (in a
// browser VS Code shows its own file dialog, a quick input with the path): the commands from the
// palette, the dialogs answered as a person would, the files on disk.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { clearToasts, freshWorkbench } from '../support/uiWorkbench';

const SPACE = 'Saved Outputs';
const AGENT = 'Invoice Exporter';
const BATCH_AGENT = 'Order Batch Exporter';
const QUICK_INPUT = '.quick-input-widget';

/** Answers the palette's agent pick and then its run pick (the newest run). */
async function pickAgentAndRun(ui: UiContext, runId: number, agent = AGENT): Promise<void> {
  const { page } = ui;
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.fill(agent);
  await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(agent)}]`).first().waitFor({ state: 'visible' });
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

/**
 * Types a path into the workbench's file dialog the way a person does: once the dialog is done
 * reading its first folder, and again when the dialog put its own path back over ours — it did in a
 * solo run (the value never became ours in 20 s; Download All then waited on a dialog that was
 * never answered, which is how it "never ran" in earlier runs).
 */
async function typePath(ui: UiContext, path: string): Promise<void> {
  const { page } = ui;
  const input = page.locator(`${QUICK_INPUT} input`);
  for (let attempt = 1; ; attempt++) {
    await page.locator(`${QUICK_INPUT} .quick-input-progress`).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await input.fill(path);
    // Ours, and still ours a moment later (the dialog did not replace it as it finished reading).
    const kept = await page
      .waitForFunction((wanted: string) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value === wanted, path, { timeout: 5_000 })
      .then(() => page.waitForTimeout(500))
      .then(async () => (await input.inputValue()) === path)
      .catch(() => false);
    if (kept) return;
    if (attempt === 3) throw new Error(`the file dialog did not keep the typed path ${path} (it shows ${await input.inputValue()})`);
    console.log(`    note: the file dialog replaced the typed path (attempt ${attempt}); typing it again`);
  }
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

    },
  },
  {
    name: 'Download All Output Files from the palette: agent, run, the workbench’s folder dialog, every file on disk',
    async run(ui) {
      const { page } = ui;
      const agent = await ui.control<{ id: number }>('addAgent', { name: BATCH_AGENT, spaceId: null });
      const run = await ui.control<{ id: number }>('addRun', agent.id, { status: 10 });
      await ui.control('addFile', agent.id, run.id, { name: 'orders.csv', kind: 'csv', content: 'id,total\n1,9.50\n' });
      await ui.control('addFile', agent.id, run.id, { name: 'summary.json', kind: 'json', content: '{"orders":1}\n' });
      await freshWorkbench(ui);
      const folder = join(ui.workspaceDir, 'run-downloads');
      mkdirSync(folder, { recursive: true });

      await ui.runCommandToPick('Sequentum: Download All Output Files');
      await pickAgentAndRun(ui, run.id, BATCH_AGENT);
      await fileDialog(ui, /\/$/);
      await typePath(ui, `${folder}/`);
      await acceptDialog(ui);
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
      // The simulator gives a finished run its own output files too: ours are two of them.
      await ui.waitForNotice(new RegExp(`Saved the \\d+ files of run #${run.id} `));
      const files = readdirSync(folder);
      assert.ok(files.includes('orders.csv') && files.includes('summary.json'), JSON.stringify(files));
      assert.equal(readFileSync(join(folder, 'orders.csv'), 'utf8'), 'id,total\n1,9.50\n');
      await clearToasts(ui);
    },
  },
];
