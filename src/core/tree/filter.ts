import { runOutcome, type Agent, type RunOutcome } from '../api/model';

/** Agent filter of the tree. Empty = no filter. */
export interface AgentFilter {
  /** Case-insensitive "contains" on the agent name. */
  name?: string;
  /** Outcome of the agent's last run; 'never' = agents that never ran. */
  lastStatus?: RunOutcome | 'never';
}

export const LAST_STATUS_CHOICES: readonly { value: RunOutcome | 'never'; label: string }[] = [
  { value: 'in-flight', label: 'In flight' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'stopped', label: 'Stopped' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'never', label: 'Never run' },
  { value: 'unknown', label: 'Unknown status' },
];

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
  if (name) parts.push(`name "${name}"`);
  if (filter.lastStatus !== undefined) {
    parts.push(LAST_STATUS_CHOICES.find((choice) => choice.value === filter.lastStatus)?.label.toLowerCase() ?? filter.lastStatus);
  }
  return `Filter: ${parts.join(' · ')}`;
}
