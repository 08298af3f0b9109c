import * as vscode from 'vscode';
import { DebouncedSearch } from '../core/debouncedSearch';
import { systemClock } from '../core/runs/clock';
import type { PickItem, SearchPickOptions, UserInterface } from '../core/ui';

type Entry<T> = vscode.QuickPickItem & { value?: T };

function entries<T>(items: readonly PickItem<T>[]): Entry<T>[] {
  const result: Entry<T>[] = [];
  for (const item of items) {
    if (item.group) result.push({ label: item.group, kind: vscode.QuickPickItemKind.Separator });
    result.push({ label: item.label, description: item.description, detail: item.detail, value: item.value });
  }
  return result;
}

/** createQuickPick whose items follow a debounced search of what is typed. */
function searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<Entry<T>>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.items = entries(options.initial);
  const search = new DebouncedSearch<readonly PickItem<T>[]>({
    clock: systemClock,
    delayMs: options.debounceMs ?? 300,
    search: (query, signal) => options.search(query, signal),
    onResults: (_query, results) => (pick.items = entries(results ?? options.initial)),
    onBusy: (busy) => (pick.busy = busy),
  });
  return new Promise<T | undefined>((resolve) => {
    let chosen: T | undefined;
    pick.onDidChangeValue((value) => search.changed(value));
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      search.dispose();
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
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
  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
  warn: (message, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
  pick: async <T>(items: readonly PickItem<T>[], options?: { title?: string; placeholder?: string; matchOnDescription?: boolean }) => {
    const picked = await vscode.window.showQuickPick(entries(items), {
      title: options?.title,
      placeHolder: options?.placeholder,
      matchOnDescription: options?.matchOnDescription,
    });
    return picked?.value;
  },
  askText: (options) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    ),
  ask: (message, options, ...actions) => {
    const show = options.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, { modal: options.modal, detail: options.detail }, ...actions));
  },
  searchPick,
  withProgress: (title, task) =>
    Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
};
