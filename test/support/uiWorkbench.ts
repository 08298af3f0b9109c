// Helpers for the workbench checks (workbench-*.ui.ts): the Sequentum tree as a person sees it —
// rows by their accessible label and level, twisties, codicons — and the sidebar width.
import type { FrameLocator, Locator, Page, Request } from 'playwright-core';
import type { UiContext } from './uiFramework';

/** Rows of the tree in the sidebar (the Sequentum view is the only view of its container). */
export const TREE_ROWS = '.part.sidebar .monaco-list-row';

/** Quotes a string for a CSS attribute selector. */
function cssString(text: string): string {
  return JSON.stringify(text);
}

/**
 * The tree row at `level` (1 = top) whose accessible label starts with `label`. VS Code builds the
 * label from the item's label and description ("Hotels.com Review Scores failure, has actions").
 */
export function treeRow(page: Page, level: number, label: string): Locator {
  return page.locator(`${TREE_ROWS}[aria-level="${level}"][aria-label^=${cssString(label)}]`).first();
}

/** The first tree row at `level` whose accessible label contains `text` anywhere. */
export function treeRowWith(page: Page, level: number, text: string): Locator {
  return page.locator(`${TREE_ROWS}[aria-level="${level}"][aria-label*=${cssString(text)}]`).first();
}

/** All rows at a level, e.g. the runs of the expanded agents (level 3). */
export function treeRowsAt(page: Page, level: number): Locator {
  return page.locator(`${TREE_ROWS}[aria-level="${level}"]`);
}

/** The row's accessible label, trimmed ("success · 1,204 records" descriptions are part of it). */
export async function ariaLabelOf(row: Locator): Promise<string> {
  return ((await row.getAttribute('aria-label')) ?? '').trim();
}

/** The codicon id of the row's item icon ("pass", "error", "sync" + spin…), '' when none. */
export async function iconOf(row: Locator): Promise<string> {
  const icon = row.locator('.custom-view-tree-node-item-icon').first();
  if ((await icon.count()) === 0) return '';
  const classes = ((await icon.getAttribute('class')) ?? '').split(/\s+/);
  const id = classes.find((c) => c.startsWith('codicon-') && c !== 'codicon-colored' && !c.startsWith('codicon-modifier'))?.slice('codicon-'.length) ?? '';
  return classes.includes('codicon-modifier-spin') ? `${id}~spin` : id;
}

/** Expands a collapsed row through its twistie (a click on the label could run the item's command). */
export async function expand(row: Locator): Promise<void> {
  await row.waitFor({ state: 'visible' });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ state: 'visible' });
}

/** Collapses an expanded row through its twistie (no-op when collapsed). */
export async function collapse(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(row.page().locator('[aria-expanded="false"]')).waitFor({ state: 'visible' });
}

/** Collapses every top-level row, so each check starts from the same tree. */
export async function collapseAll(page: Page): Promise<void> {
  // By label: a locator matching [aria-expanded="true"] would lose the row once it collapses.
  const labels = await page
    .locator(`${TREE_ROWS}[aria-level="1"][aria-expanded="true"]`)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  for (const label of labels) await collapse(page.locator(`${TREE_ROWS}[aria-level="1"][aria-label=${cssString(label)}]`).first());
}

/**
 * Drags the sidebar's sash until the sidebar is about `width` px wide, so descriptions such as
 * "success · 1,204 records" are not cut off in the screenshots. Idempotent.
 */
export async function setSidebarWidth(ui: UiContext, width = 520): Promise<void> {
  const sidebar = ui.page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box || Math.abs(box.width - width) < 20) return;
  const edge = box.x + box.width;
  await ui.page.mouse.move(edge + 1, box.y + box.height / 2);
  await ui.page.mouse.down();
  await ui.page.mouse.move(edge + 1 + (width - box.width) / 2, box.y + box.height / 2, { steps: 4 });
  await ui.page.mouse.move(box.x + width + 1, box.y + box.height / 2, { steps: 4 });
  await ui.page.mouse.up();
  await ui.page.mouse.move(900, 600); // no hover on the sash in screenshots
}

/** Dismisses every notification toast (e.g. "API key saved") so screenshots show only the subject. */
export async function clearToasts(ui: UiContext): Promise<void> {
  await ui.runCommand('Notifications: Clear All Notifications');
  await ui.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' });
}

/** Waits until an element's animations (toast and quick-input fade-ins) are over, for screenshots. */
export async function settled(element: Locator): Promise<void> {
  await element.first().evaluate((node) => Promise.all(node.getAnimations({ subtree: true }).map((animation) => animation.finished)));
  await element.page().waitForFunction((node) => node !== null && getComputedStyle(node).opacity === '1', await element.first().elementHandle());
}

/** Hides the bottom panel (Output, Problems) when it shows, through its own "Hide Panel" button. */
export async function closePanel(ui: UiContext): Promise<void> {
  const hide = ui.page.locator('.part.panel .action-label.codicon-panel-close').first();
  if (!(await hide.isVisible())) return;
  await hide.click();
  await ui.page.locator('.part.panel').waitFor({ state: 'hidden' });
}

/** The same starting point for every check: key set, no toasts, no panel, no editors, tree collapsed. */
export async function freshWorkbench(ui: UiContext, sidebarWidth = 520): Promise<void> {
  await ui.ensureApiKey();
  await clearToasts(ui);
  await closePanel(ui);
  if ((await ui.page.locator('.part.editor .tab').count()) > 0) await ui.runCommand('View: Close All Editors');
  await setSidebarWidth(ui, sidebarWidth);
  await collapseAll(ui.page);
}

/** The page inside the active webview editor (VS Code's outer host frame → #active-frame). */
export function webviewPage(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Requests made by the webview's frames (both the outer host frame and the page). */
export function recordWebviewRequests(page: Page): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  const listener = (request: Request): void => {
    if (/webview/i.test(request.frame().url())) requests.push(request.url());
  };
  page.on('request', listener);
  return { requests, stop: () => page.off('request', listener) };
}
