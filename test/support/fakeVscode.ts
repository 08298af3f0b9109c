import Module from 'node:module';

/**
 * A fake `vscode` module for the unit tier (plain Node has none): just what the command wrapper
 * (`src/platform/commandRegistry.ts`) and the failure notifier use — a command registry that runs
 * what was registered, `Disposable`, `CancellationError`, `env.openExternal`, `Uri.parse` — and a
 * status bar item, quick picks the test answers ({@link FakeQuickPick}), `EventEmitter`, `MarkdownString`, settings that are all unset (`get` returns the caller's default), `l10n.t` as is. Import
 * this file before any `src/platform` or `src/features` module: it answers `require('vscode')`.
 */

type Handler = (...args: unknown[]) => unknown;

class Disposable {
  constructor(private readonly release: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((item) => void item.dispose()));
  }
  dispose(): void {
    this.release();
  }
}

class EventEmitter<T> {
  private listeners: Array<(value: T) => unknown> = [];
  readonly event = (listener: (value: T) => unknown): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((other) => other !== listener)));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/**
 * A quick pick as the extension host gives it: the test plays the user (`type`, `accept`,
 * `userCloses`). As in VS Code, onDidHide comes a moment after hide() (the window answers), once.
 */
export class FakeQuickPick<Item extends { label: string }> {
  title: string | undefined;
  placeholder: string | undefined;
  items: readonly Item[] = [];
  busy = false;
  value = '';
  matchOnDescription = false;
  selectedItems: readonly Item[] = [];
  visible = false;
  disposeCount = 0;
  private readonly changedValue = new EventEmitter<string>();
  private readonly accepted = new EventEmitter<void>();
  private readonly hidden = new EventEmitter<void>();
  private readonly changedActive = new EventEmitter<readonly Item[]>();
  readonly onDidChangeValue = this.changedValue.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidChangeActive = this.changedActive.event;
  show(): void {
    this.visible = true;
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    setImmediate(() => this.hidden.fire());
  }
  dispose(): void {
    this.disposeCount++;
    this.hide();
  }
  type(value: string): void {
    this.value = value;
    this.changedValue.fire(value);
  }
  /** Enter on `item` (or on nothing: Enter while the list is empty). */
  accept(item?: Item): void {
    this.selectedItems = item ? [item] : [];
    this.accepted.fire();
  }
  userCloses(): void {
    this.hide();
  }
}

/** Every quick pick the code created, in order. */
export const createdQuickPicks: unknown[] = [];

const registered = new Map<string, Handler>();
/** URLs the code asked VS Code to open. */
export const openedExternally: string[] = [];

export const fakeVscode = {
  Disposable,
  EventEmitter,
  QuickPickItemKind: { Separator: -1, Default: 0 },
  CancellationError: class CancellationError extends Error {},
  commands: {
    registerCommand(id: string, handler: Handler): Disposable {
      if (registered.has(id)) throw new Error(`command '${id}' already exists`);
      registered.set(id, handler);
      return new Disposable(() => registered.delete(id));
    },
  },
  env: { openExternal: (uri: { toString(): string }) => Promise.resolve(void openedExternally.push(uri.toString())) },
  Uri: { parse: (value: string) => ({ toString: () => value }) },
  // For features with a status bar item (the credits item): an item that keeps what it was given.
  StatusBarAlignment: { Left: 1, Right: 2 },
  MarkdownString: class MarkdownString {
    isTrusted = false;
    supportHtml = false;
    constructor(public value = '') {}
  },
  window: {
    createStatusBarItem: (id: string) => ({ id, name: '', text: '', tooltip: undefined as unknown, command: undefined as unknown, visible: false,
      show(): void { this.visible = true; }, hide(): void { this.visible = false; }, dispose: () => undefined }),
    createQuickPick: <Item extends { label: string }>(): FakeQuickPick<Item> => {
      const pick = new FakeQuickPick<Item>();
      createdQuickPicks.push(pick);
      return pick;
    },
  },
  // No settings changes happen in the unit tier; every setting is unset, so `get` answers what VS
  // Code answers for an unset setting without a contributed default: the caller's default.
  workspace: {
    onDidChangeConfiguration: () => new Disposable(() => undefined),
    getConfiguration: () => ({ get: <T>(_key: string, defaultValue?: T): T | undefined => defaultValue }),
  },
  l10n: { t: (message: string) => message },
};

/** Runs a registered command as VS Code would (by id, with the arguments a menu or the palette passes). */
export function executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
  const handler = registered.get(id);
  if (!handler) return Promise.reject(new Error(`command '${id}' not found`));
  return Promise.resolve(handler(...args));
}

/** Ids registered right now. */
export function registeredCommands(): string[] {
  return [...registered.keys()];
}

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = loader._load.bind(loader);
loader._load = (request, parent, isMain) => (request === 'vscode' ? fakeVscode : load(request, parent, isMain));
