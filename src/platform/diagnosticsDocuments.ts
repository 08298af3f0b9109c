import * as vscode from 'vscode';

/** Scheme of the read-only "Why did it fail?" documents. */
export const DIAGNOSTICS_SCHEME = 'sequentum-diagnostics';

/**
 * Read-only virtual Markdown documents: the content lives here (nothing on disk), VS Code shows
 * them read-only, and the Markdown preview renders them with its own (strict) content policy.
 */
export class DiagnosticsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '_This document is no longer available._';
  }

  /** Stores the content under `path` and returns its URI (updating an open document). */
  set(path: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DIAGNOSTICS_SCHEME, path: `/${path.replace(/^\/+/, '')}` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
