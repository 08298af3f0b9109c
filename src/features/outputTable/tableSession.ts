import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { parseTableMessage } from '../../core/table/tableMessages';
import { TableSession } from '../../core/table/tableSession';
import { forPlain } from '../../core/text/sinks';
import { bundleText, onWebviewMessage, showWebviewBundle, type BundleText } from '../../platform/webview/webviewShell';
import type { TableDocument } from './tableDocument';

/** What a panel needs from outside. */
export interface TablePanelDeps {
  extensionUri: vscode.Uri;
  locale: string;
  log: Logger;
  /** Reopens the document in the text editor ("Open as Text"). */
  openAsText(uri: vscode.Uri): Promise<void>;
}

/**
 * How long the page's HTML waits for the first rows to go into it. They are usually known within a
 * few milliseconds of the server's answer (its first 64 KiB); past this the page loads without
 * them and asks, so a slow first byte does not hold up the page itself.
 */
const FIRST_ROWS_WAIT_MS = 250;

/**
 * Fills a table editor's webview with the table page, the header and first rows in its HTML, and
 * wires it to a core TableSession (which holds the logic and is tested in Node); the session ends
 * with the panel.
 */
export async function showTablePanel(document: TableDocument, panel: vscode.WebviewPanel, deps: TablePanelDeps): Promise<void> {
  const fileName = path.basename(document.uri.fsPath);
  const session = new TableSession(document.table, { post: (message) => panel.webview.postMessage(message) }, {
    fileName,
    locale: deps.locale,
    log: deps.log,
    copy: (text) => vscode.env.clipboard.writeText(text),
    openAsText: () => deps.openAsText(document.uri),
  });
  panel.onDidDispose(() => session.dispose());
  const steps = openingSteps(document, fileName, deps.log);
  session.register(
    onWebviewMessage(
      panel.webview,
      parseTableMessage,
      (message) => {
        const handled = session.handle(message);
        if (message.type === 'ready') steps.pageReady();
        return handled;
      },
      (error) => session.fail(error),
    ),
  );
  // The page gets its script and stylesheet written in (read while the first rows are found):
  // no fetch of them through the workbench before it can paint. Unreadable: the page loads them.
  const inline = bundleText(deps.extensionUri, 'table').catch((error: unknown): BundleText | undefined => {
    deps.log.warn(`Table page: its bundle could not be read to write it into the page; the page loads it instead: ${String(error)}`);
    return undefined;
  });
  const opening = await session.opening(FIRST_ROWS_WAIT_MS);
  const bundle = await inline;
  if (session.isDisposed) return;
  showWebviewBundle(panel.webview, deps.extensionUri, { bundle: 'table', title: forPlain(fileName), data: opening, ...(bundle ? { inline: bundle } : {}) });
  steps.htmlSet(opening !== undefined);
}

/**
 * One log line per table opened while downloading, when its page first says it is ready: when
 * each step of getting the first rows on screen happened, from the download's start (what to look
 * at when the first rows are slow).
 */
function openingSteps(document: TableDocument, fileName: string, log: Logger): { htmlSet(withRows: boolean): void; pageReady(): void } {
  const { timeline } = document.file;
  const since = (at: number | undefined): string => (at === undefined ? '–' : `${Math.round(at - timeline.created)} ms`);
  const resolved = systemClock.now();
  let html = '';
  let logged = timeline.responded === undefined;
  return {
    htmlSet: (withRows) => (html = `page HTML set ${since(systemClock.now())}${withRows ? ' with the first rows' : ' without rows'}`),
    pageReady: () => {
      if (logged) return;
      logged = true;
      const held = timeline.heldMs === undefined ? '' : `, the download held ${Math.round(timeline.heldMs)} ms for it`;
      log.info(`Table view of ${fileName}: server answered ${since(timeline.responded)}, first bytes on disk ${since(timeline.firstBytes)}, editor resolved ${since(resolved)}, ${html}, page showed the first rows ${since(systemClock.now())}${held}`);
    },
  };
}
