// An agent's versions as rows in the Agents view (number, author, date, comment; the current one
// marked), Restore Version… from a version row's context menu (the tree shows the new version), and
// Run Again from a failed run's finish notification.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { UiCheck } from '../support/uiFramework';
import { ariaLabelOf, clearToasts, expand, freshWorkbench, settled, treeRow, treeRowsAt } from '../support/uiWorkbench';

const SPACE = 'Version History';
const AGENT = 'Catalog Crawler';
const FAILING = 'Coupon Checker';
const QUICK_INPUT = '.quick-input-widget';

/** Right-click `row` and run the menu item `title` (Enter when a re-render swallowed the click). */
async function runFromContextMenu(page: Page, row: ReturnType<typeof treeRow>, title: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: title }).first();
  await item.waitFor({ state: 'visible' });
  await item.click();
  if (!(await item.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) await page.keyboard.press('Enter');
}

export const checks: UiCheck[] = [
  {
    name: "versions as rows under an agent: number, author, date, comment, the current one marked; Restore Version… from a row's context menu adds the new version to the tree",
    async run(ui) {
      const { page } = ui;
      const space = await ui.control<{ id: number }>('addSpace', { name: SPACE });
      const agent = await ui.control<{ id: number }>('addAgent', { name: AGENT, spaceId: space.id, version: 4 });
      await ui.control('addRun', agent.id, { status: 10, configVersion: 2, dataCount: 1840 });
      await freshWorkbench(ui);
      await ui.runCommand('Sequentum: Refresh');
      await expand(treeRow(page, 1, SPACE));
      await expand(treeRow(page, 2, AGENT));
      // The run says it used an older version; the Versions row comes after the runs.
      await treeRowsAt(page, 3).first().and(page.locator('[aria-label*="v2 (older)"]')).waitFor({ state: 'visible' });
      const versions = treeRow(page, 3, 'Versions');
      await expand(versions);
      for (const version of [4, 3, 2, 1]) await treeRow(page, 4, `Version ${version} `).waitFor({ state: 'visible' });
      assert.match(await ariaLabelOf(treeRow(page, 4, 'Version 4 ')), /^Version 4 current · .+ · .+/);
      await page.locator('.part.editor').click({ position: { x: 300, y: 300 } }); // no row focus ring
      await page.mouse.move(1000, 700);
      await ui.screenshot('versions-rows', { readme: true, crop: { x: 0, y: 30, width: 640, height: 360 } });

      await runFromContextMenu(page, treeRow(page, 4, 'Version 2 '), 'Restore Version…');
      const input = page.locator(`${QUICK_INPUT} input`);
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `Restore version 2 of ${AGENT}` }).waitFor({ state: 'visible' });
      await input.fill('Back to the working selectors');
      await page.keyboard.press('Enter');
      const restored = treeRow(page, 4, 'Version 5 ');
      await restored.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await ariaLabelOf(restored), /^Version 5 current · .+ · Back to the working selectors/);
      assert.doesNotMatch(await ariaLabelOf(treeRow(page, 4, 'Version 4 ')), /current/);
      await clearToasts(ui);
    },
  },
  {
    name: 'Run Again from a failed run\'s finish notification starts the agent again (a second run under it)',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      await ui.control('addAgent', { name: FAILING, spaceId: null, behaviour: 'failure', failureMessage: 'Selector .coupon-code not found', durationSec: 60 });
      await ui.control('setTimeScale', 1);
      try {
        await ui.runCommand('Sequentum: Refresh');
        await ui.runCommand('Sequentum: Start Run');
        const input = page.locator(`${QUICK_INPUT} input`);
        await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
        await input.fill(FAILING);
        await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(FAILING)}]`).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
        await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Start with these options' }).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Enter');
        await page.locator('.notifications-toasts .notification-toast', { hasText: `Started ${FAILING}` }).first().waitFor({ state: 'visible' });
        await clearToasts(ui);

        await ui.control('advanceClock', 400_000);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${FAILING}: run #\\d+ failed`) }).first();
        await toast.waitFor({ state: 'visible', timeout: 60_000 });
        const runAgain = toast.locator('.monaco-button', { hasText: 'Run Again' });
        await runAgain.waitFor({ state: 'visible' });
        await settled(toast);
        const box = await toast.boundingBox();
        assert.ok(box);
        await ui.screenshot('run-again-notification', { readme: true, crop: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: Math.min(1280 - box.x + 8, box.width + 16), height: box.height + 16 } });
        // A click on a toast that is still being laid out can be lost (the toast stays, nothing runs):
        // click again while it is still there (seen once).
        for (let attempt = 0; attempt < 3 && (await toast.isVisible()); attempt++) {
          await runAgain.click();
          await toast.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        }
        // The second run under the agent (its "Started" toast can be gone already: a failing run of this
        // agent may end, and notify, within seconds).
        await expand(treeRow(page, 1, 'Personal'));
        await expand(treeRow(page, 2, FAILING));
        await page.waitForFunction(() => document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="3"]').length >= 3, undefined, { timeout: 30_000 }); // two runs and Versions
        assert.match(await ariaLabelOf(treeRowsAt(page, 3).last()), /^Versions/);
      } finally {
        await ui.control('setTimeScale', 100);
      }
      await clearToasts(ui);
    },
  },
];
