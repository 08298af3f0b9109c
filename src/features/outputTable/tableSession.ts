import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { parseTableMessage } from '../../core/table/tableMessages';
import { TableSession } from '../../core/table/tableSession';
import { forPlain } from '../../core/text/sinks';
import { onWebviewMessage, showWebviewBundle } from '../../platform/webview/webviewShell';
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
 * Fills a table editor's webview with the table page and wires it to a core TableSession (which
 * holds the logic and is tested in Node); the session ends with the panel.
 */
export function showTablePanel(document: TableDocument, panel: vscode.WebviewPanel, deps: TablePanelDeps): void {
  const fileName = path.basename(document.uri.fsPath);
  showWebviewBundle(panel.webview, deps.extensionUri, { bundle: 'table', title: forPlain(fileName) });
  const session = new TableSession(document.table, { post: (message) => panel.webview.postMessage(message) }, {
    fileName,
    locale: deps.locale,
    log: deps.log,
    copy: (text) => vscode.env.clipboard.writeText(text),
    openAsText: () => deps.openAsText(document.uri),
  });
  session.register(onWebviewMessage(panel.webview, parseTableMessage, (message) => session.handle(message), (error) => session.fail(error)));
  panel.onDidDispose(() => session.dispose());
}
