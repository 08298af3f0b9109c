import { describeSchedule, formatInZone, formatRelative, nextFire } from '../schedules/describeSchedule';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, markdownInline, type MarkdownText } from '../text/markdownText';
import { formatTimestamp } from '../text/format';
import { plainText } from '../text/untrustedText';
import { ContextToken as T, contextValue } from './contextValues';
import type { ScheduleNode } from './nodes';

/** The parts of a tree item a schedule row has (presentation.ts puts label and description through the sink). */
export interface ScheduleDraft {
  label: string;
  description: string;
  iconId: string;
  iconColor?: string;
  tooltip: MarkdownText;
  contextValue: string;
  collapsible: 'none';
}

/**
 * A schedule row: its name; in the description what it means and when it fires next ("every day at
 * 02:00 Europe/Berlin · in 3 hours"), or "paused"; the absolute next fire in the tooltip (in the
 * user's zone and in the schedule's). Server text (name, zone, CRON) is escaped where it is Markdown.
 */
export function presentSchedule(node: ScheduleNode, context: { now: number; locale?: string; timeZone?: string }): ScheduleDraft {
  const { schedule } = node;
  const words = describeSchedule(schedule, context);
  const next = nextFire(schedule, context.now);
  const state = node.pending === 'enabling' ? l10n.t('Enabling…') : node.pending === 'disabling' ? l10n.t('Disabling…') : undefined;
  const when = schedule.isEnabled ? (next !== undefined ? formatRelative(next, context.now, context.locale) : l10n.t('no next run')) : l10n.t('paused');
  const nextIso = next === undefined ? undefined : new Date(next).toISOString();
  const nextText = next === undefined ? undefined : l10n.t('{0} ({1} in {2})', formatTimestamp(nextIso, context.locale, context.timeZone) ?? '', formatInZone(next, schedule.timezone, context.locale), schedule.timezone ?? 'UTC');
  const entries: Array<[string, string | number | undefined]> = [
    [l10n.t('Schedule'), schedule.name],
    [l10n.t('Agent'), node.agentName || undefined],
    [l10n.t('Runs'), words],
    [l10n.t('State'), schedule.isEnabled ? l10n.t('enabled') : l10n.t('paused')],
    [l10n.t('Next run'), schedule.isEnabled ? nextText : undefined],
    [l10n.t('CRON'), schedule.cronExpression],
    [l10n.t('Time zone'), schedule.timezone],
    [l10n.t('Server description'), schedule.localSchedule],
    [l10n.t('Id'), schedule.id],
  ];
  return {
    label: plainText(schedule.name) || l10n.t('Schedule {0}', schedule.id),
    description: [state, schedule.isEnabled ? words : when, schedule.isEnabled ? when : words].filter(Boolean).join(' · '),
    ...(node.pending ? { iconId: 'sync~spin' } : schedule.isEnabled ? { iconId: 'calendar' } : { iconId: 'debug-pause', iconColor: 'disabledForeground' }),
    tooltip: joinMarkdown(
      entries.filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => joinMarkdown([markdown`**${key}:**`, markdownInline(value)], ' ')),
      '  \n',
    ),
    contextValue: contextValue(T.schedule, !node.pending && (schedule.isEnabled ? T.canDisable : T.canEnable)),
    collapsible: 'none',
  };
}
