import * as vscode from 'vscode';
import { CommandId } from '../../core/commandIds';
import { parseRunConfig } from '../../core/runConfig/runConfigDocument';
import { readRunConfigStart } from '../../core/runConfig/runConfigOptions';
import { describeEntryRun, type RunConfigStartArgs } from '../../core/runConfig/runConfigSource';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnosticsController';
import type { AgentCache } from '../../core/diagnostics/agentCache';
import { forIconLabel, forPlain, withIcon, type IconLabelText, type PlainText } from '../../core/text/sinks';


/**
 * One CodeLens row per run-config entry: "Start run" (through `sequentum.startRun`, so the
 * duplicate-run check applies), and while a run from the entry is in flight "Stop" and
 * "Open run"; plus the last outcome ("last run: failure 3m ago"). Hidden in untrusted workspaces.
 */
export class RunConfigCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly controller: DiagnosticsController,
    /** The edit-time checks' agent list: its names go into the start arguments, without a request. */
    private readonly agents: Pick<AgentCache, 'peek'>,
  ) {
    this.subscriptions = [
      this.changed,
      toDisposable(controller.onDidChangeLenses(() => this.changed.fire())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const lenses: vscode.CodeLens[] = [];
    const now = Date.now();
    for (const entry of parseRunConfig(document.getText()).entries) {
      const range = toRange(document, { start: entry.range.start, end: entry.range.start });
      const start = readRunConfigStart(entry);
      const source = { uri: document.uri.toString(), entryIndex: entry.index };
      const state = this.controller.runStates.get(source);
      if (state?.outcome === 'in-flight' && state.runId !== undefined) {
        const ref = { agentId: state.agentId, runId: state.runId };
        lenses.push(
          lens(range, withIcon('debug-stop', forIconLabel(vscode.l10n.t('Stop'))), CommandId.stopRun, [ref], forPlain(vscode.l10n.t('Stop run {0}', state.runId))),
          lens(range, withIcon('link-external', forIconLabel(vscode.l10n.t('Open run'))), CommandId.openRunFromCodeLens, [ref], forPlain(vscode.l10n.t('Show run {0}', state.runId))),
        );
      } else if (start) {
        const agentName = this.agents.peek()?.get(start.agentId)?.name;
        const args: RunConfigStartArgs = { agentId: start.agentId, ...(agentName ? { agentName } : {}), options: start.options, source };
        const tooltip = forPlain(vscode.l10n.t('Start "{0}" (agent {1})', start.name, start.agentId));
        lenses.push(lens(range, withIcon('play', forIconLabel(vscode.l10n.t('Start run'))), CommandId.startRun, [args], tooltip));
      } else {
        lenses.push(lens(range, forIconLabel(vscode.l10n.t('Set a numeric agentId to start this run')), ''));
      }
      if (state) lenses.push(lens(range, forIconLabel(describeEntryRun(state, now)), ''));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => void d.dispose());
  }
}

/** A CodeLens whose title and tooltip went through their sinks (run names and statuses are file or server text). */
function lens(range: vscode.Range, title: IconLabelText, command: string, args: unknown[] = [], tooltip?: PlainText): vscode.CodeLens {
  return new vscode.CodeLens(range, { title, command, arguments: args, tooltip });
}

function toDisposable(d: { dispose(): unknown }): vscode.Disposable {
  return new vscode.Disposable(() => void d.dispose());
}
