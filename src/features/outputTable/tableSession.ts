import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { NotATableError } from '../../core/table/rowSource';
import { parseTableMessage, tableTexts, type TableFromPage, type TableToPage } from '../../core/table/tableMessages';
import { TableView } from '../../core/table/tableView';
import { forPlain } from '../../core/text/sinks';
import { l10n } from '../../core/text/l10n';
import { DisposableStore } from '../../core/lifecycle';
import { onWebviewMessage, showWebviewBundle } from '../../platform/webview/webviewShell';
import type { TableDocument } from './tableDocument';

/** What a panel needs from outside. */
export interface TableSessionDeps {
  extensionUri: vscode.Uri;
  locale: string;
  log: Logger;
  /** Reopens the document in the text editor ("Open as Text"). */
  openAsText(uri: vscode.Uri): Promise<void>;
}

/**
 * One table panel: its own view (filter and sort) over the document's shared source. Answers the
 * page's requests for pages of rows; a query bumps the generation, so pages of an older query
 * that arrive late are dropped by the page.
 */
export class TableSession extends DisposableStore {
  private view: TableView | undefined;
  private generation = 0;

  constructor(
    private readonly document: TableDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: TableSessionDeps,
  ) {
    super();
    showWebviewBundle(panel.webview, deps.extensionUri, { bundle: 'table', title: forPlain(path.basename(document.uri.fsPath)) });
    this.register(onWebviewMessage(panel.webview, parseTableMessage, (message) => this.handle(message), (error) => this.fail(error)));
    this.register(document.onDidProgress((progress) => this.post({ type: 'progress', ...progress })));
    this.register({ dispose: () => this.view?.dispose() });
  }

  private async handle(message: TableFromPage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.start();
      case 'page': {
        if (!this.view || message.generation !== this.generation) return;
        const page = await this.view.page(message.start, message.count);
        if (message.generation === this.generation) this.post({ type: 'page', generation: message.generation, ...page });
        return;
      }
      case 'query': {
        if (!this.view) return;
        const generation = ++this.generation;
        const totalRows = (): number => this.view?.source.rowCount ?? 0;
        this.post({ type: 'view', generation, rowCount: this.view.rowCount, totalRows: totalRows(), busy: true });
        if ((await this.view.apply(message.query)) && generation === this.generation) {
          this.post({ type: 'view', generation, rowCount: this.view.rowCount, totalRows: totalRows(), busy: false });
        }
        return;
      }
      case 'copy':
        return vscode.env.clipboard.writeText(message.text);
      case 'openAsText':
        return this.deps.openAsText(this.document.uri);
    }
  }

  private async start(): Promise<void> {
    const source = await this.document.source;
    this.view ??= new TableView(source, this.deps.locale);
    this.generation++;
    this.post({
      type: 'init',
      texts: tableTexts(),
      locale: this.deps.locale,
      fileName: forPlain(path.basename(this.document.uri.fsPath)),
      columns: source.columns,
      rowCount: source.rowCount,
      complete: source.complete,
    });
    this.post({ type: 'view', generation: this.generation, rowCount: this.view.rowCount, totalRows: source.rowCount, busy: false });
    source.done.catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    const known = NotATableError.is(error);
    if (!known) this.deps.log.warn(`Table view of ${path.basename(this.document.uri.fsPath)} failed`, error);
    const message = known ? error.message : l10n.t('The file could not be read. See the Sequentum log for details.');
    this.post({ type: 'failed', texts: tableTexts(), message: forPlain(message) });
  }

  private post(message: TableToPage): void {
    // A page read, a sort or the index pass can finish after the tab closed: posting to a disposed
    // webview throws, and inside `source.done.catch` that would be an unhandled rejection.
    if (this.isDisposed) return;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.deps.log.warn('Table view: a message to the page was not delivered', error));
  }
}
