import { runOutcome, runStatusLabel } from '../api/model';
import type { RunsSummary } from '../api/runsSummary';
import { CommandId } from '../commandIds';
import type { ListAction } from '../errors/describeError';
import { formatInZone, formatRelative } from '../schedules/describeSchedule';
import type { UpcomingDay, UpcomingEntry } from '../schedules/upcomingDays';
import { formatCount, formatTimestamp } from '../text/format';
import { l10n } from '../text/l10n';
import { markdownFacts, markdownInline } from '../text/markdownText';
import { forPlain } from '../text/sinks';
import { plainText } from '../text/untrustedText';
import { ContextToken as T, contextValue } from '../tree/contextValues';
import { statusIcon, type ItemCommand, type TreeItemView } from '../tree/presentation';
import type { TreeErrorInfo } from '../tree/treeErrors';
import type { RecentRun } from './recentRuns';

/**
 * Rows of the Upcoming and Recent Runs views. A run or fire row carries `agentId`, `runId`,
 * `envId` and `agentName` as plain members: the existing commands (Why Did It Fail?, Open Output
 * File, Open in Dashboard, Reveal Agent) read such an object as their target.
 */
export type ActivityNode =
  | { kind: 'environment'; id: string; envId: string; name: string; baseUrl: string; view: ActivityView }
  | { kind: 'upcomingDay'; id: string; envId: string; day: UpcomingDay }
  | { kind: 'upcomingFire'; id: string; envId: string; agentId: number; agentName?: string; entry: UpcomingEntry }
  | { kind: 'recentRun'; id: string; envId: string; agentId: number; runId: number; agentName?: string; row: RecentRun }
  | { kind: 'summary'; id: string; summary: RunsSummary }
  | { kind: 'notice'; id: string; text: string; error?: TreeErrorInfo; view: ActivityView; envId?: string };

export type ActivityView = 'upcoming' | 'recentRuns';

/**
 * Prefix of a row id: the view alone while one environment is shown (the rows sit at the root), the
 * view and the environment when each environment has its own group (the same agent and run ids can
 * exist in two accounts, and VS Code needs ids unique in the view).
 */
export function rowIdPrefix(view: ActivityView, envId: string, grouped: boolean): string {
  const name = view === 'upcoming' ? 'upcoming' : 'recent';
  return grouped ? `${name}:${envId}` : name;
}

/** An environment's group row (shown when more than one environment has a key). */
export function environmentNode(view: ActivityView, env: { id: string; name: string; baseUrl: string }): ActivityNode {
  return { kind: 'environment', id: `${rowIdPrefix(view, env.id, true)}:env`, envId: env.id, name: env.name, baseUrl: env.baseUrl, view };
}

/** Day rows; `grouped` when they sit under their environment's row. */
export function upcomingNodes(days: readonly UpcomingDay[], envId: string, grouped = false): ActivityNode[] {
  const prefix = rowIdPrefix('upcoming', envId, grouped);
  return days.map((day) => ({ kind: 'upcomingDay', id: `${prefix}:${day.key}`, envId, day }));
}

/** The fires of a day row (ids under the day's own id). */
export function fireNodes(day: ActivityNode & { kind: 'upcomingDay' }): ActivityNode[] {
  const { envId } = day;
  return day.day.entries.map((entry) => ({
    kind: 'upcomingFire', id: `${day.id}:${entry.fire.scheduleId}:${entry.at}`, envId, agentId: entry.fire.agentId,
    ...(entry.fire.agentName !== undefined ? { agentName: entry.fire.agentName } : {}), entry,
  }));
}

export function recentRunNodes(rows: readonly RecentRun[], envId: string, grouped = false): ActivityNode[] {
  const prefix = rowIdPrefix('recentRuns', envId, grouped);
  return rows.map((row) => ({
    kind: 'recentRun', id: `${prefix}:${row.agentId}:${row.runId}`, envId, agentId: row.agentId, runId: row.runId,
    ...(row.agentName !== undefined ? { agentName: row.agentName } : {}), row,
  }));
}


/** A tree item as plain values; a day row starts expanded. */
export type ActivityItemView = Omit<TreeItemView, 'collapsible'> & { collapsible: 'none' | 'expanded' };

type Draft = Omit<ActivityItemView, 'label' | 'description'> & { label: string; description?: string };

const REFRESH: Record<ActivityView, CommandId> = { upcoming: CommandId.refreshUpcoming, recentRuns: CommandId.refreshRecentRuns };

function actionCommand(action: ListAction, view: ActivityView, envId: string | undefined): ItemCommand {
  switch (action) {
    case 'setApiKey':
      return { id: CommandId.setApiKey, title: l10n.t('Set API Key'), arguments: envId === undefined ? [] : [{ envId }] };
    case 'retry':
      return { id: REFRESH[view], title: l10n.t('Retry'), arguments: [] };
    case 'showLog':
      return { id: CommandId.showLog, title: l10n.t('Show Log'), arguments: [] };
    case 'openSettings':
      return { id: 'workbench.action.openSettings', title: l10n.t('Open Settings'), arguments: ['sequentum.baseUrl'] };
  }
}

