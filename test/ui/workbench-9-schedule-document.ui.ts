// A schedule as a person edits it: F1 → "Sequentum: Edit Schedule" → agent → schedule → the JSON
// document; hovering the CRON text shows it in words with the next five runs, and a CRON that
// cannot be read is squiggled while typing. Also: an agent's schedules in the Agents view, and a
// save the server refuses (422 naming a field) marked on that field with the server's words.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { TREE_ROWS, ariaLabelOf, expand, freshWorkbench, iconOf, settled, treeRow } from '../support/uiWorkbench';

const AGENT = 'Best Buy Open-Box Monitor';
const QUICK_INPUT = '.quick-input-widget';
const EDITOR = '.part.editor .monaco-editor';
const DAY_MS = 24 * 60 * 60_000;

export const checks: UiCheck[] = [
  {
    name: '"Sequentum: Edit Schedule": the schedule as a document, its hover in words with the next five runs, a bad CRON squiggled',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui, 300);
      const agentId = await agentIdOf(ui.sim, AGENT);
      await ui.control('addSchedule', agentId, { name: 'Weekday mornings', scheduleType: 3, cronExpression: '30 6 * * 1-5', timezone: 'Europe/Berlin' });
      try {
        await openScheduleDocument(ui, 'best buy', AGENT, 'Weekday mornings');

        const cron = page.locator(`${EDITOR} .view-line span span`, { hasText: '30 6 * * 1-5' }).first();
        await cron.waitFor({ state: 'visible' });
        const box = await cron.boundingBox();
        assert.ok(box);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover', { hasText: 'Runs every weekday at 06:30 Europe/Berlin' }).first();
        await hover.waitFor({ state: 'visible' });
        const text = await hover.innerText();
        assert.equal((text.match(/06:30 \(/g) ?? []).length, 5, `five next runs: ${text}`);
        await settled(hover);
        await ui.screenshot('schedule-document', { readme: true, crop: { x: 300, y: 30, width: 900, height: 520 } });

        // Typing an hour that does not exist: squiggled at once, with what is wrong.
        await page.mouse.move(1000, 700);
        await hover.waitFor({ state: 'hidden' });
        await cron.click();
        await page.keyboard.press('End');
        await page.keyboard.press('Shift+Home');
        await page.keyboard.type('  "cronExpression": "30 26 * * 1-5",');
        await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ state: 'visible' });
      } finally {
        await closeWithoutSaving(ui);
      }
    },
  },
  {
    name: 'the Agents view lists an agent\'s schedules above its runs: name, in words, next run, paused',
    async run(ui) {
      const { page } = ui;
      const agent = 'Target Weekly Deals';
      const agentId = await agentIdOf(ui.sim, agent);
      await ui.control('addSchedule', agentId, { name: 'Thursday ad refresh', scheduleType: 3, cronExpression: '0 7 * * 4', timezone: 'America/Chicago' });
      await ui.control('addSchedule', agentId, { name: 'Price sweep', scheduleType: 2, runEveryCount: 30, runEveryPeriod: 'Minutes', timezone: 'UTC', isEnabled: false });
      await ui.control('addSchedule', agentId, { name: 'Black Friday recheck', scheduleType: 1, startTime: new Date(Date.now() + 3 * DAY_MS).toISOString(), timezone: 'UTC' });
      await freshWorkbench(ui);

      await expand(treeRow(page, 1, 'Retail Pricing'));
      await expand(treeRow(page, 2, agent));
      const rows: Array<[string, RegExp, string]> = [
        ['Thursday ad refresh', /^Thursday ad refresh .*07:00.*America\/Chicago.* · (in \d+ (days?|hours?|minutes?)|this minute)/, 'calendar'],
        ['Price sweep', /^Price sweep paused · .*30 minutes/, 'debug-pause'],
        ['Black Friday recheck', /^Black Friday recheck .* · in (2|3) days/, 'calendar'],
      ];
      for (const [name, label, icon] of rows) {
        const row = treeRow(page, 3, name);
        await row.waitFor({ state: 'visible' });
        assert.match(await ariaLabelOf(row), label, `row of "${name}"`);
        assert.equal(await iconOf(row), icon, `icon of "${name}"`);
      }
      // The three rows right under the agent are its schedules (its runs follow).
      const shown = await page.locator(TREE_ROWS).evaluateAll((all) => all.map((row) => `${row.getAttribute('aria-level') ?? ''} ${row.getAttribute('aria-label') ?? ''}`));
      const at = shown.findIndex((row) => row.startsWith(`2 ${agent}`));
      const under = shown.slice(at + 1, at + 4);
      assert.equal(under.filter((row) => rows.some(([name]) => row.startsWith(`3 ${name}`))).length, 3, `the schedules come first: ${shown.join(' | ')}`);

      await page.locator('.part.editor').click({ position: { x: 300, y: 300 } }); // no row focus ring
      await ui.screenshot('agent-schedules', { readme: true, crop: { x: 0, y: 30, width: 572, height: 400 } });
    },
  },
  {
    name: 'a schedule save the server refuses (422 on startTime) is marked on that field with the server\'s words and stays unsaved',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui, 300);
      const agent = 'Walmart Price Tracker';
      const agentId = await agentIdOf(ui.sim, agent);
      const startTime = new Date(Date.now() + 5 * DAY_MS).toISOString();
      const added = await ui.control<{ id: number; nextRunTime: string | null }>('addSchedule', agentId, { name: 'Launch-day recheck', scheduleType: 1, startTime, timezone: 'UTC' });
      try {
        await openScheduleDocument(ui, 'walmart', agent, 'Launch-day recheck');

        // A start time in the past: the document's schema has no opinion on it (a date is a date),
        // the server refuses it with 422 and a field error on startTime.
        const startLine = page.locator(`${EDITOR} .view-line`, { hasText: '"startTime"' }).first();
        await startLine.waitFor({ state: 'visible' });
        await startLine.locator('span span', { hasText: 'startTime' }).first().click();
        await page.keyboard.press('End');
        await page.keyboard.press('Shift+Home');
        await page.keyboard.type('  "startTime": "2020-01-06T09:00:00Z",');
        const editedLine = page.locator(`${EDITOR} .view-line`, { hasText: '2020-01-06T09:00:00Z' }).first();
        await editedLine.waitFor({ state: 'visible' });
        // Nothing is marked before the server answers (the half-typed JSON's marks go once it parses).
        await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ state: 'hidden' });
        await page.keyboard.press('Control+s');

        // A mark on the edited line. Read in one go in the page, and waited for: two bounding boxes read
        // one after the other disagreed once while the editor re-rendered after the save (full UI run).
        const markedLine = await page
          .waitForFunction(
            ({ editor, text }: { editor: string; text: string }) => {
              const line = Array.from(document.querySelectorAll(`${editor} .view-line`)).find((element) => (element.textContent ?? '').includes(text));
              if (!line) return false;
              const { top, bottom } = line.getBoundingClientRect();
              return Array.from(document.querySelectorAll(`${editor} .squiggly-error`)).some((mark) => {
                const box = mark.getBoundingClientRect();
                const middle = box.top + box.height / 2;
                return middle >= top && middle <= bottom;
              });
            },
            { editor: EDITOR, text: '2020-01-06T09:00:00Z' },
            { timeout: 20_000 },
          )
          .then(() => true, () => false);
        assert.ok(markedLine, 'the mark is on the startTime line');
        // Hover the refused value; a hover that did not open (the pointer landed while the editor
        // re-rendered: 1 of 2 runs that got here) is asked for again by moving away and back.
        const value = await boxOf(editedLine.locator('span span', { hasText: '2020-01-06T09:00:00Z' }).first());
        const hover = page.locator('.monaco-hover', { hasText: 'StartTime must be at least 1 minute in the future' }).first();
        for (let attempt = 1; ; attempt++) {
          await page.mouse.move(value.x + value.width / 2, value.y + value.height / 2);
          if (await hover.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) break;
          assert.ok(attempt < 3, 'the server\'s problem shows in the hover on the refused value');
          await page.mouse.move(1000, 700);
        }
        assert.equal(await page.locator('.part.editor .tab.active.dirty').count(), 1, 'the refused document stays unsaved');
        const onServer = await ui.control<{ nextRunTime: string | null }>('getSchedule', added.id);
        assert.equal(onServer.nextRunTime, added.nextRunTime, 'the server kept the schedule as it was');
        await settled(hover);
        await ui.screenshot('schedule-refused', { readme: true, crop: { x: 300, y: 30, width: 900, height: 520 } });
      } finally {
        await closeWithoutSaving(ui);
      }
    },
  },
];

