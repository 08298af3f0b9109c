// Show Agent Insights in the real workbench: from the agent's context menu in the tree, a webview
// panel whose page drew its charts (canvases with pixels on them), holds the same numbers as tables
// (checked against the simulator's own answers), carries a strict CSP, sent no request anywhere and
// cannot (a fetch from inside it is refused), and draws again in the new theme's colours.
import * as assert from 'node:assert/strict';
import type { UiCheck, UiContext } from '../support/uiFramework';
import { expand, freshWorkbench, recordWebviewRequests, treeRow, webviewPage } from '../support/uiWorkbench';

const SPACE = 'Real Estate';
const AGENT = 'Apartments.com Rent Index';
const AGENT_ID = 1010;
const QUICK_INPUT = '.quick-input-widget';

/** The page inside the panel's webview (outer frame → #active-frame). */
const insightsPage = webviewPage;

/** GET on the simulator's API with the key, as the extension would read it. */
async function apiGet<T>(ui: UiContext, path: string): Promise<T> {
  const response = await fetch(`${ui.sim.baseUrl}/api/v1${path}`, { headers: { Authorization: `ApiKey ${ui.sim.apiKey}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return (await response.json()) as T;
}

interface WireRun {
  id: number;
  status: number;
  startTime?: string;
  created?: string;
  dataCount: number;
  errorCount: number;
}

/** What the Records, Errors and Cost columns must say, oldest first ("en" formatting, as the page gets). */
async function expectedRows(ui: UiContext): Promise<string[][]> {
  const runs = (await apiGet<WireRun[]>(ui, `/agent/${AGENT_ID}/runs?maxRecords=50`)).filter((run) => ![1, 2, 3, 4, 5, 12].includes(run.status));
  const start = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  const costs = await apiGet<{ runs: Array<{ runId: number; cost: number }> }>(ui, `/billing/agents/${AGENT_ID}/runs?startDate=${start}&endDate=${new Date().toISOString()}&recordsPerPage=1000`);
  const cost = new Map(costs.runs.map((row) => [row.runId, row.cost]));
  const count = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
  const startOf = (run: WireRun): number => Date.parse(run.startTime ?? run.created ?? '');
  return runs.sort((a, b) => startOf(a) - startOf(b) || a.id - b.id).map((run) => {
    const credits = cost.get(run.id);
    return [`#${run.id}`, count.format(run.dataCount), count.format(run.errorCount), credits === undefined ? '—' : money.format(credits)];
  });
}

async function openFromTreeMenu(ui: UiContext): Promise<void> {
  const { page } = ui;
  await expand(treeRow(page, 1, SPACE));
  const row = treeRow(page, 2, AGENT);
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: 'Show Agent Insights' }).first();
  await item.waitFor({ state: 'visible' });
  await item.click();
  // Kept after the Agents view stopped re-rendering unchanged rows (only rows whose star, health or
  // cost changed re-render now): a filtered UI run still saw the click swallowed once in three (menu
  // open, item highlighted). This agent's runs are not listed here, so its row has no insights change;
  // what redraws under the menu then (a followed run's status, a sibling) is not established. Enter
  // runs the highlighted item.
  if (!(await item.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) {
    console.log('  insights: the context-menu click was swallowed (menu still open); Enter runs the item');
    await page.keyboard.press('Enter');
  }
}

