// Open Run Log on a run in flight: the log opens as a read-only, highlighted document at its end and
// follows the run — new lines arrive while the editor stays at the bottom.
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';
import { expand, freshWorkbench, treeRow, treeRowsAt } from '../support/uiWorkbench';

const SPACE = 'Log Following';
const AGENT = 'Marketplace Listings';

export const checks: UiCheck[] = [
  {
    name: 'Open Run Log follows a run in flight: new lines appear at the end of a read-only sequentum-log editor',
    async run(ui) {
      const { page } = ui;
      const space = await ui.control<{ id: number }>('addSpace', { name: SPACE });
      const agent = await ui.control<{ id: number }>('addAgent', { name: AGENT, spaceId: space.id, durationSec: 60_000, inputParameters: { url: 'https://market.example.org/listings' } });
      const run = await ui.control<{ id: number }>('addRun', agent.id);
      // Into the Running phase, a few pages in.
      await ui.control('advanceClock', 130_000);
      await freshWorkbench(ui, 420);
      // The space was added after the tree was first read: read it again.
      await ui.runCommand('Sequentum: Refresh');
      await expand(treeRow(page, 1, SPACE));
      await expand(treeRow(page, 2, AGENT));
      const row = treeRowsAt(page, 3).first();
      await row.waitFor({ state: 'visible' });
      await row.click({ button: 'right' });
      const item = page.locator('.context-view .action-item', { hasText: 'Open Run Log' }).first();
      await item.waitFor({ state: 'visible' });
      await item.click();

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
      await ui.control('advanceClock', 60_000);
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
