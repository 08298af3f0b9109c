import type { SequentumApi } from '../api/sequentumApi';
import { describeError } from '../errors/describeError';
import { l10n } from '../text/l10n';
import { forPlain } from '../text/sinks';
import { shapeAgentInsights, utcDays, type AgentInsights } from './agentInsights';

/** What the insights read: the runs list (R2), cost per day (B5) and cost per run (B6). */
export type InsightsApi = Pick<SequentumApi, 'listRuns' | 'getAgentCostSeries' | 'listRunCosts'>;

export interface InsightsWindow {
  /** Runs read from the runs list (newest first); default 50. */
  runs: number;
  /** Days of cost per day, today included; default 30. */
  days: number;
}

export const DEFAULT_INSIGHTS_WINDOW: InsightsWindow = { runs: 50, days: 30 };

export interface LoadedInsights {
  insights: AgentInsights;
  /** Why cost is missing (no billing access, a failure), in plain words; undefined when it loaded. */
  costProblem?: string;
}

/** B6 at most this many rows a page (§11). */
const MAX_RUN_COSTS = 1000;

/**
 * Reads what the panel charts, in the user lane (someone is looking at it): the runs and cost per
 * day together, then cost per run over the runs' own dates — at most 3 requests, 2 when the agent
 * has no finished run. Runs failing rejects (the panel shows the error); billing failing (a key
 * without billing access answers 403) still shows the runs, with a line saying why cost is missing.
 */
export async function loadAgentInsights(
  api: InsightsApi,
  agent: { id: number; name: string },
  options: { now: number; window?: InsightsWindow; signal?: AbortSignal },
): Promise<LoadedInsights> {
  const { now, window = DEFAULT_INSIGHTS_WINDOW, signal } = options;
  const request = { priority: 'user' as const, ...(signal ? { signal } : {}) };
  const days = utcDays(now, window.days);
  const endDate = new Date(now).toISOString();
  const costFailures: unknown[] = [];
  const fail = (error: unknown): undefined => {
    costFailures.push(error);
    return undefined;
  };
  const [runs, costByDay] = await Promise.all([
    api.listRuns(agent.id, window.runs, request),
    api.getAgentCostSeries(agent.id, { startDate: days[0] ?? endDate, endDate, timeUnit: 'day' }, request).catch(fail),
  ]);
  const starts = runs.map((run) => Date.parse(run.startTime ?? run.created ?? '')).filter(Number.isFinite);
  // A key without billing access is told once, not asked twice.
  const runCosts =
    starts.length === 0 || costFailures.length > 0
      ? undefined
      : await api
          .listRunCosts(agent.id, { startDate: utcDays(Math.min(...starts), 1)[0] ?? endDate, endDate, recordsPerPage: Math.min(MAX_RUN_COSTS, Math.max(100, 2 * runs.length)), sortColumn: 'date' }, request)
          .then((page) => page.runs, fail);
  const insights = shapeAgentInsights({ agent, runs, runCosts, costByDay, window: costByDay ? days : undefined });
  const costError = costFailures[0];
  if (costError === undefined) return { insights };
  const description = describeError(costError);
  const problem = description.cause === 'no-access' ? l10n.t('Cost not shown: this API key has no access to billing.') : l10n.t('Cost not shown: {0}', description.label);
  return { insights, costProblem: forPlain(problem) };
}
