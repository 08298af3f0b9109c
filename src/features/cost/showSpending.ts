import type { SequentumApi } from '../../core/api/sequentumApi';
import { monthToDate, spendingMarkdown } from '../../core/cost/credits';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';
import type { Workbench } from '../../core/workbench';

export interface SpendingDeps {
  ui: UserInterface;
  spending: {
    /** The default environment's client; rejects with NoApiKeyError without a key. */
    api(): Promise<SequentumApi>;
    workbench: Workbench;
    locale?: string;
    now(): number;
  };
}

/**
 * Sequentum: Show Spending (the credits status bar item's click): credits (B1), this week (B2) and
 * the 20 most expensive agents this month (B4) as a read-only Markdown document. User lane: asked for.
 */
export async function showSpending(deps: SpendingDeps): Promise<void> {
  const api = await deps.spending.api();
  const { credits, spending, agents } = await deps.ui.withProgress(forNotification(l10n.t('Reading Sequentum spending…')), async () => {
    const [credits, spending, agents] = await Promise.all([
      api.getCredits(),
      api.getSpending(),
      api.listAgentCosts({ ...monthToDate(deps.spending.now()), sortColumn: 'cost', sortOrder: 'descending', recordsPerPage: 20 }),
    ]);
    return { credits, spending, agents };
  });
  await deps.spending.workbench.showMarkdown('spending.md', spendingMarkdown({ credits, spending, agents, locale: deps.spending.locale }));
}
