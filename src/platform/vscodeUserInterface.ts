import * as vscode from 'vscode';
import { DebouncedSearch } from '../core/debouncedSearch';
import { systemClock } from '../core/clock';
import type { LoadedPick, PickItem, UserInterface } from '../core/ui';
import { withNotificationProgress } from './notificationProgress';

type Entry<T> = vscode.QuickPickItem & { value?: T };

/**
 * A prompt as it was shown: the item labels of a pick, the prefilled text of an input box, or a
 * notification's message (as VS Code received it) and buttons.
 */
export type ShownPrompt =
  | { kind: 'pick'; title?: string; labels: string[] }
  | { kind: 'input'; title?: string; value?: string; validation?: string }
  | { kind: 'notification'; severity: 'info' | 'warning' | 'error'; message: string; actions: string[] };

const promptShown = new vscode.EventEmitter<ShownPrompt>();

/**
 * Fires once a prompt can take an answer: a pick when VS Code reports its first active item (the
 * items reached the window), an input box or a notification once it was sent to the window. Host
 * tests wait on it before they accept (a notification's first button: notification.acceptPrimaryAction),
 * instead of sleeping.
 */
export const onDidShowPrompt: vscode.Event<ShownPrompt> = promptShown.event;

/** Fires {@link onDidShowPrompt} the first time `pick` reports active items (or at once when it has none). */
function reportWhenActive<T>(pick: vscode.QuickPick<Entry<T>>): void {
  const report = () => promptShown.fire({ kind: 'pick', title: pick.title, labels: pick.items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator).map((item) => item.label) });
  if (pick.items.length === 0) {
    report();
    return;
  }
  const subscription = pick.onDidChangeActive((active) => {
    if (active.length === 0) return;
    subscription.dispose();
    report();
  });
}

function entries<T>(items: readonly PickItem<T>[]): Entry<T>[] {
  const result: Entry<T>[] = [];
  for (const item of items) {
    if (item.group) result.push({ label: item.group, kind: vscode.QuickPickItemKind.Separator });
    result.push({ label: item.label, description: item.description, detail: item.detail, value: item.value });
  }
  return result;
}

/** Reports a notification once VS Code has it (the show call sent it to the window). */
function notify<T extends string>(severity: 'info' | 'warning' | 'error', shown: Thenable<T | undefined>, message: string, actions: string[]): Promise<T | undefined> {
  promptShown.fire({ kind: 'notification', severity, message, actions });
  return Promise.resolve(shown);
}

/** What {@link showPick} shows first: the items, or a busy pick while `load` reads them. */
type FirstShown<T> = LoadedPick<T> | { kind: 'loading'; placeholder: string; load: (signal: AbortSignal) => Promise<LoadedPick<T> | undefined> };

/**
 * Every pick is one createQuickPick (rather than showQuickPick, so readiness can be reported):
 * fixed items, items that follow a debounced search of what is typed, or either of those after a
 * busy phase while they load (text typed meanwhile is kept; Enter does nothing until items exist).
 */
function showPick<T>(title: string | undefined, first: FirstShown<T>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<Entry<T>>();
  pick.title = title;
  const loading = new AbortController();
  let search: DebouncedSearch<readonly PickItem<T>[]> | undefined;
  let loaded = first.kind !== 'loading';
  let closed = false;
  let chosen: T | undefined;
  let loadFailure: { error: unknown } | undefined;

  const apply = (content: LoadedPick<T>): void => {
    pick.placeholder = content.placeholder;
    pick.matchOnDescription = content.matchOnDescription ?? false;
    if (content.kind === 'fixed') {
      pick.items = entries(content.items);
    } else {
      pick.items = entries(content.initial);
      search = new DebouncedSearch<readonly PickItem<T>[]>({
        clock: systemClock,
        delayMs: content.debounceMs ?? 300,
        search: (query, signal) => content.search(query, signal),
        onResults: (_query, results) => (pick.items = entries(results ?? content.initial)),
        onBusy: (busy) => (pick.busy = busy),
      });
      if (pick.value.trim() !== '') search.changed(pick.value);
    }
    loaded = true;
    reportWhenActive(pick);
  };

  return new Promise<T | undefined>((resolve, reject) => {
    pick.onDidChangeValue((value) => search?.changed(value));
    pick.onDidAccept(() => {
      if (!loaded) return;
      chosen = pick.selectedItems[0]?.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      closed = true;
      loading.abort();
      search?.dispose();
      pick.dispose();
      if (loadFailure) reject(loadFailure.error instanceof Error ? loadFailure.error : new Error(String(loadFailure.error)));
      else resolve(chosen);
    });
    if (first.kind !== 'loading') {
      apply(first);
      pick.show();
      return;
    }
    pick.placeholder = first.placeholder;
    pick.busy = true;
    pick.show();
    first.load(loading.signal).then(
      (content) => {
        if (closed) return;
        pick.busy = false;
        if (content === undefined) pick.hide();
        else apply(content);
      },
      (error: unknown) => {
        if (closed) return;
        loadFailure = { error };
        pick.hide();
      },
    );
  });
}

/** UserInterface port implemented with VS Code's window API. */
export const vscodeUserInterface: UserInterface = {
  askSecret: (prompt, validate) =>
    Promise.resolve(
      vscode.window.showInputBox({
        prompt,
        password: true,
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    ),
  info: (message, ...actions) => notify('info', vscode.window.showInformationMessage(message, ...actions), message, actions),
  warn: (message, ...actions) => notify('warning', vscode.window.showWarningMessage(message, ...actions), message, actions),
  error: (message, ...actions) => notify('error', vscode.window.showErrorMessage(message, ...actions), message, actions),
  pick: (items, options) => showPick(options?.title, { kind: 'fixed', items, ...options }),
  pickWhileLoading: (options, load) => showPick(options.title, { kind: 'loading', placeholder: options.loadingPlaceholder, load }),
  askText: (options) => {
    const shown = vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      ignoreFocusOut: true,
      validateInput: options.validate,
    });
    // showInputBox has sent the box to the window by now; commands sent after this reach it after.
    // With the message the box shows for its first value (a server's refusal reopened at the field).
    const validation = options.value === undefined ? undefined : options.validate?.(options.value);
    promptShown.fire({ kind: 'input', title: options.title, value: options.value, ...(validation ? { validation } : {}) });
    return Promise.resolve(shown);
  },
  ask: (message, options, ...actions) => {
    const show = options.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, { modal: options.modal, detail: options.detail }, ...actions));
  },
  searchPick: (options) => showPick(options.title, { kind: 'search', ...options }),
  withProgress: (title, task, options) =>
    withNotificationProgress(title, { cancellable: options?.cancellable ?? false }, (progress, signal) =>
      task({ report: (message) => progress.report({ message }), signal }),
    ),
};
