import type * as vscode from 'vscode';
import { CommandId } from '../../core/commandIds';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { DisposableStore } from '../../core/lifecycle';
import { registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { InsightsPanels, type InsightsPanelState } from './insightsPanels';
import { showAgentInsights, type InsightsDeps } from './showAgentInsights';

const INSIGHTS_COMMANDS: CommandTable<InsightsDeps & CommandContext> = {
  [CommandId.showAgentInsights]: showAgentInsights,
};

/** Agent insights: charts of an agent's recent runs and cost in a webview panel. */
export class InsightsFeature extends DisposableStore {
  private readonly panels: InsightsPanels;

  constructor(platform: VscodePlatform, commandContext: CommandContext, api: (envId?: string) => Promise<SequentumApi>, extensionUri: vscode.Uri) {
    super();
    this.panels = this.register(new InsightsPanels({ extensionUri, log: platform.log, locale: platform.locale, api, wallNow: () => Date.now() }));
    this.register(registerCommands(INSIGHTS_COMMANDS, { ...commandContext, api, showPanel: this.panels.show }));
  }

  /** The open panels (host tests). */
  panelStates(): InsightsPanelState[] {
    return this.panels.states();
  }
}
