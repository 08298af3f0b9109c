import * as vscode from 'vscode';
import type { ActivityItemView, ActivityNode } from '../../core/runs/activityRows';
import { toMarkdownString } from '../../platform/markdownString';

/** Builds the VS Code item of a row of the Upcoming or Recent Runs view (every decision is in core). */
export function activityItem(node: ActivityNode, view: ActivityItemView): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, view.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = view.description;
  item.iconPath = new vscode.ThemeIcon(view.iconId, view.iconColor ? new vscode.ThemeColor(view.iconColor) : undefined);
  // Server text inside is escaped; still rendered untrusted: no command links, no HTML, no icons.
  item.tooltip = toMarkdownString(view.tooltip);
  item.contextValue = view.contextValue;
  if (view.command) item.command = { command: view.command.id, title: view.command.title, arguments: view.command.arguments };
  return item;
}
