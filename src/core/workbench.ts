import type { GrowingFile } from './files/growingFile';
import type { MarkdownText } from './text/markdownText';
import type { NotificationText, PlainText } from './text/sinks';

/**
 * Workbench operations the tree's commands need beyond prompts (see ui.ts): files, progress with
 * cancellation, external links, read-only Markdown documents. The VS Code adapter is
 * src/platform/vscodeWorkbench.ts; unit tests implement it in memory.
 */
export interface Workbench {
  /**
   * Where to download `name` before opening it: the opened-files cache under the extension's
   * storage, a per-run `folder` so names do not collide (the folder exists). Makes room first:
   * the cache is bounded by age and size (OpenedFilesCache); files open in an editor stay.
   */
  cachedFilePath(folder: string, name: string): Promise<string>;
  /** Opens a file on disk in a text editor with `languageId`. */
  openTextFile(path: string, languageId: string): Promise<void>;
  /**
   * Opens a CSV or JSON-array file on disk in the table view (read-only, rows read on demand).
   * `growing`: the file is still downloading to `path`; the table follows it (first rows early).
   */
  openTable(path: string, growing?: GrowingFile): Promise<void>;
  /** Asks for a folder to save into; undefined when dismissed. */
  chooseFolder(title: PlainText): Promise<string | undefined>;
  /**
   * Asks where to save a file (the system's save dialog, which asks before replacing a file);
   * `suggestedName` is proposed in the workspace folder (else the home folder). Undefined when dismissed.
   */
  chooseSaveFile(title: PlainText, suggestedName: string): Promise<string | undefined>;
  /** A path in `folder` for `name` that is not taken yet: " (1)", " (2)"… added when needed. */
  freeFilePath(folder: string, name: string): Promise<string>;
  /**
   * Runs `task` with a cancellable progress notification. `report(message, increment)` updates it
   * (`increment` in percent of the whole). The signal aborts when the user cancels.
   */
  progress<T>(title: NotificationText, task: (report: (message: NotificationText, increment?: number) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Opens a URL in the browser; false when the user or the host refused. */
  openExternal(url: string): Promise<boolean>;
  /** Shows Markdown as a read-only document (preview), addressed by `path` within our scheme. */
  showMarkdown(path: string, markdown: MarkdownText): Promise<void>;
  /** Shows a file in the OS file manager / explorer. */
  revealFile(path: string): Promise<void>;
}
