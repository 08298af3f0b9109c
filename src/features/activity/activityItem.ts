import type * as vscode from 'vscode';
import type { ActivityItemView, ActivityNode } from '../../core/runs/activityRows';
import { treeItemOf } from '../../platform/treeItem';

/** Builds the VS Code item of a row of the Upcoming or Recent Runs view (every decision is in core). */
export function activityItem(node: ActivityNode, view: ActivityItemView): vscode.TreeItem {
  return treeItemOf(node.id, view);
}
