// Server text never becomes a link: a failed run whose message (and whose agent's name) is a
// command link, and a refused start whose problem title and detail are links, reach the real
// notification toasts — and the DOM of those toasts holds no link (no <a>, no .monaco-link), only
// the text as the server sent it. The quick pick shows the agent's "$(warning)" as typed, no icon.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { clearToasts, freshWorkbench } from '../support/uiWorkbench';

const QUICK_INPUT = '.quick-input-widget';
/** Unique in the seed, so the palette's filter finds only this agent. */
const MARK = 'Zebrafinch';
const KILL_LINK = '[Open log](command:sequentum.killRun?%5B%7B%22agentId%22%3A1%2C%22runId%22%3A1%7D%5D)';
const AGENT_NAME = `${MARK} $(warning) [Kill it](command:workbench.action.terminal.new)`;
const FAILURE_MESSAGE = `${KILL_LINK} <a href="command:sequentum.clearApiKey">Clear key</a> [site](https://evil.example)`;

/**
 * The links in a toast's message, as a person could click them (VS Code renders a message link as
 * an <a> inside .notification-list-item-message; the toast's own buttons and toolbar are <a> too,
 * outside the message, and are ours).
 */
async function linksIn(toast: Locator): Promise<string[]> {
  return toast.locator('.notification-list-item-message').locator('a, .monaco-link').evaluateAll((nodes) => nodes.map((node) => node.outerHTML));
}

/** The toast whose message contains `text`. */
function toastWith(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** Starts the agent from the palette; checks on the way that its name draws no icon in the pick. */
async function startFromPalette(ui: UiContext): Promise<void> {
  const { page } = ui;
  await ui.runCommand('Sequentum: Start Run');
  const input = page.locator(`${QUICK_INPUT} input`);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
  await input.fill(MARK);
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: MARK }).first();
  await row.waitFor({ state: 'visible' });
  assert.equal(await row.locator('.codicon-warning').count(), 0, 'the agent name "$(warning)" is not an icon');
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /\$\(warning\)/, 'the name shows as typed');
  await page.keyboard.press('Enter');
  await startWithTheseOptions(page);
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
}

/** Answers the palette's "Start with these options / Edit options…" with the first. */
async function startWithTheseOptions(page: Page): Promise<void> {
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Start with these options' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

export const checks: UiCheck[] = [
  {
    name: 'a run that fails with "[Open log](command:sequentum.killRun?…)" as its message: the finish toast shows it as text, with no link',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      await ui.control('setTimeScale', 1);
      try {
        await ui.control('addAgent', { name: AGENT_NAME, spaceId: null, behaviour: 'failure', failureMessage: FAILURE_MESSAGE, durationSec: 60 });
        await startFromPalette(ui);
        const started = toastWith(page, /Started Zebrafinch/);
        await started.waitFor({ state: 'visible' });
        assert.deepEqual(await linksIn(started), [], 'the "Started …" toast (agent name inside) has no link');

        await clearToasts(ui);
        await ui.control('advanceClock', 400_000);
        const finished = toastWith(page, /failed: \[Open log\]/);
        await finished.waitFor({ state: 'visible', timeout: 60_000 });
        assert.deepEqual(await linksIn(finished), [], 'the finish toast has no link');
        const text = (await finished.locator('.notification-list-item-message').innerText()).replace(/\s+/g, ' ');
        assert.ok(text.includes('[Open log] (command:sequentum.killRun?'), `shown as text: ${text}`);
        assert.ok(text.includes('<a href="command:sequentum.clearApiKey">Clear key</a>'), `HTML shown as typed: ${text}`);
        await ui.screenshot('hostile-finish-toast');
      } finally {
        await ui.control('setTimeScale', 100);
      }
      await clearToasts(ui);
    },
  },
  {
    name: 'a refused start whose problem title and detail are links: the error toast shows them as text, with no link',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      const agent = await ui.control<{ id: number }>('addAgent', { name: `${MARK} refused`, spaceId: null, behaviour: 'success', durationSec: 60 });
      const problem = {
        type: 'https://docs.sequentum.com/problems/conflict',
        title: KILL_LINK,
        status: 409,
        detail: '[Reload](command:workbench.action.reloadWindow) and <img src=x onerror=alert(1)> [x](file:///etc/passwd)',
      };
      await ui.control('setHostileBodies', `POST agent/${agent.id}/start`, [{ status: 409, contentType: 'application/problem+json', body: JSON.stringify(problem) }]);
      await ui.runCommand('Sequentum: Start Run');
      const input = page.locator(`${QUICK_INPUT} input`);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
      await input.fill(`${MARK} refused`);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'refused' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await startWithTheseOptions(page);
      const toast = toastWith(page, /Could not start/);
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      assert.deepEqual(await linksIn(toast), [], 'the error toast has no link');
      const text = (await toast.locator('.notification-list-item-message').innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes('[Open log] (command:sequentum.killRun?'), `title shown as text: ${text}`);
      assert.ok(text.includes('[Reload] (command:workbench.action.reloadWindow)'), `detail shown as text: ${text}`);
      await ui.screenshot('hostile-error-toast');
      await clearToasts(ui);
    },
  },
];
