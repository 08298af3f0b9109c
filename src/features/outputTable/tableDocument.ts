import type * as vscode from 'vscode';
import type { GrowingFile } from '../../core/files/growingFile';
import { TableFile } from '../../core/table/tableFile';

/** One file opened in the table view (see TableFile): shared by every panel showing it. */
export class TableDocument implements vscode.CustomDocument {
  readonly table: TableFile;

  constructor(
    readonly uri: vscode.Uri,
    readonly file: GrowingFile,
  ) {
    this.table = new TableFile(file);
  }

  dispose(): void {
    this.table.dispose();
  }
}
