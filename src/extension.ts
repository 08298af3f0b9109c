import type * as vscode from 'vscode';
import { Container } from './container';
import { installTranslator } from './platform/translate';

let container: Container | undefined;

export function activate(context: vscode.ExtensionContext) {
  // Before anything shows text: core's strings go through vscode.l10n.t from the first one on.
  context.subscriptions.push(installTranslator());
  container = new Container(context);
  context.subscriptions.push(container);
  return container.api();
}

export function deactivate(): void {
  container = undefined;
}
