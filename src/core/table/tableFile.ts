import { systemClock } from '../clock';
import { Emitter } from '../emitter';
import type { DisposableLike } from '../lifecycle';
import type { GrowingFile } from '../files/growingFile';
import { openCsvTable } from './csvSource';
import { openJsonArrayTable } from './jsonArraySource';
import type { RowSource } from './rowSource';

/** Index progress of a file: rows indexed so far, the columns, whether the pass has ended. */
export interface TableProgress {
  rowCount: number;
  columns: readonly string[];
  complete: boolean;
  /** The pass stopped at its row limit: the rows after it are not in the table. */
  stoppedAtRowLimit: boolean;
}

/**
 * The longest the index pass waits for a page to show the first rows before it reads on (a page
 * that never loads must not leave the table unread). Pages load in 0.3–2 s on a busy machine.
 */
const MAX_INDEX_HOLD_MS = 3000;

/**
 * One file shown as a table: the source is opened (index pass started) once, shared by every
 * panel showing the file, and closed with the last one. The file may still be downloading: the
 * index pass follows it and the progress events carry the growing row count.
 */
export class TableFile implements DisposableLike {
  readonly source: Promise<RowSource>;
  private readonly progress = new Emitter<TableProgress>({ name: 'TableFile.onDidProgress' });
  readonly onDidProgress = this.progress.event;
  private release: () => void = () => undefined;
  private readonly releaseAnyway: DisposableLike;

  constructor(private readonly file: GrowingFile) {
    const open = file.destination.toLowerCase().endsWith('.json') ? openJsonArrayTable : openCsvTable;
    const onProgress = (rowCount: number, columns: readonly string[]): void => this.progress.fire({ rowCount, columns, complete: false, stoppedAtRowLimit: false });
    // The index pass stops after the first rows until a page shows them (or a page never comes).
    const holdAfterFirstRows = new Promise<void>((resolve) => (this.release = resolve));
    this.releaseAnyway = systemClock.setTimeout(() => this.release(), MAX_INDEX_HOLD_MS);
    this.source = open(file, { onProgress, holdAfterFirstRows });
    // The last progress call of the pass comes before `complete` is set; say "complete" once done.
    this.source
      .then((source) => source.done.then(() => this.progress.fire({ rowCount: source.rowCount, columns: source.columns, complete: true, stoppedAtRowLimit: source.stoppedAtRowLimit })))
      .catch(() => undefined);
  }

  /** A page shows the first rows: the index pass reads on, and the download if it paused for the page. */
  firstRowsShown(): void {
    this.file.viewerShowing();
    this.release();
    this.releaseAnyway.dispose();
  }

  dispose(): void {
    this.firstRowsShown();
    this.progress.dispose();
    void this.source.then((source) => source.close()).catch(() => undefined);
  }
}
