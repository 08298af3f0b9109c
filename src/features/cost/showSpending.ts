import type { SequentumApi } from '../../core/api/sequentumApi';
import { monthToDate, spendingMarkdown } from '../../core/cost/credits';
import { environmentsSpendingMarkdown, readSpending, type EnvironmentSpending } from '../../core/cost/environmentCredits';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';
import type { Workbench } from '../../core/workbench';

export interface SpendingDeps {
  ui: UserInterface;
  spending: {
    /**
     * Every environment with a key, the default one first; rejects with NoApiKeyError when none has
     * one (the default environment's client is asked, so the usual "Set API Key" follows).
     */
    environments(): Promise<Array<{ name: string; api: SequentumApi }>>;
    workbench: Workbench;
    locale?: string;
    now(): number;
  };
}

/**
 * Sequentum: Show Spending (the credits status bar item's click): credits (B1), this week (B2) and
 * the 20 most expensive agents this month (B4) as a read-only Markdown document. With several
 * environments with a key: one section each; one that fails says why in its section. User lane: asked for.
 */
export async function showSpending(deps: SpendingDeps): Promise<void> {
  const { workbench, locale } = deps.spending;
  const environments = await deps.spending.environments();
  const month = monthToDate(deps.spending.now());
  const only = environments.length === 1 ? environments[0] : undefined;
  if (only) {
    // One environment: its failure is the command's failure (one notification with Retry).
    const input = await deps.ui.withProgress(forNotification(l10n.t('Reading Sequentum spending…')), () => readSpending(only.api, month));
    await workbench.showMarkdown('spending.md', spendingMarkdown({ ...input, locale }));
    return;
  }
  const read = await deps.ui.withProgress(forNotification(l10n.t('Reading Sequentum spending…')), () =>
    Promise.all(environments.map(({ name, api }): Promise<EnvironmentSpending> => readSpending(api, month).then((spending) => ({ name, spending }), (error: unknown) => ({ name, error })))),
  );
  await workbench.showMarkdown('spending.md', environmentsSpendingMarkdown(read, locale));
}
