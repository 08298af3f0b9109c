// Runs nobody started here, as a person sees them on the demo data (simulator/demoActivity.ts):
// the Upcoming view (next fires grouped by day; a click reveals the agent), the Recent Runs view
// (failures first, with their actions), and watching an agent — a star in the Agents view, and the
// run-finished notification when its scheduled run fails.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { ariaLabelOf, clearToasts, expand, freshWorkbench, iconOf, settled, treeRow, treeRowWith } from '../support/uiWorkbench';

/** Fails on every run, and its "Every 5 minutes" schedule fires on the simulator's clock. */
const SCHEDULED_FAILING = 'Stack Overflow Jobs Archive';
/** Its scheduled run failed three hours ago (agent 1012 in the demo seed). */
const LOOPNET = 'LoopNet Commercial Leases';
const LOOPNET_ID = 1012;

/** A view of the Sequentum container by its title ("Upcoming", "Recent Runs"). */
function pane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
}

async function setPaneExpanded(view: Locator, expanded: boolean): Promise<void> {
  const header = view.locator('.pane-header').first();
  await header.waitFor({ state: 'visible' });
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
  await view.locator(`.pane-header[aria-expanded="${expanded}"]`).waitFor({ state: 'visible' });
}

/** Runs a context-menu item of a row (Enter when a row re-render swallowed the click, as in the insights check). */
async function contextMenu(page: Page, row: Locator, item: string): Promise<void> {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: item }).first();
  await entry.waitFor({ state: 'visible' });
  await entry.click();
  if (!(await entry.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) await page.keyboard.press('Enter');
}

/** The view's header and its rows for a screenshot (not the empty space below them). */
async function paneCrop(view: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await view.boundingBox();
  const last = await view.locator('.monaco-list-row').last().boundingBox();
  assert.ok(box && last, 'the view and its rows are shown');
  const bottom = Math.min(box.y + box.height, last.y + last.height + 8, 800);
  return { x: box.x, y: Math.max(0, box.y - 4), width: box.width, height: bottom - box.y + 4 };
}

/** Back to the start: Agents open, the activity views closed (as the other checks expect the sidebar). */
async function closeActivityViews(ui: UiContext): Promise<void> {
  await setPaneExpanded(pane(ui.page, 'Agents'), true);
  await setPaneExpanded(pane(ui.page, 'Upcoming'), false);
  await setPaneExpanded(pane(ui.page, 'Recent Runs'), false);
}

