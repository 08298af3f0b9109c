// Credits and run health in the real workbench: the credits item in the status bar and its tooltip
// (this week's spending); a run that succeeds with far fewer records than its agent's history —
// the finish notification says it looks wrong, and the run's row in the tree has the warning icon
// and the line "1,234 records — usually ≈ 12,400".
import * as assert from 'node:assert/strict';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { ariaLabelOf, clearToasts, expand, freshWorkbench, iconOf, settled, treeRow, treeRowsAt } from '../support/uiWorkbench';

const SPACE = 'Market Data';
const AGENT = 'Zillow Rent Tracker';
const QUICK_INPUT = '.quick-input-widget';
const CREDITS_ITEM = '.part.statusbar .statusbar-item:has(.codicon-credit-card)';

/** The box plus a margin, kept inside the 1280 × 800 viewport. */
function around(box: { x: number; y: number; width: number; height: number }, margin: number) {
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  return { x, y, width: Math.min(1280 - x, box.width + 2 * margin), height: Math.min(800 - y, box.height + 2 * margin) };
}

/**
 * A space with one agent that usually extracts about 12,400 records a day (20 days of history), on
 * weekends too: run health compares a weekend run with weekend runs, which the generator makes 0.7×
 * by default, so a check run on a Saturday or Sunday (UTC) read "usually ≈ 8,390".
 */
async function agentWithHistory(ui: UiContext): Promise<number> {
  const space = await ui.control<{ id: number }>('addSpace', { name: SPACE });
  const agent = await ui.control<{ id: number }>('addAgent', { name: AGENT, spaceId: space.id, behaviour: 'success', durationSec: 900 });
  await ui.control('addRunHistory', agent.id, { runs: 20, everyHours: 24, endHoursAgo: 20, seed: 21, weekendFactor: 1 });
  return agent.id;
}

export const checks: UiCheck[] = [
  {
    name: 'credits in the status bar: the available credits, this week in its tooltip, a click target for Show Spending',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      const item = page.locator(CREDITS_ITEM).first();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await item.innerText()).trim(), /^[\d,.]+$/, 'the item shows a number of credits next to its icon');
      await item.hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Sequentum credits' }).first();
      await hover.waitFor({ state: 'visible' });
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /Sequentum credits: [\d,.]+/);
      assert.match(text, /Spent this week: [\d,.]+/);
      assert.match(text, /Click for the spending by agent\./);
      await settled(hover);
      const itemBox = await item.boundingBox();
      const hoverBox = await hover.boundingBox();
      assert.ok(itemBox && hoverBox);
      const top = Math.min(itemBox.y, hoverBox.y);
      const left = Math.min(itemBox.x, hoverBox.x);
      const right = Math.max(itemBox.x + itemBox.width, hoverBox.x + hoverBox.width);
      await ui.screenshot('credits-status-bar', { readme: true, crop: around({ x: left, y: top, width: right - left, height: itemBox.y + itemBox.height - top }, 16) });
      await page.mouse.move(900, 400);
    },
  },
  {
    name: 'run health: a run with far fewer records than usual — the finish notification says it looks wrong, its row has the warning icon and the line',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      await agentWithHistory(ui);
      // The Agents view's Refresh All (its title action, shown while the pointer is over the header).
      await page.locator('.part.sidebar .pane-header', { hasText: 'Agents' }).first().hover();
      await page.locator('.part.sidebar .pane-header .actions .action-label[aria-label="Refresh All"]').click();
      await expand(treeRow(page, 1, SPACE));
      await expand(treeRow(page, 2, AGENT));
      // The tree lists the history (the book learns the usual range from it).
      await treeRowsAt(page, 3).nth(5).waitFor({ state: 'visible' });

      await ui.runCommand('Sequentum: Start Run');
      const input = page.locator(`${QUICK_INPUT} input`);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
      await input.fill('zillow rent');
      await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(AGENT)}]`).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `Start ${AGENT}` }).waitFor({ state: 'visible' });
      await page.keyboard.press('Enter'); // "Start", the first entry
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await clearToasts(ui); // "Started …", so the finish toast shows expanded with its buttons

      // A live run of this agent extracts 40–2,440 records: far below its usual ≈ 12,400.
      await ui.control('advanceClock', 900_000);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `${AGENT}: run #` }).filter({ hasText: 'looks wrong' }).first();
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await toast.innerText()).replace(/\s+/g, ' '), /run #\d+ finished \(Success\) but looks wrong: [\d,]+ records — usually ≈ 1\d,\d00\./);
      await toast.locator('.monaco-button', { hasText: 'Why Did It Fail?' }).waitFor({ state: 'visible' });
      assert.ok(await toast.locator('.codicon-warning, .codicon-notifications-warning').count() > 0, 'a warning, not an information');
      await settled(toast);
      const toastBox = await toast.boundingBox();
      assert.ok(toastBox);
      await ui.screenshot('run-unusual-notification', { readme: true, crop: around(toastBox, 8) });

      // The run's row: warning icon and the same line; the agent's row says it too.
      const flagged = page.locator(`.part.sidebar .monaco-list-row[aria-level="3"][aria-label*="usually ≈"]`).first();
      await flagged.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await ariaLabelOf(flagged), /success · [\d,]+ records — usually ≈ 1\d,\d00/);
      assert.equal(await iconOf(flagged), 'warning');
      const agentRow = treeRow(page, 2, AGENT);
      // The agent row takes the run's line a moment after the run row (CI clone run: still
      // "Starting…" when read at once; the screenshot a moment later showed the line).
      await page.locator(`.part.sidebar .monaco-list-row[aria-level="2"][aria-label*="usually ≈"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await ariaLabelOf(agentRow), /usually ≈ 1\d,\d00/);
      assert.equal(await iconOf(agentRow), 'warning');
      await clearToasts(ui);
      await page.mouse.move(900, 600);
      const spaceBox = await treeRow(page, 1, SPACE).boundingBox();
      assert.ok(spaceBox);
      await ui.screenshot('run-unusual-tree', { readme: true, crop: { x: 0, y: Math.max(0, spaceBox.y - 8), width: 640, height: Math.min(300, 800 - Math.max(0, spaceBox.y - 8)) } });
    },
  },
];
