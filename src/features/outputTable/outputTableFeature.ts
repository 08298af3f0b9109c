import * as vscode from 'vscode';
import { DisposableStore } from '../../core/lifecycle';
import { TABLE_VIEW_TYPE } from '../../core/table/tableKinds';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import type { TableDocument } from './tableDocument';

/**
 * Output records as a table: a read-only custom editor over CSV files and JSON arrays of objects.
 * Its priority is "option": the extension opens run output files with it (openFile), and the user
 * can pick it for any other CSV with "Reopen Editor With…"; it never takes over their CSV files.
 * Only the registration loads at activation: the table's machinery (document, session, parsers) is
 * imported when the first table opens (its own chunk of the build; a failed import fails that open).
 */
export class OutputTableFeature extends DisposableStore implements vscode.CustomReadonlyEditorProvider<TableDocument> {
  constructor(private readonly platform: VscodePlatform) {
    super();
    this.register(
      vscode.window.registerCustomEditorProvider(TABLE_VIEW_TYPE, this, {
        // A hidden table keeps its scroll position, filters and sort; its memory is the visible rows only.
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }),
    );
  }

  async openCustomDocument(uri: vscode.Uri): Promise<TableDocument> {
    const { TableDocument } = await import('./tableDocument.js');
    // A run file still downloading (Open Output File shows the first rows before the end) is followed.
    return new TableDocument(uri, this.platform.growingFiles.fileAt(uri.fsPath));
  }

  async resolveCustomEditor(document: TableDocument, panel: vscode.WebviewPanel): Promise<void> {
    const { showTablePanel } = await import('./tableSession.js');
    return showTablePanel(document, panel, {
      extensionUri: this.platform.context.extensionUri,
      locale: this.platform.locale,
      log: this.platform.log,
      openAsText: async (uri) => {
        await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
      },
    });
  }
}
