// "Why did it fail?" on a failed run in the tree: the inline action opens the run's analytics
// diagnostics as a rendered Markdown document (message, stats, possible causes, suggested actions).
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';
import { expand, freshWorkbench, treeRow, treeRowWith } from '../support/uiWorkbench';

const AGENT = 'Hotels.com Review Scores';

export const checks: UiCheck[] = [
  {
    name: '"Why Did It Fail?" on a failed run opens its diagnostics as a Markdown preview',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui, 420);
      await expand(treeRow(page, 1, 'Travel & Hospitality'));
      await expand(treeRow(page, 2, AGENT));
      const failed = treeRowWith(page, 3, 'failure · ');
      await failed.waitFor({ state: 'visible' });
      // The row's cost comes with the B6 page read after its runs list, and the row re-renders then
      // (a real change of its text); an inline action clicked during that re-render runs without its
      // run. Clicked once the row shows its cost (bounded: a run without a cost is clicked anyway).
      let waited = 0;
      for (; waited < 15_000 && !((await failed.getAttribute('aria-label')) ?? '').includes('credits'); waited += 100) await page.waitForTimeout(100);
      console.log(`  why-failed: the failed run's row showed its cost after ~${waited} ms of polling`);
      await failed.hover();
      const action = failed.locator('.actions .action-label[aria-label="Why Did It Fail?"]');
      await action.waitFor({ state: 'visible' });
      await action.click();

      // VS Code's Markdown preview: a webview (outer frame) with the rendered page in #active-frame.
      const tab = page.locator('.part.editor .tab', { hasText: /^Preview run-\d+\.md/ }).first();
      await tab.waitFor({ state: 'visible' });
      const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const heading = preview.locator('h1');
      await heading.waitFor({ state: 'visible' });
      assert.equal((await heading.innerText()).trim(), `Why did ${AGENT} fail?`);
      const sections = (await preview.locator('h2').allInnerTexts()).map((text) => text.trim());
      assert.deepEqual(sections, ['Message', 'Stats', 'Possible causes', 'Suggested actions']);
      const facts = await preview.locator('h1 ~ ul').first().innerText();
      const runId = /^Preview run-(\d+)\.md/.exec((await tab.innerText()).trim())?.[1];
      assert.ok(runId);
      assert.match(facts, new RegExp(`Agent: ${AGENT} \\(#1019\\)`));
      assert.match(facts, new RegExp(`Run: #${runId}`));
      assert.match(facts, /Status: Failure/);
      const message = (await preview.locator('h2:has-text("Message") + p').innerText()).trim();
      assert.ok(message.length > 0, 'the server\'s error message is shown');
      assert.ok((await preview.locator('h2:has-text("Possible causes") + ul li').count()) > 0, 'possible causes listed');
      assert.ok((await preview.locator('h2:has-text("Suggested actions") + ul li').count()) > 0, 'suggested actions listed');
      await page.mouse.move(1000, 700);
      await ui.screenshot('why-did-it-fail', { readme: true, crop: { x: 0, y: 30, width: 1280, height: 420 } });
      await ui.runCommand('View: Close All Editors');
    },
  },
];
