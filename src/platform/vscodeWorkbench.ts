import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError } from '../core/api/errors';
import type { GrowingFiles } from '../core/files/growingFile';
import type { OpenedFilesCache } from '../core/files/openedFilesCache';
import type { Logger } from '../core/log';
import { TABLE_VIEW_TYPE } from '../core/table/tableKinds';
import type { Workbench } from '../core/workbench';
import type { DiagnosticsDocuments } from './diagnosticsDocuments';
import { showFolderDialog, showSaveFileDialog } from './fileDialogs';
import { withNotificationProgress } from './notificationProgress';

/** The first prune of the opened-files cache waits this long after activation (activation does no I/O). */
const FIRST_PRUNE_DELAY_MS = 60_000;

/** The Workbench port over VS Code: the opened-files cache, progress, links, Markdown preview. */
export function createVscodeWorkbench(openedFiles: OpenedFilesCache, documents: DiagnosticsDocuments, growingFiles: GrowingFiles, log: Logger): Workbench {
  return {
    async cachedFilePath(folder, name) {
      await pruneOpenedFiles(openedFiles, log);
      return openedFiles.pathFor(folder, name);
    },
    async openTextFile(filePath, languageId) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(filePath));
      const typed = document.languageId === languageId ? document : await setLanguage(document, languageId);
      await vscode.window.showTextDocument(typed, { preview: false });
    },
    async openTable(filePath, growing) {
      // Still downloading: the table view (src/features/outputTable) finds it here and follows it.
      if (growing && !growing.isComplete) growingFiles.add(growing);
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(filePath), TABLE_VIEW_TYPE, { preview: false });
    },
    chooseFolder: showFolderDialog,
    chooseSaveFile: showSaveFileDialog,
    async freeFilePath(folder, name) {
      const parsed = path.parse(name);
      for (let attempt = 0; ; attempt++) {
        const candidate = attempt === 0 ? name : `${parsed.name} (${attempt})${parsed.ext}`;
        const uri = vscode.Uri.joinPath(vscode.Uri.file(folder), candidate);
        if (!(await exists(uri))) return uri.fsPath;
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

/** Trims the opened-files cache once, a while after activation; later trims come with each opened file. */
export function scheduleOpenedFilesPrune(openedFiles: OpenedFilesCache, log: Logger): vscode.Disposable {
  const timer = setTimeout(() => void pruneOpenedFiles(openedFiles, log), FIRST_PRUNE_DELAY_MS);
  timer.unref();
  return new vscode.Disposable(() => clearTimeout(timer));
}

/** Files open in an editor (text or table) are kept; a failed prune is logged and never fails the command. */
async function pruneOpenedFiles(openedFiles: OpenedFilesCache, log: Logger): Promise<void> {
  const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => d.uri.fsPath));
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputCustom && tab.input.uri.scheme === 'file') open.add(tab.input.uri.fsPath);
  }
  try {
    const result = await openedFiles.prune(open);
    if (result.removedFiles > 0) log.info(`Opened-files cache: removed ${result.removedFiles} files (${result.removedBytes} bytes); ${result.keptBytes} bytes kept`);
  } catch (error) {
    log.warn('Opened-files cache: prune failed', error);
  }
}

function withCancellableProgress<T>(
  title: string,
  task: (report: (message: string, increment?: number) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withNotificationProgress(title, { cancellable: true, abortReason: () => new CancelledError() }, (progress, signal) =>
    task((message, increment) => progress.report({ message, increment }), signal),
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
