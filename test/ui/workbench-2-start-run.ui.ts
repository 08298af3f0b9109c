// Starting a run from the Command Palette as a person does it: F1 → "Sequentum: Start Run" → pick
// the agent → Edit options… (every start option, input parameters prefilled) → Start → the run shows in flight in the tree and in
// the status bar → it finishes (the simulator's clock is moved on) → the finish notification.
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';
import { ariaLabelOf, clearToasts, expand, freshWorkbench, iconOf, settled, treeRow, treeRowsAt } from '../support/uiWorkbench';

/** Never ran in the demo seed, and its runs fail: the finish notification offers "Why Did It Fail?". */
const AGENT = 'Best Buy Open-Box Monitor';
const QUICK_INPUT = '.quick-input-widget';

export const checks: UiCheck[] = [
  {
    name: '"Sequentum: Start Run" from the palette: agent quick pick, the start options list, run in flight in tree and status bar, finish toast with its actions',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      // Realistic run length (one to three minutes) so the run is still in flight while we look.
      await ui.control('setTimeScale', 1);
      try {
        await expand(treeRow(page, 1, 'Retail Pricing'));
        await expand(treeRow(page, 2, AGENT));
        await treeRow(page, 3, 'No runs yet').waitFor({ state: 'visible' });

        await ui.runCommand('Sequentum: Start Run');
        const input = page.locator(`${QUICK_INPUT} input`);
        await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
        await input.fill('best buy');
        const pick = page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(AGENT)}]`).first();
        await pick.waitFor({ state: 'visible' });
        assert.equal(await page.locator(`${QUICK_INPUT} .monaco-list-row`).count(), 1, 'typing filters the agents');
        await settled(page.locator(QUICK_INPUT));
        const widget = await page.locator(QUICK_INPUT).boundingBox();
        assert.ok(widget);
        await ui.screenshot('start-run-pick', { readme: true, crop: around(widget, 12) });
        await page.keyboard.press('Enter');

        // Start with these options / Edit options…; the options list shows every start option with its
        // value, the input parameters prefilled from the agent's declared ones.
        await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `Start ${AGENT}` }).waitFor({ state: 'visible' });
        await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Edit options…' }).click();
        // The list's own rows (the question before it also mentions "Input parameters").
        await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Parallel max concurrency' }).first().waitFor({ state: 'visible' });
        const parameters = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Input parameters' }).first();
        assert.match(await parameters.innerText(), /"storeId":"1118"/);
        await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Exclusive' }).first().waitFor({ state: 'visible' });
        await page.mouse.move(1000, 700); // no hover over a row in the screenshot
        await settled(page.locator(QUICK_INPUT));
        const list = await page.locator(QUICK_INPUT).boundingBox();
        assert.ok(list);
        await ui.screenshot('start-run-options', { readme: true, crop: around(list, 12) });
        await page.keyboard.press('Enter'); // "Start", the first entry
        await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });

        // In flight: a spinning (or queued) run under the agent, and the status bar counts it.
        const run = treeRowsAt(page, 3).first();
        await page.waitForFunction(() => {
          const row = document.querySelector('.part.sidebar .monaco-list-row[aria-level="3"]');
          return /Starting…|queuing|starting|running/.test(row?.getAttribute('aria-label') ?? '');
        });
        assert.match(await ariaLabelOf(run), /Starting…|queuing|starting|running/);
        assert.ok(['sync~spin', 'clock'].includes(await iconOf(run)), `in-flight icon, got ${await iconOf(run)}`);
        const statusItem = page.locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-sync') }).filter({ hasText: /1 · \d+\/100/ }).first();
        await statusItem.waitFor({ state: 'visible' });
        await page.mouse.move(900, 600);
        await ui.screenshot('run-in-flight', { readme: true, crop: { x: 0, y: 30, width: 640, height: 770 } });

        // The run ends: move the simulator's clock past its length; the poller notices.
        await clearToasts(ui); // "Started …", so the finish toast shows expanded with its buttons
        await ui.control('advanceClock', 400_000);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${escapeRegExp(AGENT)}: run #\\d+ failed`) }).first();
        await toast.waitFor({ state: 'visible', timeout: 60_000 });
        for (const action of ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard']) {
          await toast.locator('.monaco-button', { hasText: action }).waitFor({ state: 'visible' });
        }
        const buttons = await toast.locator('.monaco-button').allInnerTexts();
        assert.deepEqual(buttons.map((b) => b.trim()), ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard']);
        await settled(toast);
        await treeRowsAt(page, 3).first().and(page.locator('[aria-label*="failure"]')).waitFor({ state: 'visible' });
        assert.equal(await iconOf(treeRowsAt(page, 3).first()), 'error');
        await statusItem.waitFor({ state: 'hidden' });
        // The agent's last status follows its newest run.
        await treeRow(page, 2, `${AGENT} failure`).waitFor({ state: 'visible' });
        assert.equal(await iconOf(treeRow(page, 2, AGENT)), 'error');
        const toastBox = await toast.boundingBox();
        assert.ok(toastBox);
        await ui.screenshot('run-finished', { readme: true, crop: around(toastBox, 8) });
      } finally {
        await ui.control('setTimeScale', 100);
      }
      await clearToasts(ui);
    },
  },
  {
    name: 'a slow agent list: the Start Run pick is open at once, busy with "Reading agents…", typed text kept; the agents come into it',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      // The agents' read takes 6 s (the simulator waits, then answers) for the next few reads.
      const fault = await ui.control<number>('setFault', { route: 'GET agent/all', kind: 'latency', latencyMs: 6000, times: 3 });
      try {
        await ui.runCommand('Sequentum: Start Run');
        const input = page.locator(`${QUICK_INPUT} input[placeholder="Reading agents…"]`);
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        assert.equal(await page.locator(`${QUICK_INPUT} .monaco-list-row`).count(), 0, 'no rows before the agents are read');
        assert.ok(await page.locator(`${QUICK_INPUT} .quick-input-progress`).isVisible(), 'the pick shows it is busy');
        const widget = await page.locator(QUICK_INPUT).boundingBox();
        assert.ok(widget);
        await ui.screenshot('start-run-pick-loading', { crop: around(widget, 12) });
        await input.pressSequentially('best buy');
        assert.equal(await page.locator(`${QUICK_INPUT} .monaco-list-row`).count(), 0, 'typed while the agents were still being read');
        // The agents come into the same pick, filtered by what was typed while they loaded.
        const row = page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(AGENT)}]`).first();
        await row.waitFor({ state: 'visible', timeout: 20_000 });
        assert.equal(await page.locator(`${QUICK_INPUT} input`).inputValue(), 'best buy');
        assert.equal(await page.locator(`${QUICK_INPUT} .monaco-list-row`).count(), 1);
        assert.match((await page.locator(`${QUICK_INPUT} input`).getAttribute('placeholder')) ?? '', /^Agent to start \(type to search/);
        await page.keyboard.press('Escape');
        await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      } finally {
        await ui.control('removeFault', fault);
      }
    },
  },
];

/** The box plus a margin, kept inside the 1280 × 800 viewport. */
function around(box: { x: number; y: number; width: number; height: number }, margin: number) {
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  return { x, y, width: Math.min(1280 - x, box.width + 2 * margin), height: Math.min(800 - y, box.height + 2 * margin) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