export const checks: UiCheck[] = [
  {
    name: 'Show Agent Insights from the tree: charts drawn, the same numbers as tables, a strict CSP, no request from the webview, theme colours follow the theme',
    async run(ui) {
      const { page } = ui;
      // A narrow sidebar leaves the panel room for two columns of charts.
      await freshWorkbench(ui, 300);
      await ui.control('addRunHistory', AGENT_ID, { runs: 24, everyHours: 24, endHoursAgo: 30, breakage: { kind: 'recordsDrop', fromRun: 23 }, seed: 13 });
      await ui.control('addRun', AGENT_ID, { status: 6 });
      const network = recordWebviewRequests(page);
      try {
        await openFromTreeMenu(ui);
        const view = insightsPage(page);
        await view.locator('body[data-state="show"]').waitFor({ state: 'attached' });
        assert.equal((await view.locator('h1').innerText()).trim(), `Insights: ${AGENT}`);

        // Charts: records, duration, errors, cost per run and cost per day, each a canvas with pixels.
        const measures = await view.locator('figure.chart').evaluateAll((figures) => figures.map((figure) => (figure as HTMLElement).dataset.measure));
        assert.deepEqual(measures, ['records', 'duration', 'errors', 'cost', 'costPerDay']);
        const painted = await view.locator('figure.chart canvas').evaluateAll((canvases) =>
          canvases.map((node) => {
            const canvas = node as HTMLCanvasElement;
            const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
            let inked = 0;
            for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) inked++;
            return canvas.width > 0 && inked > 100;
          }),
        );
        assert.equal(painted.length, 5);
        assert.ok(painted.every(Boolean), `every chart drew something: ${JSON.stringify(painted)}`);
        assert.match(await view.locator('figure[data-measure="records"] .band-caption').innerText(), /^Usual range [\d,]+ – [\d,]+ \(median [\d,]+, over \d+ successful runs\)$/);

        // Tables: the runs table says what the simulator says, row by row.
        const rows = await view.locator('table[data-table="runs"] tbody tr').evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.children).map((cell) => (cell.textContent ?? '').trim())).map((cells) => [cells[1], cells[3], cells[5], cells[6]]),
        );
        assert.deepEqual(rows, await expectedRows(ui));
        assert.equal(await view.locator('table[data-table="days"] tbody tr').count(), 30);

        // The CSP: present, no inline script or eval, styles only from the webview's origin.
        const csp = await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        assert.ok(csp);
        const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]));
        assert.deepEqual(directives.get('default-src'), ["'none'"]);
        assert.deepEqual(directives.get('connect-src'), ["'none'"]);
        assert.match((directives.get('script-src') ?? []).join(' '), /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/, 'scripts only by nonce');
        // Other sources: the webview's own resource origin (VS Code's cspSource) and data: images, nothing open-ended.
        const loose = [...directives.values()].flat().filter((source) => /^'unsafe-|^\*$|^https?:$|^'strict-dynamic'$/.test(source));
        assert.deepEqual(loose, []);
        // And it holds: a fetch from inside the page is refused before it leaves.
        const attempt = await view.locator('body').evaluate((_, url) => fetch(url).then(() => 'sent', () => 'refused'), `${ui.sim.baseUrl}/__control/info`);
        assert.equal(attempt, 'refused');

        // Theme: the charts draw again in the new theme's colours.
        const swatch = () => view.locator('figure[data-measure="records"] .swatch').first().evaluate((node) => (node as HTMLElement).style.background);
        const before = await swatch();
        await ui.runCommand('Preferences: Toggle between Light/Dark Themes');
        await view.locator('figure[data-measure="records"] .swatch').first().waitFor({ state: 'attached' });
        let after = await swatch();
        for (let i = 0; i < 50 && after === before; i++) {
          await page.waitForTimeout(100);
          after = await swatch();
        }
        assert.notEqual(after, before, 'the line colour follows the theme');
        await ui.runCommand('Preferences: Toggle between Light/Dark Themes');
      } finally {
        network.stop();
      }
      // The webview's own frame (from code-server) and our two files, through VS Code's resource
      // origin (answered inside the browser by the webview's service worker); nothing else.
      const workbench = new URL(page.url()).origin;
      const ours = /^https:\/\/[\w.+-]+\.vscode-resource\.vscode-cdn\.net\/.*\/media\/dist\/insights\.(js|css)$/;
      const elsewhere = network.requests.filter((url) => !url.startsWith(`${workbench}/`) && !ours.test(url));
      assert.deepEqual(elsewhere, [], 'the webview asked nothing of any other origin');
      assert.deepEqual([...new Set(network.requests.filter((url) => ours.test(url)).map((url) => url.replace(/^.*\//, '')))].sort(), ['insights.css', 'insights.js']);
      assert.ok(!network.requests.some((url) => url.includes(ui.sim.baseUrl) || url.includes('/api/v1/')), 'the page never calls the API itself');

      await page.mouse.move(1000, 780);
      // The theme toggle above redraws the charts: a figure found before the redraw can be detached
      // under the scroll (seen once in a full UI run). The locator finds the new one on the next try.
      for (let attempt = 1; ; attempt++) {
        try {
          await insightsPage(page).locator('figure.chart').first().scrollIntoViewIfNeeded({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
      await ui.screenshot('agent-insights', { readme: true, crop: { x: 0, y: 30, width: 1280, height: 640 } });
      await ui.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'the runs list failing: the panel names the cause with Try Again, and Try Again once the server recovers shows the charts',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui, 300);
      const fault = await ui.control<number>('setFault', { route: `GET agent/${AGENT_ID}/runs`, kind: 'status', status: 503 });
      const view = insightsPage(page);
      try {
        await openFromTreeMenu(ui);
        // The client retries a 503 a few times before it gives up: allow for its backoff.
        await view.locator('body[data-state="failed"]').waitFor({ state: 'attached', timeout: 60_000 });
        assert.equal((await view.locator('[role="alert"] h2').innerText()).trim(), 'Could not load the insights');
        assert.equal((await view.locator('[role="alert"] p.error').innerText()).trim(), 'Sequentum server error (503)');
        assert.equal(await view.locator('figure.chart').count(), 0);
      } finally {
        await ui.control('removeFault', fault);
      }
      await view.locator('button', { hasText: 'Try Again' }).click();
      await view.locator('body[data-state="show"]').waitFor({ state: 'attached', timeout: 60_000 });
      assert.ok((await view.locator('figure.chart').count()) >= 4, 'the charts after Try Again');
      await ui.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'Show Agent Insights from the palette: an agent whose name is HTML shows it as text, and an agent that never ran says so',
    async run(ui) {
      const { page } = ui;
      await freshWorkbench(ui);
      const name = 'Lark <img src=x onerror="document.title=1"> **bold** $(warning)';
      await ui.control('addAgent', { name, spaceId: null, behaviour: 'success' });
      await ui.runCommand('Sequentum: Show Agent Insights');
      const input = page.locator(`${QUICK_INPUT} input`);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible' });
      await input.fill('Lark');
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Lark' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const view = insightsPage(page);
      await view.locator('body[data-state="show"]').waitFor({ state: 'attached' });
      assert.equal((await view.locator('h1').innerText()).trim(), `Insights: ${name}`);
      assert.equal(await view.locator('img').count(), 0, 'no element made from the name');
      assert.equal((await view.locator('p.empty').first().innerText()).trim(), 'No finished runs of this agent yet.');
      assert.equal(await view.locator('figure.chart').count(), 0);
      await ui.runCommand('View: Close All Editors');
    },
  },
];