export const checks: UiCheck[] = [
  {
    name: 'Upcoming: next fires grouped by day, a click reveals the agent; Recent Runs: failures first with Why Did It Fail?, Open Output File and Open in Dashboard',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui, 640);
      const agents = pane(page, 'Agents');
      try {
        // The Agents view closed, so the activity views get the sidebar's height for the screenshots.
        await setPaneExpanded(agents, false);
        const upcoming = pane(page, 'Upcoming');
        await setPaneExpanded(upcoming, true);
        const today = upcoming.locator('.monaco-list-row[aria-level="1"]').first();
        await today.waitFor({ state: 'visible' });
        // Tomorrow first when no fire is left today (the simulator's clock runs ~15 minutes ahead by now).
        assert.match(await ariaLabelOf(today), /^(Today|Tomorrow) \d+ runs?$/);
        assert.equal(await iconOf(today), 'calendar');
        const fire = upcoming.locator(`.monaco-list-row[aria-level="2"][aria-label*=${JSON.stringify(SCHEDULED_FAILING)}]`).first();
        await fire.waitFor({ state: 'visible' });
        assert.match(await ariaLabelOf(fire), new RegExp(`^\\d\\d:\\d\\d ${SCHEDULED_FAILING} Every 5 minutes · (in \\d+ minutes?|in 0 minutes|this minute|now)`));
        const times = (await upcoming.locator('.monaco-list-row[aria-level="2"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label'))))
          .map((label) => /^(\d\d:\d\d) /.exec(label ?? '')?.[1] ?? '');
        const firstDay = times.slice(0, Number(/(\d+) runs?$/.exec(await ariaLabelOf(today))?.[1] ?? 0));
        // Several fires today: the Upcoming source lists each schedule's next fire, so the second is
        // the hourly schedule's (':15'); asserted only while today has over 90 minutes left on the
        // workbench's clock (an hour, the simulator's lead of ~15 minutes and a retry's).
        const minutesLeftToday = await page.evaluate(() => {
          const now = new Date();
          return 24 * 60 - (now.getHours() * 60 + now.getMinutes());
        });
        if (minutesLeftToday > 90) assert.ok(firstDay.length > 1, `several fires today: ${JSON.stringify(times)}`);
        assert.deepEqual(firstDay, [...firstDay].sort(), 'soonest first');
        await page.mouse.move(1000, 700);
        await ui.screenshot('upcoming-view', { readme: true, crop: await paneCrop(upcoming) });

        // A click on a fire shows its agent in the Agents view, selected.
        await setPaneExpanded(agents, true);
        await fire.click();
        const agentRow = treeRow(page, 2, SCHEDULED_FAILING);
        await agentRow.and(page.locator('[aria-selected="true"]')).waitFor({ state: 'visible' });
        await setPaneExpanded(upcoming, false);

        // Runs the tree has listed join the account's failures: Zillow's scheduled success of 5 hours ago.
        await expand(treeRow(page, 1, 'Real Estate'));
        await expand(treeRow(page, 2, 'Zillow Listings – Austin'));
        await treeRowWith(page, 3, 'success · ').waitFor({ state: 'visible' });
        await setPaneExpanded(agents, false);

        const recent = pane(page, 'Recent Runs');
        await setPaneExpanded(recent, true);
        const rows = recent.locator('.monaco-list-row');
        await rows.first().waitFor({ state: 'visible' });
        assert.match(await ariaLabelOf(rows.first()), /^\d+ runs in the last 24 hours \d+ failed · /);
        const loopnet = recent.locator(`.monaco-list-row[aria-label^=${JSON.stringify(LOOPNET)}]`).first();
        await loopnet.waitFor({ state: 'visible' });
        assert.match(await ariaLabelOf(loopnet), /^LoopNet Commercial Leases failure · .+ · Real Estate · Timeout waiting for selector ".listing-card" after 30 s/);
        assert.equal(await iconOf(loopnet), 'error');
        const icons: string[] = [];
        for (let i = 1; i < (await rows.count()); i++) icons.push(await iconOf(rows.nth(i)));
        assert.ok(icons.includes('error') && icons.some((icon) => icon !== 'error'), `failed and other runs: ${JSON.stringify(icons)}`);
        assert.equal(icons.findIndex((icon) => icon !== 'error'), icons.lastIndexOf('error') + 1, `failures first: ${JSON.stringify(icons)}`);
        await loopnet.hover();
        for (const action of ['Why Did It Fail?', 'Open Output File']) await loopnet.locator(`.actions .action-label[aria-label=${JSON.stringify(action)}]`).waitFor({ state: 'visible' });
        await ui.screenshot('recent-runs-view', { readme: true, crop: await paneCrop(recent) });

        // Open in Dashboard from the row's menu: the run's dashboard page (on the simulator's loopback
        // origin, which VS Code trusts: a new browser page; another origin would ask first).
        await loopnet.click({ button: 'right' });
        for (const item of ['Why Did It Fail?', 'Open Output File', 'Open in Dashboard']) await page.locator('.context-view .action-item', { hasText: item }).first().waitFor({ state: 'visible' });
        await page.keyboard.press('Escape');
        const dashboard = new RegExp(`/agents/${LOOPNET_ID}/runs/\\d+$`);
        const dialog = page.locator('.monaco-dialog-box').first();
        // A row re-rendered under the click (the watcher's answer arrives) can swallow the menu's
        // click; then nothing opens, and the menu is used again (up to 3 times).
        let opened: Page | 'dialog' | undefined;
        for (let attempt = 1; attempt <= 3 && !opened; attempt++) {
          const popup = page.context().waitForEvent('page', { timeout: 10_000 }).then((shown) => shown, () => undefined);
          const asked = dialog.waitFor({ state: 'visible', timeout: 10_000 }).then(() => 'dialog' as const, () => undefined);
          await contextMenu(page, loopnet, 'Open in Dashboard');
          opened = await Promise.race([popup, asked]);
        }
        if (opened === 'dialog') {
          assert.match(await dialog.innerText(), new RegExp(dashboard.source.replace('$', '')));
          await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
          await dialog.waitFor({ state: 'hidden' });
        } else {
          assert.ok(opened, 'Open in Dashboard opened nothing');
          await opened.waitForURL(dashboard, { timeout: 10_000 });
        }
        for (const extra of page.context().pages()) if (extra !== page) await extra.close();
      } finally {
        await page.keyboard.press('Escape');
        await closeActivityViews(ui);
      }
    },
  },
  {
    name: 'Watch Agent: a star in the Agents view; its run fired by a schedule fails → the run-finished notification with its actions',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      await expand(treeRow(page, 1, 'Jobs & Talent'));
      const agent = treeRow(page, 2, SCHEDULED_FAILING);
      await agent.waitFor({ state: 'visible' });
      await contextMenu(page, agent, 'Watch Agent');
      try {
        const starred = treeRowWith(page, 2, `${SCHEDULED_FAILING} ★ watched · `);
        await starred.waitFor({ state: 'visible' });
        await page.locator('.notifications-toasts .notification-toast', { hasText: `Watching ${SCHEDULED_FAILING}` }).first().waitFor({ state: 'visible' });
        await clearToasts(ui);
        await page.locator('.part.editor').click({ position: { x: 300, y: 300 } }); // no row focus ring
        const box = await starred.boundingBox();
        assert.ok(box);
        await ui.screenshot('watched-agent', { readme: true, crop: { x: 0, y: 30, width: 572, height: Math.min(770, box.y + box.height + 110 - 30) } });

        // Five minutes pass on the simulator: the schedule fires, the run fails. Recent Runs' Refresh
        // button polls at once (the watcher would within its interval). Not from the palette: a
        // recently used "Sequentum: Refresh Recent Runs" is listed above "Sequentum: Refresh".
        await ui.control('advanceClock', 300_000);
        const recent = pane(page, 'Recent Runs');
        await setPaneExpanded(recent, true);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`${SCHEDULED_FAILING}: run #\\d+ failed`) }).first();
        for (let attempt = 1; !(await toast.isVisible()); attempt++) {
          assert.ok(attempt <= 10, 'no notification after 10 polls');
          await recent.locator('.pane-header').hover();
          await recent.locator('.pane-header .action-label[aria-label^="Refresh Recent Runs"]').click();
          await toast.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
        }
        const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((text) => text.trim());
        assert.deepEqual(buttons, ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard']);
        await settled(toast);
        const toastBox = await toast.boundingBox();
        assert.ok(toastBox);
        await ui.screenshot('watched-run-failed', { readme: true, crop: { x: Math.max(0, toastBox.x - 8), y: Math.max(0, toastBox.y - 8), width: Math.min(1280 - toastBox.x + 8, toastBox.width + 16), height: toastBox.height + 16 } });
      } finally {
        await clearToasts(ui);
        await closeActivityViews(ui);
        await contextMenu(page, treeRow(page, 2, SCHEDULED_FAILING), 'Unwatch Agent');
        await treeRowWith(page, 2, '★ watched').waitFor({ state: 'hidden' });
        await clearToasts(ui);
      }
    },
  },
];
