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
}

/**
 * One file shown as a table: the source is opened (index pass started) once, shared by every
 * panel showing the file, and closed with the last one. The file may still be downloading: the
 * index pass follows it and the progress events carry the growing row count.
 */
export class TableFile implements DisposableLike {
  readonly source: Promise<RowSource>;
  private readonly progress = new Emitter<TableProgress>({ name: 'TableFile.onDidProgress' });
  readonly onDidProgress = this.progress.event;

  constructor(file: GrowingFile) {
    const open = file.destination.toLowerCase().endsWith('.json') ? openJsonArrayTable : openCsvTable;
    const onProgress = (rowCount: number, columns: readonly string[]): void => this.progress.fire({ rowCount, columns, complete: false });
    this.source = open(file, { onProgress });
    // The last progress call of the pass comes before `complete` is set; say "complete" once done.
    this.source
      .then((source) => source.done.then(() => this.progress.fire({ rowCount: source.rowCount, columns: source.columns, complete: true })))
      .catch(() => undefined);
  }

  dispose(): void {
    this.progress.dispose();
    void this.source.then((source) => source.close()).catch(() => undefined);
  }
}
