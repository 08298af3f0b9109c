import * as vscode from 'vscode';
import { openCsvTable } from '../../core/table/csvSource';
import { openJsonArrayTable } from '../../core/table/jsonArraySource';
import type { RowSource } from '../../core/table/rowSource';

/** Index progress of a document: rows indexed so far, the columns, whether the pass has ended. */
export interface TableProgress {
  rowCount: number;
  columns: readonly string[];
  complete: boolean;
}

/**
 * One file opened in the table view: the source is opened (index pass started) once per document,
 * shared by every panel showing it, and closed when the last panel closes.
 */
export class TableDocument implements vscode.CustomDocument {
  readonly source: Promise<RowSource>;
  private readonly progress = new vscode.EventEmitter<TableProgress>();
  readonly onDidProgress = this.progress.event;

  constructor(readonly uri: vscode.Uri) {
    const open = uri.path.toLowerCase().endsWith('.json') ? openJsonArrayTable : openCsvTable;
    const onProgress = (rowCount: number, columns: readonly string[]): void => this.progress.fire({ rowCount, columns, complete: false });
    this.source = open(uri.fsPath, { onProgress });
    // The last progress call of the pass comes before `complete` is set; say "complete" once done.
    this.source.then(
      (source) => source.done.then(() => this.progress.fire({ rowCount: source.rowCount, columns: source.columns, complete: true })),
      () => undefined,
    ).catch(() => undefined);
  }

  dispose(): void {
    this.progress.dispose();
    void this.source.then((source) => source.close()).catch(() => undefined);
  }
}
