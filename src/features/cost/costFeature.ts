import * as vscode from 'vscode';
import { ProblemError } from '../../core/api/errors';
import type { Run } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { CommandId } from '../../core/commandIds';
import { NO_BILLING_ACCESS, readCostSettings, type CostSettings } from '../../core/cost/credits';
import type { RunHealth } from '../../core/health/runHealth';
import type { RunInsightsBook } from '../../core/health/runInsightsBook';
import type { EnvironmentSource } from '../../core/environments/environmentSource';
import { DisposableStore, type DisposableLike } from '../../core/lifecycle';
import type { RunTracker } from '../../core/runs/runTracker';
import type { RunsListedEvent } from '../../core/tree/treeModel';
import { handlerOnFirstCall, registerCommands, type CommandContext, type CommandTable } from '../../platform/commandRegistry';
import type { VscodePlatform } from '../../platform/vscodePlatform';
import { CreditsOnDemand } from './creditsOnDemand';
import type { CreditsItemState } from './creditsStatusBar';
import type { SpendingDeps } from './showSpending';

const COST_COMMANDS: CommandTable<SpendingDeps & CommandContext> = {
  [CommandId.showSpending]: handlerOnFirstCall(async () => (await import('./showSpending.js')).showSpending),
};

const DAY_MS = 86_400_000;
/** An agent's history is read again for a followed run at most this often (one request per agent). */
const HISTORY_TTL_MS = 10 * 60_000;

export interface CostFeatureOptions {
  platform: VscodePlatform;
  commandContext: CommandContext;
  /** Every environment (the default one first) and its client: credits are read for each with a key. */
  environments: EnvironmentSource;
  /** An environment's client; rejects with NoApiKeyError without a key. */
  api: (envId?: string) => Promise<SequentumApi>;
  /** The Agents tree's runs lists, as it reads them. */
  onDidListRuns: (listener: (event: RunsListedEvent) => void) => DisposableLike;
  book: RunInsightsBook;
}

export function readCostSettingsFromVscode(): CostSettings {
  const config = vscode.workspace.getConfiguration('sequentum');
  return readCostSettings((key) => config.get<unknown>(key));
}

/**
 * Credits and cost per run, run health: the credits status bar item and Show Spending; fills the
 * book (tree rows and notifications read it) from the runs lists the tree reads, the runs the
 * extension follows, and one B6 page per agent list (background lane). No request per run.
 */
export class CostFeature extends DisposableStore {
  /** Environments whose key may not read billing: no more B6 requests there. */
  private readonly noBilling = new Set<string>();
  private readonly historyReadAt = new Map<string, number>();
  private readonly creditsBar: CreditsOnDemand;

  constructor(private readonly options: CostFeatureOptions) {
    super();
    const { platform, commandContext, environments, book } = options;
    this.creditsBar = this.register(new CreditsOnDemand(environments, () => readCostSettingsFromVscode().refreshMinutes, platform.log, platform.locale));
    const spending = { environments: () => this.environmentsWithKey(), workbench: platform.workbench, locale: platform.locale, now: Date.now };
    const deps: SpendingDeps & CommandContext = { ...commandContext, spending };
    this.register(registerCommands(COST_COMMANDS, deps));
    this.register(options.onDidListRuns((event) => {
      book.observeRuns(event.envId, event.agentId, event.runs);
      void this.readRunCosts(event);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sequentum.health.sensitivity') && book.invalidate()));
    // A new key (or environment list) may read billing where the old one got 403: ask again.
    this.register(environments.onDidChange(() => this.noBilling.clear()));
  }

  /** The credits status bar item as shown (host tests). */
  readonly credits = (): CreditsItemState => this.creditsBar.state;

  /** Follows an environment's tracker: finished runs join the book; a followed run's agent gets its history once. */
  readonly linkTracker = (tracker: RunTracker, envId: string): DisposableLike => {
    const subscriptions = [
      tracker.onDidChangeRun((event) => void this.ensureHistory(envId, event.run.agentId)),
      tracker.onDidFinishRun((event) => this.options.book.observeRun(envId, event.run)),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  };

  /** The flag's line for a finished run's notification (undefined = nothing unusual or not judged). */
  readonly healthOf = (envId: string, run: Run): RunHealth => this.options.book.healthOf(envId, run);

  /** Health of one run for Show Run Diagnostics: reads the agent's runs (user lane) when the book knows too few. */
  readonly healthForDiagnostics = async (envId: string, agentId: number, runId: number): Promise<RunHealth | undefined> => {
    const { book } = this.options;
    const api = await this.options.api(envId);
    const runs = await api.listRuns(agentId, 30);
    book.observeRuns(envId, agentId, runs);
    const run = runs.find((r) => r.id === runId);
    return run ? book.healthOf(envId, run) : undefined;
  };

  /** Every environment with a key, default first; none → the default environment's NoApiKeyError. */
  private async environmentsWithKey(): Promise<Array<{ name: string; api: SequentumApi }>> {
    const { environments } = this.options;
    const found = await Promise.all(environments.environments().map(async (env) => {
      // An environment whose settings are broken is left out here; the tree shows its problem.
      const api = await environments.client(env.id).catch(() => undefined);
      return api ? [{ name: env.name, api }] : [];
    }));
    const withKey = found.flat();
    return withKey.length > 0 ? withKey : [{ name: '', api: await this.options.api() }];
  }

  private async ensureHistory(envId: string, agentId: number): Promise<void> {
    const key = `${envId}/${agentId}`;
    const last = this.historyReadAt.get(key);
    if (this.options.book.knownRuns(envId, agentId) >= 6 || (last !== undefined && Date.now() - last < HISTORY_TTL_MS)) return;
    this.historyReadAt.set(key, Date.now());
    try {
      const api = await this.options.api(envId);
      this.options.book.observeRuns(envId, agentId, await api.listRuns(agentId, 20, { priority: 'background' }));
    } catch (error) {
      this.options.platform.log.info(`Run health: reading the runs of agent ${agentId} failed (${error instanceof Error ? error.name : 'error'}); judged when the tree lists them.`);
    }
  }

  /** One B6 page covering the runs the tree just listed (dates always sent: B4–B6 call them required). */
  private async readRunCosts(event: RunsListedEvent): Promise<void> {
    const finished = event.runs.filter((run) => run.endTime !== undefined || run.created !== undefined);
    if (finished.length === 0 || this.noBilling.has(event.envId)) return;
    const times = finished.map((run) => Date.parse(run.created ?? run.startTime ?? '')).filter(Number.isFinite);
    const start = times.length > 0 ? Math.min(...times) - DAY_MS : Date.now() - 30 * DAY_MS;
    try {
      const api = await this.options.api(event.envId);
      const page = await api.listRunCosts(event.agentId, {
        startDate: new Date(start).toISOString(), endDate: new Date(Date.now() + DAY_MS).toISOString(),
        recordsPerPage: Math.min(1000, event.runs.length + 10), sortColumn: 'date', sortOrder: 'descending',
      }, { priority: 'background', expectedStatuses: NO_BILLING_ACCESS });
      this.options.book.setCosts(event.envId, page.runs);
    } catch (error) {
      if (ProblemError.is(error) && (error.status === 403 || error.status === 401)) {
        this.noBilling.add(event.envId);
        this.options.platform.log.info('Cost per run: this API key has no billing access (403); runs are shown without their cost.');
        return;
      }
      this.options.platform.log.info(`Cost per run: reading the costs of agent ${event.agentId} failed (${error instanceof Error ? error.name : 'error'}).`);
    }
  }
}
