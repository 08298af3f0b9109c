import type { MarkdownText } from './text/markdownText';
import type { NotificationText, PlainText } from './text/sinks';

/**
 * Workbench operations the tree's commands need beyond prompts (see ui.ts): files, progress with
 * cancellation, external links, read-only Markdown documents. The VS Code adapter is
 * src/platform/vscodeWorkbench.ts; unit tests implement it in memory.
 */
export interface Workbench {
  /**
   * Saves `bytes` under the extension's storage (a per-run folder, so names do not collide) and
   * opens the file in a text editor with `languageId`. Returns the file's path.
   */
  openTextFile(folder: string, name: string, bytes: Uint8Array, languageId: string): Promise<string>;
  /** Asks for a folder to save into; undefined when dismissed. */
  chooseFolder(title: PlainText): Promise<string | undefined>;
  /** Writes into `folder`, adding " (1)", " (2)"… when the name is taken. Returns the path written. */
  saveFile(folder: string, name: string, bytes: Uint8Array): Promise<string>;
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
