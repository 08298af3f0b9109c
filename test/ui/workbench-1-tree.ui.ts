// The sidebar tree as a person browses it: spaces → agents (last status) → runs (status icons and
// descriptions) → a run's output files. Runs on the simulator's demo data (see simulator/seed.ts).
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';
import { ariaLabelOf, expand, freshWorkbench, iconOf, treeRow, treeRowWith, treeRowsAt } from '../support/uiWorkbench';

const SPACES = ['Finance Research', 'Jobs & Talent', 'Real Estate', 'Retail Pricing', 'Travel & Hospitality', 'Personal'];
/** Booking.com Hotel Rates – Lisbon in the demo seed (agents are numbered from 1001 in seed order). */
const BOOKING_AGENT_ID = 1014;
const RUN_LABEL = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M /;

export const checks: UiCheck[] = [
  {
    name: 'the tree lists spaces, agents with their last status, runs with status icons and descriptions, and a run\'s files',
    async run(ui) {
      const { page } = ui;
      // A run with a five-digit record count, to see the grouping in the description.
      await ui.control('addRun', BOOKING_AGENT_ID, { status: 10, dataCount: 12480 });
      await freshWorkbench(ui);

      await treeRow(page, 1, 'Personal').waitFor();
      const spaces = await treeRowsAt(page, 1).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')?.trim()));
      assert.deepEqual(spaces, SPACES);

      await expand(treeRow(page, 1, 'Travel & Hospitality'));
      const agents: Array<[string, string]> = [
        ['Booking.com Hotel Rates – Lisbon success', 'pass'],
        ['Hotels.com Review Scores failure', 'error'],
        ['Kayak Car Rental Prices stopped', 'debug-stop'],
        ['TripAdvisor Restaurant Reviews never run', 'circle-outline'],
      ];
      for (const [label, icon] of agents) {
        const row = treeRow(page, 2, label);
        await row.waitFor({ state: 'visible' });
        assert.equal(await iconOf(row), icon, `icon of "${label}"`);
        assert.match(await ariaLabelOf(row), /, has actions$/, `"${label}" offers its inline Start action`);
      }

      await expand(treeRow(page, 2, 'Booking.com Hotel Rates – Lisbon'));
      const newest = treeRowsAt(page, 3).first();
      await newest.waitFor({ state: 'visible' });
      assert.match(await ariaLabelOf(newest), new RegExp(`${RUN_LABEL.source}success · 12,480 records( · [\\d.,]+ credits)?(, has actions)?$`));
      assert.equal(await iconOf(newest), 'pass');
      const runs = await treeRowsAt(page, 3).count();
      assert.equal(runs, 4, 'the two demo runs and the added one, newest first, then the Versions row');
      assert.match(await ariaLabelOf(treeRowsAt(page, 3).last()), /^Versions/);

      await expand(newest);
      const files = ['data.csv', 'data.json', 'screenshot.png', 'run.log'];
      for (const name of files) await treeRow(page, 4, `${name} `).waitFor({ state: 'visible' });
      assert.deepEqual(await Promise.all(files.map((name) => iconOf(treeRow(page, 4, `${name} `)))), ['file-text', 'file-text', 'file-binary', 'output']);
      assert.match(await ariaLabelOf(treeRow(page, 4, 'data.csv')), /^data\.csv \d+(\.\d)? KB, has actions$/);

      await expand(treeRow(page, 2, 'Hotels.com Review Scores'));
      const failed = treeRowWith(page, 3, 'failure · ');
      await failed.waitFor({ state: 'visible' });
      assert.match(await ariaLabelOf(failed), new RegExp(`${RUN_LABEL.source}failure · \\d+ errors( · [\\d.,]+ credits)?, has actions$`));
      assert.equal(await iconOf(failed), 'error');

      await page.locator('.part.editor').click({ position: { x: 300, y: 300 } }); // no row focus ring
      await ui.screenshot('sidebar-tree', { readme: true, crop: { x: 0, y: 30, width: 572, height: 522 } });
    },
  },
];
