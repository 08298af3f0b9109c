import * as vscode from 'vscode';
import { CommandId } from '../../core/commandIds';
import type { AgentCache } from '../../core/diagnostics/agentCache';
import { parseRunConfig } from '../../core/runConfig/runConfigDocument';
import { removeParameterEdits, replaceAgentIdEdit, type TextEdit } from '../../core/runConfig/runConfigEdits';
import { sameDiagnostic } from './convert';
import type { DiagnosticsController } from './diagnosticsController';
import { forIconLabel, forNotification, forPlain } from '../../core/text/sinks';

/** Quick fixes for edit-time diagnostics: pick another agent, remove an unknown parameter. */
export class RunConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly controller: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const published = this.controller.publishedFor(document.uri);
    if (!published) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const description = published.descriptions.find((d) => d.quickFix && sameDiagnostic(document, diagnostic, d));
      const fix = description?.quickFix;
      if (!fix) continue;
      if (fix.fix === 'pick-agent') {
        const title = forIconLabel(vscode.l10n.t('Pick another agent…'));
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { title, command: CommandId.pickAgentForEntry, arguments: [document.uri, fix.entryIndex] };
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      } else {
        const entry = parseRunConfig(document.getText()).entries.find((e) => e.index === fix.entryIndex);
        if (!entry) continue;
        const action = new vscode.CodeAction(forIconLabel(vscode.l10n.t('Remove input parameter "{0}"', fix.key)), vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(document, removeParameterEdits(document.getText(), entry, fix.key));
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}

/**
 * "Pick another agent…": a quick pick over the cached agent list (no extra request when fresh);
 * the chosen id replaces the entry's `agentId` value.
 */
export async function pickAgentForEntry(cache: AgentCache, uri: vscode.Uri, entryIndex: number): Promise<boolean> {
  const agents = await cache.get();
  if (!agents) {
    void vscode.window.showWarningMessage(forNotification(vscode.l10n.t('The agent list is not available. Check the API key and connection.')));
    return false;
  }
  const items = [...agents.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    // Agent names are server text: a name like "$(warning) Prices" must not draw an icon.
    .map((agent) => ({ label: forIconLabel(agent.name) || forIconLabel(vscode.l10n.t('Agent {0}', agent.id)), description: forIconLabel(vscode.l10n.t('#{0}', agent.id)), agentId: agent.id }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: forPlain(vscode.l10n.t('Agent to run')), matchOnDescription: true });
  if (!picked) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const entry = parseRunConfig(document.getText()).entries.find((e) => e.index === entryIndex);
  const edit = entry && replaceAgentIdEdit(entry, picked.agentId);
  if (!edit) return false;
  return vscode.workspace.applyEdit(workspaceEdit(document, [edit]));
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    const range = new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
    result.replace(document.uri, range, edit.content);
  }
  return result;
}
