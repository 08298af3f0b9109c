import { runOutcome, type Agent, type RunOutcome } from '../api/model';
import { l10n } from '../text/l10n';

/** Agent filter of the tree. Empty = no filter. */
export interface AgentFilter {
  /** Case-insensitive "contains" on the agent name. */
  name?: string;
  /** Outcome of the agent's last run; 'never' = agents that never ran. */
  lastStatus?: RunOutcome | 'never';
}

/** The last-status filter's choices, in the user's language. */
export function lastStatusChoices(): readonly { value: RunOutcome | 'never'; label: string }[] {
  return [
    { value: 'in-flight', label: l10n.t('In flight') },
    { value: 'succeeded', label: l10n.t('Succeeded') },
    { value: 'failed', label: l10n.t('Failed') },
    { value: 'stopped', label: l10n.t('Stopped') },
    { value: 'skipped', label: l10n.t('Skipped') },
    { value: 'never', label: l10n.t('Never run') },
    { value: 'unknown', label: l10n.t('Unknown status') },
  ];
}

export function isFilterActive(filter: AgentFilter): boolean {
  return Boolean(filter.name?.trim()) || filter.lastStatus !== undefined;
}

export function matchesFilter(agent: Agent, filter: AgentFilter): boolean {
  const name = filter.name?.trim().toLowerCase();
  if (name && !agent.name.toLowerCase().includes(name)) return false;
  if (filter.lastStatus === undefined) return true;
  if (filter.lastStatus === 'never') return agent.lastStatus === null;
  return agent.lastStatus !== null && runOutcome(agent.lastStatus) === filter.lastStatus;
}

/** The view description for an active filter, e.g. `name "shop" · failed`; undefined when none. */
export function describeFilter(filter: AgentFilter): string | undefined {
  if (!isFilterActive(filter)) return undefined;
  const parts: string[] = [];
  const name = filter.name?.trim();
  if (name) parts.push(l10n.t('name "{0}"', name));
  if (filter.lastStatus !== undefined) {
    parts.push(lastStatusChoices().find((choice) => choice.value === filter.lastStatus)?.label.toLowerCase() ?? filter.lastStatus);
  }
  return l10n.t('Filter: {0}', parts.join(' · '));
}
