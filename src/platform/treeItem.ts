import * as vscode from 'vscode';
import type { TreeItemView } from '../core/tree/presentation';
import { toMarkdownString } from './markdownString';

/** What every tree row of ours is described as in core: the Agents view's and the activity views' rows. */
export type RowView = Omit<TreeItemView, 'collapsible'> & { collapsible: 'none' | 'collapsed' | 'expanded' };

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

/** The VS Code item of a row whose every decision was made in core (label, icon, tooltip, menu tokens, click). */
export function treeItemOf(id: string, view: RowView): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
  item.id = id;
  item.description = view.description;
  item.iconPath = new vscode.ThemeIcon(view.iconId, view.iconColor ? new vscode.ThemeColor(view.iconColor) : undefined);
  // Server text inside is escaped; still rendered untrusted: no command links, no HTML, no icons.
  item.tooltip = toMarkdownString(view.tooltip);
  item.contextValue = view.contextValue;
  if (view.command) item.command = { command: view.command.id, title: view.command.title, arguments: view.command.arguments };
  return item;
}
