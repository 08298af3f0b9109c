import type * as vscode from 'vscode';
import type { SequentumClient } from '../../core/api/client';
import { CommandId } from '../../core/commandIds';
import type { EnvironmentRegistry } from '../../core/environments/environmentRegistry';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { TreeNode } from '../../core/tree/nodes';
import { linkRunTracker, type RunChangeSource } from '../../core/tree/runTrackerLink';
import { TreeModel } from '../../core/tree/treeModel';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { commandAction, handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { createAgentsView, type TreeInsights, type WatchedAgents } from './agentsTreeProvider';
import { clearFilter } from './clearFilter';
import { refreshAll } from './refreshAll';
import type { TreeCommandDeps } from './treeDeps';

// Each module loads on the handler's first call (Refresh and Load More of one node read their target
// with core's tree targets, which stay out of activation too; the view title's Refresh All stays).
const openFile = handlerOnFirstCall(async () => (await import('./openFile.js')).openFile);
const openInDashboard = handlerOnFirstCall(async () => (await import('./openInDashboard.js')).openInDashboard);
const revealAgent = handlerOnFirstCall(async () => (await import('./revealAgent.js')).revealAgent);
const revealRun = handlerOnFirstCall(async () => (await import('./revealRun.js')).revealRun);

const TREE_COMMANDS: CommandTable<TreeCommandDeps & CommandContext> = {
  [CommandId.refresh]: handlerOnFirstCall(async () => (await import('./refresh.js')).refresh),
  [CommandId.refreshAll]: refreshAll,
  [CommandId.filter]: handlerOnFirstCall(async () => (await import('./filter.js')).filter),
  [CommandId.clearFilter]: clearFilter,
  [CommandId.loadMore]: handlerOnFirstCall(async () => (await import('./loadMore.js')).loadMore),
  [CommandId.openFile]: openFile,
  [CommandId.openInDashboard]: openInDashboard,
  [CommandId.revealRun]: revealRun,
  [CommandId.revealAgent]: revealAgent,
};

export interface AgentsTreeFeatureOptions {
  platform: VscodePlatform;
  commandContext: CommandContext;
  environments: EnvironmentRegistry<SequentumClient>;
  /** The environment's current client; rejects with NoApiKeyError without a key. */
  api: (envId?: string) => Promise<SequentumApi>;
  /** The environment's base URL (undefined = `sequentum.baseUrl`). */
  baseUrl: (envId?: string) => string;
  /** The watch list: watched agents get a star and Unwatch, the others Watch. */
  watched?: WatchedAgents;
  /** Health and cost per run for the rows (the cost feature's book). */
  insights?: TreeInsights;
}

/** A run named by notifications, CodeLenses and other features: `{agentId, runId, envId?}`. */
export type RunTargetRef = { agentId: number; runId: number; envId?: string };

/**
 * The Agents view: the tree model over every environment, its VS Code view and its commands
 * (refresh, filter, load more, open file, dashboard, reveal run). Its run actions are ports for
 * other features (through the command wrapper, in-process).
 */
export class AgentsTreeFeature extends DisposableStore {
  readonly model: TreeModel;
  /** Shows a run in the tree, selected (else in the dashboard). */
  readonly revealRun: (ref: RunTargetRef) => Promise<void>;
  readonly openInDashboard: (ref: RunTargetRef) => Promise<void>;
  readonly openFile: (ref: RunTargetRef) => Promise<void>;
  /** Shows an agent in the tree, selected (else in the dashboard). */
  readonly revealAgent: (ref: { agentId: number; envId?: string; agentName?: string }) => Promise<void>;
  private readonly view;

  constructor({ platform, commandContext, environments, api, baseUrl, watched, insights }: AgentsTreeFeatureOptions) {
    super();
    this.model = this.register(new TreeModel({ source: environments, log: platform.log }));
    const view = (this.view = this.register(createAgentsView(this.model, platform.locale, watched, insights)));
    const deps: TreeCommandDeps & CommandContext = {
      ...commandContext,
      tree: { model: this.model, api, baseUrl, reveal: (node) => view.reveal(node), workbench: platform.workbench, locale: platform.locale },
    };
    this.register(registerCommands(TREE_COMMANDS, deps));
    this.revealRun = commandAction(CommandId.revealRun, revealRun, deps);
    this.openInDashboard = commandAction(CommandId.openInDashboard, openInDashboard, deps);
    this.openFile = commandAction(CommandId.openFile, openFile, deps);
    this.revealAgent = commandAction(CommandId.revealAgent, revealAgent, deps);
  }

  /** The nodes selected in the view (host tests check what revealRun selected). */
  get selection(): readonly TreeNode[] {
    return this.view.selection;
  }

  /** The item the view shows for `node` (host tests check what a server-named node looks like). */
  treeItem(node: TreeNode): vscode.TreeItem {
    return this.view.treeItem(node);
  }

  /** Shows an environment's followed runs as they change, and hands it the in-flight runs the tree lists. */
  readonly linkTracker = (tracker: RunChangeSource, envId: string): DisposableLike => linkRunTracker(this.model, tracker, envId);
}
