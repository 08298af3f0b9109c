import { SequentumError } from '../api/errors';
import { describeError } from '../errors/describeError';
import type { Logger } from '../log';
import { DisposableStore } from '../lifecycle';
import { forPlain } from '../text/sinks';
import { l10n } from '../text/l10n';
import { DownloadRestartedError } from '../files/growingFile';
import { NotATableError } from './rowSource';
import { tableTexts, type TableFromPage, type TableToPage } from './tableMessages';
import type { TableFile } from './tableFile';
import { TableView } from './tableView';
import { PAGE_ROWS } from './virtualWindow';

/** The page end of one table panel (a webview): posting may throw once the panel is gone. */
export interface TablePage {
  post(message: TableToPage): PromiseLike<unknown>;
}

/** What a panel needs from outside. */
export interface TableSessionDeps {
  /** The file's name as the toolbar shows it. */
  fileName: string;
  locale: string;
  log: Logger;
  /** Puts text on the clipboard ("copy cells / rows"). */
  copy(text: string): PromiseLike<void>;
  /** Reopens the file in the text editor ("Open as Text"). */
  openAsText(): PromiseLike<void>;
}

/**
 * One table panel: its own view (filter and sort) over the file's shared source. Answers the
 * page's requests for pages of rows; a query bumps the generation, so pages of an older query
 * that arrive late are dropped by the page. Once disposed (the panel closed) nothing is posted:
 * a page read, sort or index failure finishing later is dropped, not thrown.
 */
export class TableSession extends DisposableStore {
  private view: TableView | undefined;
  private generation = 0;

  constructor(
    private readonly file: TableFile,
    private readonly page: TablePage,
    private readonly deps: TableSessionDeps,
  ) {
    super();
    this.register(file.onDidProgress((progress) => this.post({ type: 'progress', ...progress })));
    this.register({ dispose: () => this.view?.dispose() });
  }

  /** A message from the page (already parsed by parseTableMessage). Rejects only with what `fail` reports. */
  async handle(message: TableFromPage): Promise<void> {
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
        return this.deps.copy(message.text);
      case 'openAsText':
        return this.deps.openAsText();
    }
  }

  /** Shows why the table cannot be shown (a known reason in words, anything else logged). */
  fail(error: unknown): void {
    if (this.isDisposed) return;
    this.post({ type: 'failed', texts: tableTexts(), message: forPlain(this.failureWords(error)) });
  }

  private failureWords(error: unknown): string {
    if (NotATableError.is(error)) return error.message;
    if (DownloadRestartedError.is(error)) return l10n.t('The download started over because the file changed on the server. Open the file again.');
    // The download this table followed failed or was cancelled; the command that started it says so too.
    if (SequentumError.is(error)) return l10n.t('The download did not finish: {0}', describeError(error).message);
    this.deps.log.warn(`Table view of ${this.deps.fileName} failed`, error);
    return l10n.t('The file could not be read. See the Sequentum log for details.');
  }

  private async start(): Promise<void> {
    const source = await this.file.source;
    if (this.isDisposed) return;
    this.view ??= new TableView(source, this.deps.locale);
    this.generation++;
    this.post({
      type: 'init',
      texts: tableTexts(),
      locale: this.deps.locale,
      fileName: forPlain(this.deps.fileName),
      columns: source.columns,
      rowCount: source.rowCount,
      complete: source.complete,
    });
    const generation = this.generation;
    this.post({ type: 'view', generation, rowCount: this.view.rowCount, totalRows: source.rowCount, busy: false });
    source.done.catch((error: unknown) => this.fail(error));
    // The first page goes with the header, not after the page asks for it: one round trip less
    // before the first rows are on screen (the page asks only for pages it does not have).
    const first = await this.view.page(0, PAGE_ROWS);
    if (generation === this.generation) this.post({ type: 'page', generation, ...first });
  }

  private post(message: TableToPage): void {
    // A page read, a sort or the index pass can finish after the tab closed: posting to a disposed
    // webview throws (at once or in the returned promise), and inside `source.done.catch` that
    // would be an unhandled rejection.
    if (this.isDisposed) return;
    try {
      this.page.post(message).then(undefined, (error: unknown) => this.deps.log.warn('Table view: a message to the page was not delivered', error));
    } catch (error) {
      this.deps.log.warn('Table view: a message to the page was not delivered', error);
    }
  }
}
