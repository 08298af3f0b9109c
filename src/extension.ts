import type * as vscode from 'vscode';
import { Container } from './container';

let container: Container | undefined;

export function activate(context: vscode.ExtensionContext) {
  container = new Container(context);
  context.subscriptions.push(container);
  return container.api();
}

export function deactivate(): void {
  container = undefined;
}
