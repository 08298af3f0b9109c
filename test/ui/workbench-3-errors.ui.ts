// Error states that name the real cause: the simulator rejects the key (401) or fails (503); a
// refresh shows an error node with the fitting action, keeps the spaces it had (marked stale), and
// the node's action brings the tree back.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { ariaLabelOf, collapseAll, freshWorkbench, iconOf, treeRow, treeRowsAt } from '../support/uiWorkbench';

const SPACES = ['Finance Research', 'Jobs & Talent', 'Real Estate', 'Retail Pricing', 'Travel & Hospitality', 'Personal'];
const SIDEBAR_TOP = { x: 0, y: 30, width: 572, height: 202 };

async function refreshView(ui: UiContext): Promise<void> {
  // With Upcoming and Recent Runs beside it, the Agents view's title actions sit in its pane header,
  // shown while the pointer is over it.
  await ui.page.locator('.part.sidebar .pane-header', { hasText: 'Agents' }).first().hover();
  await ui.page.locator('.part.sidebar .pane-header .actions .action-label[aria-label="Refresh All"]').click();
}

/** The inline action buttons a person sees when pointing at the row. */
async function inlineActions(row: Locator): Promise<string[]> {
  await row.hover();
  await row.locator('.actions .action-label').first().waitFor({ state: 'visible' });
  return row.locator('.actions .action-label').evaluateAll((labels) => labels.map((label) => label.getAttribute('aria-label') ?? ''));
}

async function spacesAfterError(ui: UiContext): Promise<string[]> {
  const labels = await treeRowsAt(ui.page, 1).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')?.trim() ?? ''));
  return labels.slice(1);
}

export const checks: UiCheck[] = [
  {
    name: 'a rejected key (401) shows "API key rejected (401)" with Set API Key, spaces kept as stale; setting a valid key brings the tree back',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      // A selected row must not narrow the title's Refresh to that row (VS Code passes the focused
      // item to view-title commands).
      await treeRow(page, 1, 'Personal').click();
      await collapseAll(page);
      await ui.control('revokeApiKey', ui.sim.apiKey);
      try {
        await refreshView(ui);
        const error = treeRow(page, 1, 'API key rejected (401)');
        await error.waitFor({ state: 'visible' });
        assert.equal(await ariaLabelOf(treeRowsAt(page, 1).first()), 'API key rejected (401) click to set the key, has actions', 'the error node comes first');
        assert.equal(await iconOf(error), 'key');
        await treeRow(page, 1, 'Personal stale — API key rejected').waitFor({ state: 'visible' });
        assert.deepEqual(await spacesAfterError(ui), SPACES.map((space) => `${space} stale — API key rejected`));
        assert.deepEqual(await inlineActions(error), ['Set API Key']);
        await ui.screenshot('error-node', { readme: true, crop: SIDEBAR_TOP });
      } finally {
        await ui.control('addApiKey', ui.sim.apiKey);
      }
      // The node's own action: a click asks for the key; a valid one brings the spaces back.
      await treeRow(page, 1, 'API key rejected (401)').click();
      await page.locator('.quick-input-widget input[type="password"]').waitFor({ state: 'visible' });
      await ui.answerQuickInput(ui.sim.apiKey);
      await treeRow(page, 1, 'API key rejected (401)').waitFor({ state: 'hidden' });
      await page.waitForFunction((count) => document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="1"][aria-label*="stale"]').length === count, 0);
      const spaces = await treeRowsAt(page, 1).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')?.trim()));
      assert.deepEqual(spaces, SPACES);
    },
  },
  {
    name: 'a server error (503) shows "Sequentum server error (503)" with Retry and Show Log; a retry once the server recovers brings the tree back',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      const fault = await ui.control<number>('setFault', { route: '*', kind: 'status', status: 503 });
      try {
        await refreshView(ui);
        const error = treeRow(page, 1, 'Sequentum server error (503)');
        // The client retries a 503 a few times before it gives up: allow for its backoff.
        await error.waitFor({ state: 'visible', timeout: 60_000 });
        assert.equal(await ariaLabelOf(error), 'Sequentum server error (503) click to retry, has actions');
        assert.equal(await iconOf(error), 'error');
        await treeRow(page, 1, 'Personal stale — server error 503').waitFor({ state: 'visible' });
        assert.deepEqual(await spacesAfterError(ui), SPACES.map((space) => `${space} stale — server error 503`));
        assert.deepEqual(await inlineActions(error), ['Refresh', 'Show Log']);
        await ui.screenshot('error-node-503', { crop: SIDEBAR_TOP });
      } finally {
        await ui.control('removeFault', fault);
      }
      await treeRow(page, 1, 'Sequentum server error (503)').click();
      await treeRow(page, 1, 'Sequentum server error (503)').waitFor({ state: 'hidden', timeout: 60_000 });
      await page.waitForFunction((count) => document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="1"][aria-label*="stale"]').length === count, 0);
      const spaces = await treeRowsAt(page, 1).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')?.trim()));
      assert.deepEqual(spaces, SPACES);
    },
  },
];