/** F1 → "Sequentum: Edit Schedule" → the agent found by `search` → the schedule: its document opens. */
async function openScheduleDocument(ui: UiContext, search: string, agent: string, schedule: string): Promise<void> {
  const { page } = ui;
  await ui.runCommandToPick('Sequentum: Edit Schedule');
  await page.locator(`${QUICK_INPUT} input`).fill(search);
  await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(agent)}]`).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(schedule)}]`).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/**
 * Reverts and closes the edited schedule, never saving it (a bad CRON, a refused edit). A revert
 * that did not take leaves VS Code asking to save on close: its modal dialog blocked every later
 * check (CI clone run, 2026-11-30), so Don't Save is answered when it shows.
 */
async function closeWithoutSaving(ui: UiContext): Promise<void> {
  const { page } = ui;
  await page.keyboard.press('Escape');
  await ui.runCommand('File: Revert File').catch(() => undefined);
  await ui.runCommand('View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" }).first();
  if (await dontSave.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) await dontSave.click();
}

/**
 * The element's box. Monaco re-renders a line when its decorations change (the server's mark
 * arriving), and a box read from the replaced element is null (2 of 5 runs): read it again.
 */
async function boxOf(element: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  for (let attempt = 1; ; attempt++) {
    await element.waitFor({ state: 'visible' });
    const box = await element.boundingBox();
    if (box) return box;
    assert.ok(attempt < 10, 'the element stays on screen long enough to be measured');
  }
}

/** The id of a seed agent, read through the API as the extension would. */
async function agentIdOf(sim: { baseUrl: string; apiKey: string }, name: string): Promise<number> {
  const response = await fetch(`${sim.baseUrl}/api/v1/agent/search?query=${encodeURIComponent(name)}&maxRecords=5`, { headers: { Authorization: `ApiKey ${sim.apiKey}` } });
  const found = (await response.json()) as { id: number; name: string }[] | { items?: { id: number; name: string }[] };
  const list = Array.isArray(found) ? found : (found.items ?? []);
  const agent = list.find((candidate) => candidate.name === name);
  assert.ok(agent, `${name} not found`);
  return agent.id;
}
