import { l10n } from '../../core/text/l10n';
import { forIconLabel, forPrompt } from '../../core/text/sinks';
import { lastStatusChoices, type AgentFilter } from '../../core/tree/filter';
import type { TreeCommandDeps } from './treeDeps';

type Choice = 'name' | 'status' | 'clear';

/** Filters the agents by name and/or last status; the view description shows the active filter. */
export async function filter(deps: TreeCommandDeps): Promise<void> {
  const current = deps.tree.model.filter;
  const choice = await deps.ui.pick<Choice>(
    [
      { label: forIconLabel(l10n.t('Filter by name…')), description: current.name ? forIconLabel(l10n.t('now "{0}"', current.name)) : undefined, value: 'name' },
      { label: forIconLabel(l10n.t('Filter by last status…')), description: current.lastStatus ? forIconLabel(current.lastStatus) : undefined, value: 'status' },
      { label: forIconLabel(l10n.t('Clear filter')), value: 'clear' },
    ],
    { title: forIconLabel(l10n.t('Sequentum: Filter Agents')) },
  );
  if (choice === undefined) return;
  if (choice === 'clear') return deps.tree.model.setFilter({});
  const next: AgentFilter = { ...current };
  if (choice === 'name') {
    const name = await deps.ui.askText({ title: forIconLabel(l10n.t('Filter agents by name')), prompt: forPrompt(l10n.t('Part of the agent name (empty = any name)')), value: current.name ?? '' });
    if (name === undefined) return;
    next.name = name.trim() || undefined;
  } else {
    const status = await deps.ui.pick<AgentFilter['lastStatus'] | 'any'>(
      [{ label: forIconLabel(l10n.t('Any status')), value: 'any' }, ...lastStatusChoices().map((entry) => ({ label: forIconLabel(entry.label), value: entry.value }))],
      { title: forIconLabel(l10n.t('Filter agents by the status of their last run')) },
    );
    if (status === undefined) return;
    next.lastStatus = status === 'any' ? undefined : status;
  }
  deps.tree.model.setFilter(next);
}
