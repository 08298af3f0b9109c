import { SequentumError } from '../api/errors';
import { describeError } from '../errors/describeError';
import type { Logger } from '../log';
import { systemClock } from '../clock';
import { DisposableStore, type DisposableLike } from '../lifecycle';
import { forPlain } from '../text/sinks';
import { l10n } from '../text/l10n';
import { DownloadRestartedError } from '../files/growingFile';
import { NotATableError, type RowSource } from './rowSource';
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
 * One table panel: its own view (filter and sort) over the file's shared source. Introduces the
 * table to the page (header, view, first rows: in its HTML, see `opening`, or when it is ready),
 * answers its requests for pages of rows; a query bumps the generation, so pages of an older query
 * that arrive late are dropped by the page. Once disposed (the panel closed) nothing is posted:
 * a page read, sort or index failure finishing later is dropped, not thrown.
 */
export class TableSession extends DisposableStore {
  private view: TableView | undefined;
  private generation = 0;
  /** The page has the header (posted, or in its HTML): index progress goes to it from then on. */
  private introduced = false;
  private failureWatched = false;
  /** What the page was told when the index pass failed: a page loaded again is told it again. */
  private passFailed: TableToPage | undefined;

  constructor(
    private readonly file: TableFile,
    private readonly page: TablePage,
    private readonly deps: TableSessionDeps,
  ) {
    super();
    // Before the header the page has nothing to count; the header carries the counts of its time.
    this.register(file.onDidProgress((progress) => this.introduced && this.post({ type: 'progress', ...progress })));
    this.register({ dispose: () => this.view?.dispose() });
  }

  /** A message from the page (already parsed by parseTableMessage). Rejects only with what `fail` reports. */
  async handle(message: TableFromPage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The page has drawn (or is about to ask for) the first rows: indexing the rest may go on.
        this.file.firstRowsShown();
        // The page drew this very view from its HTML: it lacks only the rows indexed since.
        if (message.shown !== undefined && message.shown === this.generation && this.view) this.catchUp(this.view.source);
        else await this.start();
        // The panel keeps no context when hidden: shown again, its page is loaded afresh from its
        // HTML (the first rows) and has forgotten that the pass failed.
        if (this.passFailed) this.post(this.passFailed);
        return;
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
    this.post(this.failedMessage(error));
  }

  private failedMessage(error: unknown): TableToPage {
    return { type: 'failed', texts: tableTexts(), message: forPlain(this.failureWords(error)) };
  }

  private failureWords(error: unknown): string {
    if (NotATableError.is(error)) return error.message;
    if (DownloadRestartedError.is(error)) return l10n.t('The download started over because the file changed on the server. Open the file again.');
    // The download this table followed failed or was cancelled; the command that started it says so too.
    if (SequentumError.is(error)) return l10n.t('The download did not finish: {0}', describeError(error).message);
    this.deps.log.warn(`Table view of ${this.deps.fileName} failed`, error);
    return l10n.t('The file could not be read. See the Sequentum log for details.');
  }

  /**
   * What the page's HTML carries so that it draws the header and the first rows as soon as its
   * script runs: the messages `ready` would otherwise bring a round trip later (one that, with a
   * big file, waited behind the download and the index pass). Undefined when the first rows are
   * not known within `waitMs` or the file cannot be read: the page then asks when ready, and a
   * failure is told then.
   */
  async opening(waitMs: number): Promise<TableToPage[] | undefined> {
    const introducing = this.introduction();
    introducing.catch(() => undefined);
    let timer: DisposableLike | undefined;
    const late = new Promise<undefined>((resolve) => (timer = systemClock.setTimeout(() => resolve(undefined), waitMs)));
    try {
      const messages = await Promise.race([introducing, late]);
      if (!messages || this.isDisposed) return undefined;
      this.introduced = true;
      this.watchForFailure(await this.file.source);
      return messages;
    } catch {
      return undefined;
    } finally {
      timer?.dispose();
    }
  }

  private async start(): Promise<void> {
    const messages = await this.introduction();
    if (this.isDisposed) return;
    this.introduced = true;
    for (const message of messages) this.post(message);
    this.watchForFailure(await this.file.source);
  }

  /**
   * A fresh generation's header, view and first page (waits for the first rows). The first page
   * goes with the header, unasked: the page asks only for pages it does not have.
   */
  private async introduction(): Promise<TableToPage[]> {
    const source = await this.file.source;
    const view = (this.view ??= new TableView(source, this.deps.locale));
    const generation = ++this.generation;
    const first = await view.page(0, PAGE_ROWS);
    const header: TableToPage = { type: 'init', texts: tableTexts(), locale: this.deps.locale, fileName: forPlain(this.deps.fileName), columns: [...source.columns], rowCount: source.rowCount, complete: source.complete, stoppedAtRowLimit: source.stoppedAtRowLimit };
    const shown: TableToPage = { type: 'view', generation, rowCount: view.rowCount, totalRows: source.rowCount, busy: false };
    // A query that came meanwhile owns the page now; its rows come with its own view.
    return generation === this.generation ? [header, shown, { type: 'page', generation, ...first }] : [header];
  }

  private catchUp(source: RowSource): void {
    this.introduced = true;
    this.post({ type: 'progress', rowCount: source.rowCount, columns: [...source.columns], complete: source.complete, stoppedAtRowLimit: source.stoppedAtRowLimit });
  }

  private watchForFailure(source: RowSource): void {
    if (this.failureWatched) return;
    this.failureWatched = true;
    source.done.catch((error: unknown) => {
      if (this.isDisposed) return;
      this.passFailed = this.failedMessage(error);
      this.post(this.passFailed);
    });
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
