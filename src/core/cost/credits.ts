import type { AgentCostPage, Credits, Spending } from '../api/billingModel';
import { ProblemError } from '../api/errors';
import type { SequentumApi } from '../api/sequentumApi';
import type { HealthSensitivity } from '../health/runHealth';
import type { RawSettingReader } from '../settings';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, type MarkdownText } from '../text/markdownText';

/** What the credits status bar item shows: credits and this week's spending, or nothing (and why). */
export type CreditsState =
  | { kind: 'shown'; credits: Credits; spending?: Spending }
  /** noKey: no API key; noAccess: the key may not read billing (403) — hidden, said once in the log. */
  | { kind: 'hidden'; reason: 'noKey' | 'noAccess' };

/** Answers that mean "this key may not read billing": a state the caller shows, not a failure to log. */
export const NO_BILLING_ACCESS: readonly number[] = [401, 403];

/**
 * B1 then B2 (this week, the server's default range), both in the background lane. A 403 is "this
 * key has no billing access": a state, not an error. Spending failing leaves the credits shown.
 * Other failures reject (the caller keeps the last state and logs).
 */
export async function readCredits(api: SequentumApi | undefined): Promise<CreditsState> {
  if (!api) return { kind: 'hidden', reason: 'noKey' };
  let credits: Credits;
  try {
    credits = await api.getCredits({ priority: 'background', expectedStatuses: NO_BILLING_ACCESS });
  } catch (error) {
    if (ProblemError.is(error) && (error.status === 403 || error.status === 401)) return { kind: 'hidden', reason: 'noAccess' };
    throw error;
  }
  const spending = await api.getSpending(undefined, { priority: 'background' }).catch(() => undefined);
  return spending ? { kind: 'shown', credits, spending } : { kind: 'shown', credits };
}

/** "1,234.5" credits: at most one decimal (credits are fractional; more digits are noise here). */
export function formatCredits(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 2 : 1 }).format(value);
}

/** Status bar text and tooltip; undefined = hide the item. */
export function creditsStatus(state: CreditsState | undefined, locale?: string): { text: string; tooltip: MarkdownText } | undefined {
  if (state?.kind !== 'shown') return undefined;
  const credits = formatCredits(state.credits.availableCredits, locale);
  const lines = [markdown`**${l10n.t('Sequentum credits')}:** ${credits}`];
  if (state.spending) lines.push(markdown`**${l10n.t('Spent this week')}:** ${formatCredits(state.spending.totalSpent, locale)}`);
  lines.push(markdown`${l10n.t('Click for the spending by agent.')}`);
  return { text: `$(credit-card) ${credits}`, tooltip: joinMarkdown(lines, '  \n') };
}

/** The current month so far (UTC): the range of the spending view's per-agent table. */
export function monthToDate(now: number): { startDate: string; endDate: string } {
  const today = new Date(now);
  return { startDate: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString(), endDate: today.toISOString() };
}

/** What the spending view shows of one environment. */
export interface SpendingInput {
  credits: Credits;
  spending?: Spending;
  agents?: AgentCostPage;
  locale?: string;
}

/** The spending view: credits, this week, and cost per agent this month (most expensive first). */
export function spendingMarkdown(input: SpendingInput): MarkdownText {
  return joinMarkdown([markdown`# ${l10n.t('Sequentum spending')}`, ...spendingSections(input, '##')], '\n\n');
}

/** The spending view's parts below its title; `heading` is the level of the per-agent table's heading. */
export function spendingSections(input: SpendingInput, heading: '##' | '###'): MarkdownText[] {
  const { credits, spending, agents, locale } = input;
  const parts: MarkdownText[] = [
    joinMarkdown([
      markdown`**${l10n.t('Available credits')}:** ${formatCredits(credits.availableCredits, locale)}`,
      ...(spending ? [markdown`**${l10n.t('Spent this week')}:** ${formatCredits(spending.totalSpent, locale)}`] : []),
    ], '  \n'),
  ];
  if (agents) {
    parts.push(joinMarkdown([heading as MarkdownText, markdown`${l10n.t('Cost per agent this month')}`], ' '));
    if (agents.agents.length === 0) parts.push(markdown`${l10n.t('No costs this month.')}`);
    else {
      parts.push(joinMarkdown([
        markdown`| ${l10n.t('Agent')} | ${l10n.t('Credits')} |`,
        markdown`|---|---:|`,
        ...agents.agents.map((a) => markdown`| ${a.agentName ?? l10n.t('Agent {0}', a.agentId)} | ${formatCredits(a.cost, locale)} |`),
      ], '\n'));
      if (agents.total !== undefined && agents.total > agents.agents.length) parts.push(markdown`${l10n.t('The {0} most expensive of {1} agents.', agents.agents.length, agents.total)}`);
    }
  }
  return parts;
}

/** `sequentum.billing.refreshMinutes` and `sequentum.health.sensitivity`, checked (bad values → defaults). */
export interface CostSettings {
  /** Minutes between credit refreshes; default 15 (1–1440). */
  refreshMinutes: number;
  sensitivity: HealthSensitivity;
}

export function readCostSettings(get: RawSettingReader): CostSettings {
  const minutes = get('billing.refreshMinutes');
  const sensitivity = get('health.sensitivity');
  return {
    refreshMinutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 1 && minutes <= 1440 ? minutes : 15,
    sensitivity: sensitivity === 'off' || sensitivity === 'low' || sensitivity === 'high' || sensitivity === 'normal' ? sensitivity : 'normal',
  };
}
