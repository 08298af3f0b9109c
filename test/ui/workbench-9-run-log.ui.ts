// Open Run Log on a run in flight: the log opens as a read-only, highlighted document at its end and
// follows the run — new lines arrive while the editor stays at the bottom.
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';
import { expand, freshWorkbench, treeRow, treeRowsAt } from '../support/uiWorkbench';

const SPACE = 'Log Following';
const AGENT = 'Marketplace Listings';
const QUICK_INPUT = '.quick-input-widget';

export const checks: UiCheck[] = [
  {
    name: 'Open Run Log follows a run in flight: new lines appear at the end of a read-only sequentum-log editor',
    async run(ui) {
      const { page } = ui;
      const space = await ui.control<{ id: number }>('addSpace', { name: SPACE });
      const agent = await ui.control<{ id: number }>('addAgent', { name: AGENT, spaceId: space.id, durationSec: 60_000, inputParameters: { url: 'https://market.example.org/listings' } });
      const run = await ui.control<{ id: number }>('addRun', agent.id);
      // The run lasts 600 simulated seconds (60 000 at time scale 100): Running from 96 s, its first
      // "Extracted … from page" line at 106–201 s (the page count comes from the ids), the last
      // at 411 s or later, at most 105 s apart. 250 s in: at least one page shown, more to come.
      await ui.control('advanceClock', 250_000);
      await freshWorkbench(ui, 420);
      // The space was added after the tree was first read: read it again.
      await ui.runCommand('Sequentum: Refresh');
      await expand(treeRow(page, 1, SPACE));
      await expand(treeRow(page, 2, AGENT));
      await treeRowsAt(page, 3).first().waitFor({ state: 'visible' });
      // From the palette (agent, then run): the run's row redraws every second ("running · 18s"), and
      // a context menu opened on it during a redraw once ran the command without its row (1 of 3 runs).
      await ui.runCommandToPick('Sequentum: Open Run Log');
      const input = page.locator(`${QUICK_INPUT} input`);
      await input.fill(AGENT);
      await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*=${JSON.stringify(AGENT)}]`).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `#${run.id}` }).first().waitFor({ state: 'visible' });
      await input.fill(`#${run.id}`);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `#${run.id}` }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');

      const tab = page.locator('.part.editor .tab', { hasText: `run-${run.id}.log` }).first();
      await tab.waitFor({ state: 'visible' });
      const lines = page.locator('.part.editor .view-lines');
      // The editor renders spaces as no-break spaces: \s matches both.
      await lines.getByText(/following:/).first().waitFor({ state: 'visible' });
      // Counted over each line's whole text: a line is split into one span per token.
      const pages = (): Promise<number> => page.evaluate(() => Array.from(document.querySelectorAll('.part.editor .view-line')).filter((line) => /Extracted\s\d+\srecords\sfrom\spage/.test(line.textContent ?? '')).length);
      const before = await pages();
      assert.ok(before >= 1, 'the lines so far are shown');
      // The run moves on; the next background read appends, and the view stays at the end.
      await ui.control('advanceClock', 120_000);
      await page.waitForFunction(
        (count: number) => Array.from(document.querySelectorAll('.part.editor .view-line')).filter((line) => /Extracted\s\d+\srecords\sfrom\spage/.test(line.textContent ?? '')).length > count,
        before,
        { timeout: 30_000 },
      );
      // Highlighted: timestamps and levels get their own tokens (the grammar is applied).
      assert.ok((await page.locator('.part.editor .view-line span[class*="mtk"]').count()) > 10, 'tokens coloured by the sequentum-log grammar');
      await page.mouse.move(1000, 700);
      await ui.screenshot('run-log-following', { readme: true, crop: { x: 0, y: 30, width: 1280, height: 520 } });
      await ui.runCommand('View: Close All Editors');
    },
  },
];
