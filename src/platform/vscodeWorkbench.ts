import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Workbench } from '../core/workbench';
import type { DiagnosticsDocuments } from './diagnosticsDocuments';

/** The Workbench port over VS Code: files under global storage, progress, links, Markdown preview. */
export function createVscodeWorkbench(storage: vscode.Uri, documents: DiagnosticsDocuments): Workbench {
  return {
    async openTextFile(folder, name, bytes, languageId) {
      const uri = vscode.Uri.joinPath(storage, 'run-files', folder, name);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, bytes);
      const document = await vscode.workspace.openTextDocument(uri);
      const typed = document.languageId === languageId ? document : await setLanguage(document, languageId);
      await vscode.window.showTextDocument(typed, { preview: false });
      return uri.fsPath;
    },
    async chooseFolder(title) {
      const picked = await vscode.window.showOpenDialog({ title, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Save Here' });
      return picked?.[0]?.fsPath;
    },
    async saveFile(folder, name, bytes) {
      const parsed = path.parse(name);
      for (let attempt = 0; ; attempt++) {
        const candidate = attempt === 0 ? name : `${parsed.name} (${attempt})${parsed.ext}`;
        const uri = vscode.Uri.joinPath(vscode.Uri.file(folder), candidate);
        if (!(await exists(uri))) {
          await vscode.workspace.fs.writeFile(uri, bytes);
          return uri.fsPath;
        }
      }
    },
    progress: withCancellableProgress,
    async openExternal(url) {
      return vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    async showMarkdown(documentPath, markdown) {
      const uri = documents.set(documentPath, markdown);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        // Without the built-in Markdown extension: the read-only source is still readable.
        await vscode.window.showTextDocument(uri, { preview: true });
      }
    },
    async revealFile(filePath) {
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(filePath));
    },
  };
}

function withCancellableProgress<T>(
  title: string,
  task: (report: (message: string, increment?: number) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task((message, increment) => progress.report({ message, increment }), controller.signal);
      } finally {
        subscription.dispose();
      }
    }),
  );
}

async function setLanguage(document: vscode.TextDocument, languageId: string): Promise<vscode.TextDocument> {
  const known = await vscode.languages.getLanguages();
  return known.includes(languageId) ? vscode.languages.setTextDocumentLanguage(document, languageId) : document;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
