import { ProblemError } from '../api/errors';
import type { SequentumApi } from '../api/sequentumApi';
import { describeError } from '../errors/describeError';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, type MarkdownText } from '../text/markdownText';
import { creditsStatus, formatCredits, spendingSections, type CreditsState, type SpendingInput } from './credits';

/** One environment with a key, as the credits status bar item knows it. */
export interface EnvironmentCredits {
  name: string;
  /** The last state read; undefined = not read yet (or every read so far failed). */
  state: CreditsState | undefined;
}

/**
 * The status bar item over every environment with a key (the default one first). One environment:
 * its credits, as before. Several: the text shows the default environment's credits — the one the
 * tree and commands use when nothing else is named — or, when it shows none (no key, no billing
 * access), the first environment that does, with its name; the tooltip has one line per environment,
 * also those without billing access or not read yet, so nothing is silently left out. Credits are
 * never added up: environments are separate deployments or organisations, their credits are not one
 * purse. The default environment is the first of `environments`: another environment's credits are
 * always named, also when the default has no key. Undefined = hide the item (no environment shows credits).
 */
export function environmentsCreditsStatus(environments: readonly EnvironmentCredits[], locale?: string): { text: string; tooltip: MarkdownText } | undefined {
  const withKey = environments.filter((env) => !(env.state?.kind === 'hidden' && env.state.reason === 'noKey'));
  const shown = withKey.filter((env) => env.state?.kind === 'shown');
  const first = shown[0];
  if (!first || first.state?.kind !== 'shown') return undefined;
  // Only the default environment's credits go unnamed: they are the ones the tree and commands use.
  const isDefault = first === environments[0];
  if (withKey.length === 1 && isDefault) return creditsStatus(first.state, locale);
  const credits = formatCredits(first.state.credits.availableCredits, locale);
  const text = isDefault ? `$(credit-card) ${credits}` : `$(credit-card) ${first.name}: ${credits}`;
  const lines = [markdown`**${l10n.t('Sequentum credits')}**`, ...withKey.map((env) => environmentLine(env, locale))];
  lines.push(markdown`${l10n.t('Click for the spending by agent.')}`);
  return { text, tooltip: joinMarkdown(lines, '  \n') };
}

function environmentLine(env: EnvironmentCredits, locale?: string): MarkdownText {
  const { state } = env;
  if (state?.kind === 'shown') {
    const credits = markdown`**${env.name}:** ${l10n.t('{0} credits', formatCredits(state.credits.availableCredits, locale))}`;
    return state.spending ? joinMarkdown([credits, markdown`${l10n.t('{0} spent this week', formatCredits(state.spending.totalSpent, locale))}`], ' · ') : credits;
  }
  if (state?.kind === 'hidden') return markdown`**${env.name}:** ${l10n.t('no billing access with this key')}`;
  return markdown`**${env.name}:** ${l10n.t('not read yet (see Sequentum: Show Log)')}`;
}

/** An environment's spending as Show Spending read it: its numbers, or why they are missing. */
export type EnvironmentSpending = { name: string } & ({ spending: SpendingInput } | { error: unknown });

/** Reads B1, B2 and B4 of one environment (user lane: asked for). */
export async function readSpending(api: SequentumApi, month: { startDate: string; endDate: string }): Promise<SpendingInput> {
  const [credits, spending, agents] = await Promise.all([
    api.getCredits(),
    api.getSpending(),
    api.listAgentCosts({ ...month, sortColumn: 'cost', sortOrder: 'descending', recordsPerPage: 20 }),
  ]);
  return { credits, spending, agents };
}

/**
 * The spending document of several environments: one section each, in the order of the tree. An
 * environment that could not be read says why in its section (no billing access, or the error's
 * words) — the others are still shown.
 */
export function environmentsSpendingMarkdown(environments: readonly EnvironmentSpending[], locale?: string): MarkdownText {
  const parts: MarkdownText[] = [markdown`# ${l10n.t('Sequentum spending')}`];
  for (const env of environments) {
    parts.push(markdown`## ${env.name}`);
    if ('spending' in env) parts.push(...spendingSections({ ...env.spending, locale }, '###'));
    else if (ProblemError.is(env.error) && (env.error.status === 403 || env.error.status === 401)) parts.push(markdown`${l10n.t('This API key has no billing access.')}`);
    else parts.push(markdown`${l10n.t('Could not be read: {0}', describeError(env.error).message)}`);
  }
  return joinMarkdown(parts, '\n\n');
}
