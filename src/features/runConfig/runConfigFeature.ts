import * as vscode from 'vscode';
import { requireClient } from '../../core/api/clientProvider';
import type { Space } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { AgentCache } from '../../core/diagnostics/agentCache';
import type { EventLike } from '../../core/emitter';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { CommandId } from '../../core/commandIds';
import { registerCommands, type CommandContext } from '../../platform/commandRegistry';
import { AgentHoverProvider } from './agentHover';
import { DiagnosticsController, isRunConfig, RUN_CONFIG_SELECTOR } from './diagnosticsController';
import { pickAgentForEntry, RunConfigQuickFixes } from './quickFixes';
import { RunConfigCodeLensProvider } from './runConfigCodeLens';

export interface RunConfigFeatureDeps {
  log: Logger;
  /** The wrapper's ports for the CodeLens / quick-fix commands. */
  commandContext: CommandContext;
  /** The current API client; undefined when no key is known. */
  api(): Promise<SequentumApi | undefined>;
  /** Fires when the key or base URL changed (the agent list must be reloaded). */
  onDidChangeApi?: EventLike<void>;
  /** Shows a run (tree, else dashboard): the CodeLens "Open run". */
  showRun(ref: { agentId: number; runId: number }): Promise<void>;
}

const SPACES_TTL_MS = 5 * 60_000;

/**
 * Run-config files (`*.sequentum.json`): the shared agent cache, the DiagnosticsController
 * (collection "sequentum"), CodeLens, hovers and quick fixes. The controller is the
 * RunConfigProblemSink that `sequentum.startRun` reports run-config starts to.
 */
export class RunConfigFeature extends DisposableStore {
  readonly cache: AgentCache;
  readonly controller: DiagnosticsController;
  private spaces: { at: number; value: Promise<readonly Space[] | undefined> } | undefined;

  constructor(private readonly deps: RunConfigFeatureDeps) {
    super();
    this.cache = this.register(new AgentCache(this.loader()));
    this.controller = this.register(new DiagnosticsController(this.cache, deps.log));
    if (deps.onDidChangeApi) {
      this.register(
        deps.onDidChangeApi(() => {
          this.spaces = undefined;
          this.cache.setLoader(this.loader());
        }),
      );
    }
    // `sequentum.runConfigOpen`: the walkthrough's run-config step completes on it (VS Code's own
    // resourceFilename is an editor-scoped key a walkthrough cannot see).
    const updateOpenContext = () =>
      void vscode.commands.executeCommand('setContext', 'sequentum.runConfigOpen', vscode.window.visibleTextEditors.some((editor) => isRunConfig(editor.document)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(updateOpenContext));
    updateOpenContext();
    const lenses = this.register(new RunConfigCodeLensProvider(this.controller, this.cache));
    this.register(vscode.languages.registerCodeLensProvider(RUN_CONFIG_SELECTOR, lenses));
    const hover = new AgentHoverProvider(this.cache, () => this.loadSpaces());
    // Agent references may appear in any document once the extension is active: scripts, pipelines,
    // notebooks, diffs, remote and virtual file systems, output channels — so every scheme and language.
    this.register(vscode.languages.registerHoverProvider('*', hover));
    this.register(
      vscode.languages.registerCodeActionsProvider(RUN_CONFIG_SELECTOR, new RunConfigQuickFixes(this.controller), {
        providedCodeActionKinds: RunConfigQuickFixes.kinds,
      }),
    );
    this.register(
      registerCommands(
        {
          [CommandId.openRunFromCodeLens]: (_, ref) => deps.showRun(ref as { agentId: number; runId: number }),
          [CommandId.pickAgentForEntry]: (_, uri, entryIndex) => pickAgentForEntry(this.cache, uri as vscode.Uri, entryIndex as number),
        },
        deps.commandContext,
      ),
    );
  }

  private loader() {
    return async (signal: AbortSignal) => {
      // No key: fail rather than return [], which would mark every agent id as unknown.
      const api = await requireClient(this.deps.api());
      try {
        const page = await api.listAgents(undefined, { priority: 'background', signal });
        this.deps.log.debug(`Agent list for edit-time checks: ${page.items.length} agents`);
        return page.items;
      } catch (error) {
        this.deps.log.warn('Could not load the agent list for edit-time checks', error);
        throw error;
      }
    };
  }

  private loadSpaces(): Promise<readonly Space[] | undefined> {
    if (!this.spaces || Date.now() - this.spaces.at > SPACES_TTL_MS) {
      const value = this.deps
        .api()
        .then((api) => api?.listSpaces({ priority: 'background' }))
        .catch(() => undefined);
      this.spaces = { at: Date.now(), value };
    }
    return this.spaces.value;
  }
}
