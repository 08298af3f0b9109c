import type * as vscode from 'vscode';
import { requireClient } from '../../core/api/clientProvider';
import type { Space } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { AgentCache } from '../../core/diagnostics/agentCache';
import type { EventLike } from '../../core/emitter';
import { DisposableStore } from '../../core/lifecycle';
import type { Logger } from '../../core/log';
import { AgentHoverProvider } from './agentHover';
import { DiagnosticsController } from './diagnosticsController';
import { pickAgentForEntry, RunConfigQuickFixes } from './quickFixes';
import { RunConfigCodeLensProvider } from './runConfigCodeLens';

export interface RunConfigMachineryDeps {
  log: Logger;
  /** The current API client; undefined when no key is known. */
  api(): Promise<SequentumApi | undefined>;
  /** Fires when the key or base URL changed (the agent list must be reloaded). */
  onDidChangeApi?: EventLike<void>;
}

const SPACES_TTL_MS = 5 * 60_000;

/**
 * What the run-config feature's providers do, built on first use (its own chunk of the build, with
 * jsonc-parser and the start-option schema): the shared agent cache, the DiagnosticsController
 * (collection "sequentum"), the CodeLens, hover and quick-fix providers the feature's registrations
 * call into.
 */
export class RunConfigMachinery extends DisposableStore {
  readonly cache: AgentCache;
  readonly controller: DiagnosticsController;
  readonly lenses: RunConfigCodeLensProvider;
  readonly hover: AgentHoverProvider;
  readonly quickFixes: RunConfigQuickFixes;
  private spaces: { at: number; value: Promise<readonly Space[] | undefined> } | undefined;

  constructor(private readonly deps: RunConfigMachineryDeps) {
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
    this.lenses = this.register(new RunConfigCodeLensProvider(this.controller, this.cache));
    this.hover = new AgentHoverProvider(this.cache, () => this.loadSpaces());
    this.quickFixes = new RunConfigQuickFixes(this.controller);
  }

  /** "Pick another agent…" (the quick fix's command): the cached list in a quick pick. */
  pickAgentForEntry(uri: vscode.Uri, entryIndex: number): Promise<boolean> {
    return pickAgentForEntry(this.cache, uri, entryIndex);
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
