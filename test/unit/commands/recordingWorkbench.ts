import type { Workbench } from '../../../src/core/workbench';

/** A Workbench that records what the handlers asked for; folders are answered from a script. */
export class RecordingWorkbench implements Workbench {
  readonly opened: { folder: string; name: string; text: string; languageId: string }[] = [];
  readonly saved: { folder: string; name: string; bytes: Uint8Array }[] = [];
  readonly external: string[] = [];
  readonly markdown: { path: string; markdown: string }[] = [];
  readonly progressTitles: string[] = [];
  readonly progressMessages: string[] = [];
  folderAnswer: string | undefined;

  openTextFile(folder: string, name: string, bytes: Uint8Array, languageId: string): Promise<string> {
    this.opened.push({ folder, name, text: new TextDecoder().decode(bytes), languageId });
    return Promise.resolve(`/storage/${folder}/${name}`);
  }
  chooseFolder(): Promise<string | undefined> {
    return Promise.resolve(this.folderAnswer);
  }
  saveFile(folder: string, name: string, bytes: Uint8Array): Promise<string> {
    this.saved.push({ folder, name, bytes });
    return Promise.resolve(`${folder}/${name}`);
  }
  async progress<T>(title: string, task: (report: (message: string, increment?: number) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return task((message) => this.progressMessages.push(message), new AbortController().signal);
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
