import * as vscode from 'vscode';
import { parseRunConfig } from '../../core/runConfig/runConfigDocument';
import { readRunConfigStart } from '../../core/runConfig/runConfigOptions';
import { describeEntryRun, type RunConfigStartArgs } from '../../core/runConfig/runConfigSource';
import { toRange } from './convert';
import type { DiagnosticsController } from './diagnosticsController';

/** Internal command behind the CodeLens "Open run" (not in the palette). */
export const OPEN_RUN_COMMAND = 'sequentum.runConfig.openRun';

/**
 * One CodeLens row per run-config entry: "Start run" (through `sequentum.startRun`, so the
 * duplicate-run check applies), and while a run from the entry is in flight "Stop" and
 * "Open run"; plus the last outcome ("last run: failure 3m ago"). Hidden in untrusted workspaces.
 */
export class RunConfigCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: DiagnosticsController) {
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
          new vscode.CodeLens(range, { title: '$(debug-stop) Stop', command: 'sequentum.stopRun', arguments: [ref], tooltip: `Stop run ${state.runId}` }),
          new vscode.CodeLens(range, { title: '$(link-external) Open run', command: OPEN_RUN_COMMAND, arguments: [ref], tooltip: `Show run ${state.runId}` }),
        );
      } else if (start) {
        const args: RunConfigStartArgs = { agentId: start.agentId, options: start.options, source };
        lenses.push(new vscode.CodeLens(range, { title: '$(play) Start run', command: 'sequentum.startRun', arguments: [args], tooltip: `Start "${start.name}" (agent ${start.agentId})` }));
      } else {
        lenses.push(new vscode.CodeLens(range, { title: 'Set a numeric agentId to start this run', command: '' }));
      }
      if (state) lenses.push(new vscode.CodeLens(range, { title: describeEntryRun(state, now), command: '' }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => void d.dispose());
  }
}

function toDisposable(d: { dispose(): unknown }): vscode.Disposable {
  return new vscode.Disposable(() => void d.dispose());
}
