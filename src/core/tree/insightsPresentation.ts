import { runOutcome, runStatusLabel } from '../api/model';
import { formatCredits } from '../cost/credits';
import { healthLine, healthTooltip } from '../health/healthText';
import type { RunInsightsBook } from '../health/runInsightsBook';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, type MarkdownText } from '../text/markdownText';
import { plainText } from '../text/untrustedText';
import { ContextToken as T } from './contextValues';
import type { AgentNode, RunNode } from './nodes';

/** What rows read about health and cost (the book; nothing here makes a request). */
export type RunInsightsView = Pick<RunInsightsBook, 'healthOf' | 'costOf' | 'agentFlag'>;

/** The parts of a row's view this module changes. */
interface Decorated {
  description?: string;
  iconId: string;
  iconColor?: string;
  tooltip: MarkdownText;
  contextValue: string;
}

const WARNING = { iconId: 'warning', iconColor: 'list.warningForeground' };

function addTooltip(tooltip: MarkdownText, lines: Array<[string, string | undefined]>): MarkdownText {
  const extra = lines.filter((line): line is [string, string] => line[1] !== undefined).map(([key, value]) => markdown`**${key}:** ${value}`);
  return extra.length === 0 ? tooltip : joinMarkdown([tooltip, ...extra], '  \n');
}

/**
 * A finished run's row with its health and cost: a flagged run gets the warning icon, the flag's line
 * in its description ("success · 12 records — usually ≈ 12,400") and the `unusual` token (Show Run
 * Diagnostics); the cost, once B6 told it, follows in the description and the tooltip.
 */
export function decorateRun<V extends Decorated>(view: V, node: RunNode, insights: RunInsightsView | undefined, locale?: string): V {
  if (!insights || node.pending || runOutcome(node.run.status) === 'in-flight') return view;
  const health = insights.healthOf(node.envId, node.run);
  const cost = insights.costOf(node.envId, node.run.id);
  const line = healthLine(health, locale);
  const costText = cost === undefined ? undefined : l10n.t('{0} credits', formatCredits(cost, locale));
  const status = plainText(runStatusLabel(node.run.status, node.run.statusName).toLowerCase(), 60);
  let description = line ? l10n.t('{0} · {1}', status, line) : view.description;
  if (costText) description = description ? l10n.t('{0} · {1}', description, costText) : costText;
  return {
    ...view,
    ...(line ? WARNING : {}),
    description,
    tooltip: addTooltip(view.tooltip, [[l10n.t('Health'), healthTooltip(health, locale)], [l10n.t('Cost'), costText]]),
    contextValue: line ? `${view.contextValue} ${T.unusual}` : view.contextValue,
  };
}

/** An agent whose newest finished run is flagged: the warning icon and the same line. */
export function decorateAgent<V extends Decorated>(view: V, node: AgentNode, insights: RunInsightsView | undefined, locale?: string): V {
  if (!insights || node.followedRun?.pending || (node.followedRun && runOutcome(node.followedRun.run.status) === 'in-flight')) return view;
  const flag = insights.agentFlag(node.envId, node.agent.id);
  const line = healthLine(flag?.health, locale);
  if (!flag || !line) return view;
  return {
    ...view,
    ...WARNING,
    description: view.description ? l10n.t('{0} · {1}', view.description, line) : line,
    tooltip: addTooltip(view.tooltip, [[l10n.t('Health'), l10n.t('newest run #{0}: {1}', flag.run.id, healthTooltip(flag.health, locale) ?? line)]]),
  };
}
