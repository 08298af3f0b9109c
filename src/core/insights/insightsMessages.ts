import { l10n } from '../text/l10n';
import { forPlain } from '../text/sinks';
import type { AgentInsights } from './agentInsights';

/**
 * What the insights panel's host and its page (webview/insights/) say to each other. Every string
 * in here is shown by the page as text (textContent), never parsed as HTML; server text is also
 * made plain here first (control and bidi characters removed, capped) as in every other sink.
 */

/** The page's words, translated in the host (the page has no l10n of its own). */
export interface InsightsTexts {
  title: string;
  refresh: string;
  loading: string;
  failedHeading: string;
  tryAgain: string;
  noRuns: string;
  noCostDays: string;
  bandCaption: string;
  usualRange: string;
  noUsualRange: string;
  failedRun: string;
  chartRecords: string;
  chartDuration: string;
  chartErrors: string;
  chartCost: string;
  chartCostPerDay: string;
  tablesHeading: string;
  runsTable: string;
  daysTable: string;
  columnStarted: string;
  columnRun: string;
  columnStatus: string;
  columnRecords: string;
  columnDuration: string;
  columnErrors: string;
  columnCost: string;
  columnDay: string;
  summary: string;
}

/** Host → page. */
export type InsightsToPage =
  | { type: 'loading'; texts: InsightsTexts }
  | {
      type: 'show';
      texts: InsightsTexts;
      /** BCP 47 tag for numbers and dates (VS Code's display language). */
      locale: string;
      insights: AgentInsights;
      /** Why cost is missing (no billing access, a failure), in plain words; absent when it loaded. */
      costProblem?: string;
    }
  | { type: 'failed'; texts: InsightsTexts; label: string; message: string };

/** Page → host. */
export type InsightsFromPage = { type: 'ready' } | { type: 'refresh' };

/** The page's messages as the host accepts them; anything else is dropped. */
export function parseInsightsMessage(raw: unknown): InsightsFromPage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  return type === 'ready' || type === 'refresh' ? { type } : undefined;
}

/** The page's words for one agent. `days`: the cost window's length. */
export function insightsTexts(agentName: string, runCount: number, days: number): InsightsTexts {
  return {
    title: forPlain(l10n.t('Insights: {0}', agentName)),
    summary: l10n.t('The last {0} finished runs and the cost of the last {1} days. The band is the usual range of the successful runs (median and MAD; for records, duration and errors the range run health judges by).', runCount, days),
    refresh: l10n.t('Refresh'),
    loading: l10n.t('Loading runs and cost…'),
    failedHeading: l10n.t('Could not load the insights'),
    tryAgain: l10n.t('Try Again'),
    noRuns: l10n.t('No finished runs of this agent yet.'),
    noCostDays: l10n.t('No cost recorded in the last {0} days.', days),
    bandCaption: l10n.t('Usual range {0} – {1} (median {2}, over {3} successful runs)'),
    usualRange: l10n.t('usual range'),
    noUsualRange: l10n.t('No usual range yet: it needs at least 5 successful runs.'),
    failedRun: l10n.t('failed run'),
    chartRecords: l10n.t('Records extracted per run'),
    chartDuration: l10n.t('Duration per run'),
    chartErrors: l10n.t('Errors per run'),
    chartCost: l10n.t('Cost per run (credits)'),
    chartCostPerDay: l10n.t('Cost per day (credits)'),
    tablesHeading: l10n.t('The same numbers as tables'),
    runsTable: l10n.t('Finished runs, oldest first'),
    daysTable: l10n.t('Cost per day, oldest first'),
    columnStarted: l10n.t('Started'),
    columnRun: l10n.t('Run'),
    columnStatus: l10n.t('Status'),
    columnRecords: l10n.t('Records'),
    columnDuration: l10n.t('Duration'),
    columnErrors: l10n.t('Errors'),
    columnCost: l10n.t('Cost'),
    columnDay: l10n.t('Day'),
  };
}
