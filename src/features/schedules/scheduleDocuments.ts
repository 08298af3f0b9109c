import * as vscode from 'vscode';
import { DisposableStore } from '../../core/lifecycle';
import { OnDemand } from '../../core/onDemand';
import { REMOTE_SCHEME } from '../../core/remote/remoteScheme';
import { uriOf } from '../../platform/remoteUri';
import type { ScheduleDocumentsDeps } from './scheduleDeps';
import type { ScheduleMachinery } from './scheduleMachinery';
import { isScheduleDocument } from './scheduleUris';

/**
 * Schedules as documents in VS Code: activation registers the `sequentum:` file system, the hover
 * and zone completion; what they do (ScheduleMachinery: the file system, its checks, cron words and
 * jsonc-parser) is imported on the first call — VS Code stats and reads a `sequentum:` document
 * before it shows one, so no schedule document exists without it. A machinery that cannot be loaded
 * is logged and fails that call (VS Code shows the failed open or save); the next call tries again.
 */
export class ScheduleDocuments extends DisposableStore {
  private readonly machinery: OnDemand<ScheduleMachinery>;
  private readonly changed = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());

  constructor(private readonly deps: ScheduleDocumentsDeps) {
    super();
    this.machinery = this.register(new OnDemand(() => this.build(), { log: deps.log, what: 'schedule documents' }));
    const provider = (use: string) => this.machinery.load(use).then((built) => built.provider);
    this.register(
      vscode.workspace.registerFileSystemProvider(
        REMOTE_SCHEME,
        {
          onDidChangeFile: this.changed.event,
          // Nothing to watch: the server is not a disk; changes we make are announced by onDidChangeFile.
          watch: () => new vscode.Disposable(() => undefined),
          stat: async (uri) => (await provider('stat')).stat(uri),
          readFile: async (uri) => (await provider('read')).readFile(uri),
          writeFile: async (uri, content) => (await provider('save')).writeFile(uri, content),
          readDirectory: async () => (await provider('read directory')).readDirectory(),
          createDirectory: async (uri) => (await provider('create directory')).createDirectory(uri),
          delete: async (uri) => (await provider('delete')).delete(uri),
          rename: async (oldUri) => (await provider('rename')).rename(oldUri),
        },
        { isCaseSensitive: true },
      ),
    );
    // Only a schedule the machinery saved (new.json) moves: before it exists there is nothing to do.
    this.register(vscode.workspace.onDidSaveTextDocument((document) => void this.machinery.built?.afterSave(document)));
    const selector: vscode.DocumentSelector = { scheme: REMOTE_SCHEME };
    this.register(
      vscode.languages.registerHoverProvider(selector, {
        provideHover: async (document, position) => (isScheduleDocument(document.uri) ? (await this.machinery.load('hover')).hover(document, position) : undefined),
      }),
    );
    this.register(
      vscode.languages.registerCompletionItemProvider(
        selector,
        { provideCompletionItems: async (document, position) => (isScheduleDocument(document.uri) ? (await this.machinery.load('completion')).zones(document, position) : undefined) },
        '"',
        '/',
      ),
    );
  }

  /** Opens (or shows) a `sequentum:` document, kept open (not a preview). */
  readonly openDocument = async (path: string): Promise<void> => {
    const document = await vscode.workspace.openTextDocument(uriOf(path));
    await vscode.window.showTextDocument(document, { preview: false });
  };

  private async build(): Promise<ScheduleMachinery> {
    const { ScheduleMachinery } = await import('./scheduleMachinery.js');
    const built = new ScheduleMachinery(this.deps);
    built.register(built.provider.onDidChangeFile((events) => this.changed.fire(events)));
    return built;
  }

}