function draft(node: ActivityNode, context: { now: number; locale?: string; timeZone?: string }): Draft {
  switch (node.kind) {
    case 'environment':
      return {
        label: plainText(node.name), description: plainText(node.baseUrl), iconId: 'cloud',
        tooltip: markdownFacts([l10n.t('Environment'), node.name], [l10n.t('Base URL'), node.baseUrl]), contextValue: '', collapsible: 'expanded',
      };
    case 'upcomingDay':
      return {
        label: node.day.label, description: node.day.entries.length === 1 ? l10n.t('1 run') : l10n.t('{0} runs', formatCount(node.day.entries.length, context.locale)),
        iconId: 'calendar', tooltip: markdownInline(node.day.key), contextValue: '', collapsible: 'expanded',
      };
    case 'upcomingFire': {
      const { fire, at } = node.entry;
      const time = new Intl.DateTimeFormat(context.locale, { timeStyle: 'short', hourCycle: 'h23', timeZone: context.timeZone }).format(at);
      return {
        label: l10n.t('{0} {1}', time, plainText(fire.agentName ?? '') || l10n.t('Agent {0}', fire.agentId)),
        description: l10n.t('{0} · {1}', plainText(fire.scheduleName ?? '') || l10n.t('Schedule {0}', fire.scheduleId), formatRelative(at, context.now, context.locale)),
        iconId: 'watch',
        tooltip: markdownFacts(
          [l10n.t('Agent'), fire.agentName], [l10n.t('Schedule'), fire.scheduleName],
          [l10n.t('Next run'), formatTimestamp(new Date(at).toISOString(), context.locale, context.timeZone)],
          [l10n.t('In the schedule\'s zone'), fire.timezone ? l10n.t('{0} ({1})', formatInZone(at, fire.timezone, context.locale), fire.timezone) : undefined],
        ),
        contextValue: contextValue(T.upcomingFire, T.dashboard),
        collapsible: 'none',
        command: { id: CommandId.revealAgent, title: l10n.t('Reveal Agent'), arguments: [{ agentId: fire.agentId, envId: node.envId, agentName: fire.agentName }] },
      };
    }
    case 'recentRun': {
      const { row } = node;
      const status = runStatusLabel(row.status, row.statusName);
      const started = formatTimestamp(row.startTime, context.locale, context.timeZone);
      const failed = runOutcome(row.status) === 'failed';
      const where = row.spaceId === null ? l10n.t('personal') : row.spaceName;
      return {
        label: plainText(row.agentName ?? '') || l10n.t('Agent {0}', row.agentId),
        description: [plainText(status.toLowerCase(), 60), started, where ? plainText(where) : undefined, row.message ? plainText(row.message, 120) : undefined].filter(Boolean).join(' · '),
        ...statusIcon(row.status),
        tooltip: markdownFacts(
          [l10n.t('Agent'), row.agentName], [l10n.t('Space'), where], [l10n.t('Run'), row.runId],
          [l10n.t('Started'), started], [l10n.t('Status'), status], [l10n.t('Message'), row.message, 'block'],
        ),
        contextValue: contextValue(T.recentRun, T.dashboard, failed && T.failed),
        collapsible: 'none',
      };
    }
    case 'summary': {
      const s = node.summary;
      const count = (n: number) => formatCount(n, context.locale);
      return {
        label: s.totalRuns === 1 ? l10n.t('1 run in the last 24 hours') : l10n.t('{0} runs in the last 24 hours', count(s.totalRuns)),
        description: l10n.t('{0} failed · {1} completed · {2} running · {3} stopped', count(s.failedRuns), count(s.completedRuns + s.completedWithErrorsRuns), count(s.runningRuns + s.queuedRuns), count(s.stoppedRuns)),
        iconId: 'pulse', tooltip: markdownInline(l10n.t('From the account\'s runs summary')), contextValue: '', collapsible: 'none',
      };
    }
    case 'notice': {
      const first = node.error?.actions[0];
      return {
        label: node.error?.label ?? node.text,
        description: first === 'retry' ? l10n.t('click to retry') : first === 'setApiKey' ? l10n.t('click to set the key') : undefined,
        iconId: node.error ? (first === 'setApiKey' ? 'key' : 'error') : 'info',
        ...(node.error ? { iconColor: 'errorForeground' } : {}),
        tooltip: node.error ? markdownFacts([l10n.t('Problem'), node.error.label], [l10n.t('Server said'), node.error.serverDetail, 'block']) : markdownInline(node.text),
        contextValue: node.error ? contextValue(T.error, ...node.error.actions) : contextValue(T.message),
        collapsible: 'none',
        ...(first ? { command: actionCommand(first, node.view, node.envId) } : {}),
      };
    }
  }
}

/** A row as plain values; label and description through the tree's sink. */
export function presentActivity(node: ActivityNode, context: { now: number; locale?: string; timeZone?: string }): ActivityItemView {
  const view = draft(node, context);
  return { ...view, label: forPlain(view.label, { maxLength: 250 }), description: view.description === undefined ? undefined : forPlain(view.description, { maxLength: 250 }) };
}
