import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { GrowingFile } from '../../src/core/files/growingFile';
import type { Workbench } from '../../src/core/workbench';

/** One temporary folder per test process for the files the handlers download; removed at exit. */
let scratch: string | undefined;
function scratchFolder(): string {
  if (!scratch) {
    const made = mkdtempSync(join(tmpdir(), 'seq-workbench-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    scratch = made;
  }
  return scratch;
}

/**
 * A Workbench that records what the handlers asked for; folders are answered from a script. Files
 * are real (downloads stream to disk): the cache and `tempFolder()` live in a temporary folder.
 */
export class RecordingWorkbench implements Workbench {
  readonly opened: { folder: string; name: string; path: string; text: string; languageId: string }[] = [];
  /** Paths handed out for saving; `bytes` reads what was written there. */
  readonly saved: { folder: string; name: string; path: string; readonly bytes: Uint8Array }[] = [];
  readonly external: string[] = [];
  readonly markdown: { path: string; markdown: string }[] = [];
  readonly progressTitles: string[] = [];
  readonly progressMessages: string[] = [];
  /** The bar's increments as reported (VS Code adds them up; it has no way back). */
  readonly progressIncrements: number[] = [];
  folderAnswer: string | undefined;
  /** The save dialog's answer (a path) and what it was asked: [title, suggested name]. */
  saveAnswer: string | undefined;
  readonly saveDialogs: { title: string; suggestedName: string }[] = [];
  /** Cancels a progress notification (as its Cancel button) at the first report this returns true for. */
  cancelProgressWhen: ((message: string) => boolean) | undefined;

  /** A new empty real folder (e.g. to answer chooseFolder with). */
  tempFolder(name: string): string {
    return mkdtempSync(join(scratchFolder(), `${name}-`));
  }

  cachedFilePath(folder: string, name: string): Promise<string> {
    const dir = join(scratchFolder(), 'cache', folder);
    mkdirSync(dir, { recursive: true });
    return Promise.resolve(join(dir, name));
  }
  openTextFile(path: string, languageId: string): Promise<void> {
    this.opened.push({ folder: basename(dirname(path)), name: basename(path), path, text: readFileSync(path, 'utf8'), languageId });
    return Promise.resolve();
  }
  /** Paths opened as tables while still downloading (the table would follow the download). */
  readonly openedGrowing: string[] = [];
  /** Recorded in `opened` with languageId `table` (the table view) once the file is whole on disk. */
  async openTable(path: string, growing?: GrowingFile): Promise<void> {
    if (growing && !growing.isComplete) {
      this.openedGrowing.push(path);
      // A viewer that shows at once: the download does not pause for it (HOLD_FOR_VIEWER_MS).
      growing.viewerShowing();
      await growing.settled;
      if (growing.hasFailed) return;
    }
    return this.openTextFile(path, 'table');
  }
  chooseFolder(): Promise<string | undefined> {
    return Promise.resolve(this.folderAnswer);
  }
  chooseSaveFile(title: string, suggestedName: string): Promise<string | undefined> {
    this.saveDialogs.push({ title, suggestedName });
    return Promise.resolve(this.saveAnswer);
  }
  freeFilePath(folder: string, name: string): Promise<string> {
    const path = join(folder, name);
    this.saved.push({ folder, name, path, get bytes() { return readFileSync(path); } });
    return Promise.resolve(path);
  }
  async progress<T>(title: string, task: (report: (message: string, increment?: number) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    const cancel = new AbortController();
    return task((message, increment) => {
      this.progressMessages.push(message);
      if (increment !== undefined) this.progressIncrements.push(increment);
      if (this.cancelProgressWhen?.(message)) cancel.abort();
    }, cancel.signal);
  }
  openExternal(url: string): Promise<boolean> {
    this.external.push(url);
    return Promise.resolve(true);
  }
  showMarkdown(path: string, markdown: string): Promise<void> {
    this.markdown.push({ path, markdown });
    return Promise.resolve();
  }
  revealFile(): Promise<void> {
    return Promise.resolve();
  }
}
