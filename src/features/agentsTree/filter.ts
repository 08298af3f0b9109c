import { pickText } from '../../core/pickText';
import { LAST_STATUS_CHOICES, type AgentFilter } from '../../core/tree/filter';
import type { TreeCommandDeps } from './treeDeps';

type Choice = 'name' | 'status' | 'clear';

/** Filters the agents by name and/or last status; the view description shows the active filter. */
export async function filter(deps: TreeCommandDeps): Promise<void> {
  const current = deps.tree.model.filter;
  const choice = await deps.ui.pick<Choice>(
    [
      { label: 'Filter by name…', description: current.name ? `now "${pickText(current.name)}"` : undefined, value: 'name' },
      { label: 'Filter by last status…', description: current.lastStatus, value: 'status' },
      { label: 'Clear filter', value: 'clear' },
    ],
    { title: 'Sequentum: Filter Agents' },
  );
  if (choice === undefined) return;
  if (choice === 'clear') return deps.tree.model.setFilter({});
  const next: AgentFilter = { ...current };
  if (choice === 'name') {
    const name = await deps.ui.askText({ title: 'Filter agents by name', prompt: 'Part of the agent name (empty = any name)', value: current.name ?? '' });
    if (name === undefined) return;
    next.name = name.trim() || undefined;
  } else {
    const status = await deps.ui.pick<AgentFilter['lastStatus'] | 'any'>(
      [{ label: 'Any status', value: 'any' }, ...LAST_STATUS_CHOICES.map((entry) => ({ label: entry.label, value: entry.value }))],
      { title: 'Filter agents by the status of their last run' },
    );
    if (status === undefined) return;
    next.lastStatus = status === 'any' ? undefined : status;
  }
  deps.tree.model.setFilter(next);
}
