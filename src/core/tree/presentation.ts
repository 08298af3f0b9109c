import { RunStatus, runOutcome, runStatusLabel, type RunStatusCode } from '../api/model';
import { ContextToken as T, contextValue } from './contextValues';
import { formatBytes, formatCount, formatDuration, formatTimestamp, parseTime } from '../text/format';
import type { AgentNode, ErrorNode, FileNode, LoadMoreNode, RunNode, SpaceNode, TreeNode } from './nodes';
import { errorActionTitle, type ListAction } from '../errors/describeError';
import { plainText } from '../text/untrustedText';
import { l10n } from '../text/l10n';
import { markdown, markdownFacts, markdownInline, type MarkdownText } from '../text/markdownText';
import { forPlain, type PlainText } from '../text/sinks';
import { isTextFile, safeFileName } from './fileKinds';
import { presentSchedule } from './schedulePresentation';
import { presentVersion, presentVersions } from './versionPresentation';
import { agentRowStatus } from './agentStatus';
import { pendingLabel } from '../runs/pendingLabel';
import { CommandId } from '../commandIds';
import { decorateAgent, decorateRun, type RunInsightsView } from './insightsPresentation';

/** A command a click on the item runs. */
export interface ItemCommand {
  id: string;
  title: string;
  arguments: unknown[];
}

/** Everything the VS Code adapter needs to build a TreeItem, as plain values. */
export interface TreeItemView {
  /** Shown as typed (tree labels render no links or icons); control and bidi characters removed. */
  label: PlainText;
  description?: PlainText;
  /** Codicon id, e.g. "sync~spin". */
  iconId: string;
  /** Theme color id for the icon, e.g. "testing.iconFailed". */
  iconColor?: string;
  /** Markdown source; every piece of server text in it is escaped. Render untrusted, no HTML, no icons. */
  tooltip: MarkdownText;
  contextValue: string;
  collapsible: 'none' | 'collapsed';
  command?: ItemCommand;
}

/** Inputs that are not part of a node: the current time (for elapsed times) and the locale. */
export interface PresentationContext {
  now: number;
  locale?: string;
  timeZone?: string;
  /** Whether an agent is on the watch list (marked with a star, Watch/Unwatch menus). */
  isWatched?: (envId: string, agentId: number) => boolean;
  /** Health and cost of finished runs (run health, B6); absent = rows without them. */
  insights?: RunInsightsView;
}

interface StatusIcon {
  iconId: string;
  iconColor?: string;
}

/** Codicon per run status: in flight spins, queued waits, success passes, failure errors. */
export function statusIcon(status: RunStatusCode | null | undefined): StatusIcon {
  if (status === null || status === undefined) return { iconId: 'circle-outline' };
  if (status === RunStatus.Queuing || status === RunStatus.Waiting) return { iconId: 'clock', iconColor: 'testing.iconQueued' };
  switch (runOutcome(status)) {
    case 'in-flight':
      return { iconId: 'sync~spin' };
    case 'succeeded':
      return { iconId: 'pass', iconColor: 'testing.iconPassed' };
    case 'failed':
      return { iconId: 'error', iconColor: 'testing.iconFailed' };
    case 'stopped':
      return { iconId: 'debug-stop' };
    case 'skipped':
      return { iconId: 'debug-step-over', iconColor: 'testing.iconSkipped' };
    default:
      return { iconId: 'question' };
  }
}

/** A view before its label and description went through the tree's sink. */
type DraftView = Omit<TreeItemView, 'label' | 'description'> & { label: string; description?: string };

/** Builds the presentation of any node. */
export function presentNode(node: TreeNode, context: PresentationContext): TreeItemView {
  const view = presentBase(node, context);
  if (node.stale) view.description = view.description ? l10n.t('stale — {0} · {1}', node.stale, view.description) : l10n.t('stale — {0}', node.stale);
  if (node.stale) view.contextValue = `${view.contextValue} ${T.stale}`;
  return { ...view, label: forPlain(view.label, { maxLength: 250 }), description: view.description === undefined ? undefined : forPlain(view.description, { maxLength: 250 }) };
}

function presentBase(node: TreeNode, context: PresentationContext): DraftView {
  switch (node.kind) {
    case 'environment':
      return {
        label: plainText(node.env.name),
        description: plainText(node.env.baseUrl),
        iconId: 'cloud',
        tooltip: markdownFacts([l10n.t('Environment'), node.env.name], [l10n.t('Base URL'), node.env.baseUrl]),
        contextValue: contextValue(T.environment),
        collapsible: 'collapsed',
      };
    case 'space':
      return presentSpace(node);
    case 'agent':
      return decorateAgent(presentAgent(node, context), node, context.insights, context.locale);
    case 'schedule':
      return presentSchedule(node, context);
    case 'run':
      return decorateRun(presentRun(node, context), node, context.insights, context.locale);
    case 'versions':
      return presentVersions(node);
    case 'version':
      return presentVersion(node, context);
    case 'file':
      return presentFile(node, context);
    case 'loadMore':
      return presentLoadMore(node, context);
    case 'error':
      return presentError(node);
    case 'message':
      return { label: node.text, iconId: 'info', tooltip: markdownInline(node.text), contextValue: contextValue(T.message), collapsible: 'none' };
  }
}

function presentSpace(node: SpaceNode): DraftView {
  const personal = node.spaceId === null;
  return {
    label: plainText(node.space.name) || l10n.t('Space {0}', node.space.id),
    iconId: personal ? 'account' : 'folder-library',
    tooltip: markdownFacts([l10n.t('Space'), node.space.name], [l10n.t('Id'), personal ? l10n.t('personal') : node.space.id], [l10n.t('Description'), node.space.description]),
    contextValue: contextValue(T.space, node.spaceId !== null && T.runnableSpace),
    collapsible: 'collapsed',
  };
}

function presentAgent(node: AgentNode, context: PresentationContext): DraftView {
  const { agent } = node;
  // The newest followed run's status, so this row and that run's row agree.
  const { status, statusName, pending } = agentRowStatus(node);
  const label = runStatusLabel(status, statusName);
  const watched = context.isWatched?.(node.envId, agent.id) ?? false;
  const state = pending ? pendingLabel(pending) : plainText(label.toLowerCase(), 60);
  return {
    label: plainText(agent.name) || l10n.t('Agent {0}', agent.id),
    description: watched ? l10n.t('★ watched · {0}', state) : state,
    ...(pending ? { iconId: 'sync~spin' } : statusIcon(status)),
    tooltip: markdownFacts(
      [l10n.t('Agent'), agent.name],
      [l10n.t('Id'), agent.id],
      [l10n.t('Last status'), pending ? l10n.t('{0} ({1})', label, pendingLabel(pending)) : label],
      [l10n.t('Last activity'), formatTimestamp(agent.lastActivity, context.locale, context.timeZone)],
      [l10n.t('Version'), agent.version],
      [l10n.t('Description'), agent.description],
    ),
    contextValue: contextValue(T.agent, T.startable, T.dashboard, runOutcome(status) === 'failed' && T.failed, context.isWatched && (watched ? T.watched : T.watchable)),
    collapsible: 'collapsed',
  };
}

/** "running · 2m 10s", "success · 1,204 records", "failure · 3 errors", "Starting…". */
export function runDescription(node: RunNode, context: PresentationContext): string {
  if (node.pending) return pendingLabel(node.pending);
  const outcome = runOutcomeDescription(node, context);
  return olderVersion(node) ? l10n.t('{0} · v{1} (older)', outcome, node.run.configVersion ?? '') : outcome;
}

/** True when the run used an older version of the agent than the agent's current one. */
export function olderVersion(node: RunNode): boolean {
  const used = node.run.configVersion;
  return used !== undefined && node.agentVersion !== undefined && used < node.agentVersion;
}

function runOutcomeDescription(node: RunNode, context: PresentationContext): string {
  const { run } = node;
  const status = plainText(runStatusLabel(run.status, run.statusName).toLowerCase(), 60);
  switch (runOutcome(run.status)) {
    case 'in-flight': {
      const started = parseTime(run.startTime) ?? parseTime(run.created);
      return started === undefined ? status : l10n.t('{0} · {1}', status, formatDuration((context.now - started) / 1000));
    }
    case 'succeeded':
      return run.recordsExtracted === undefined ? status : l10n.t('{0} · {1} records', status, formatCount(run.recordsExtracted, context.locale));
    case 'failed':
      return run.errorCount ? l10n.t('{0} · {1} errors', status, formatCount(run.errorCount, context.locale)) : status;
    default:
      return status;
  }
}

function presentRun(node: RunNode, context: PresentationContext): DraftView {
  const { run } = node;
  const outcome = runOutcome(run.status);
  const started = formatTimestamp(run.startTime ?? run.created, context.locale, context.timeZone);
  return {
    label: started ?? l10n.t('Run {0}', run.id),
    description: runDescription(node, context),
    ...(node.pending ? { iconId: 'sync~spin' } : statusIcon(run.status)),
    tooltip: markdownFacts(
      [l10n.t('Run'), run.id],
      [l10n.t('Agent'), node.agentName],
      [l10n.t('Agent version'), run.configVersion === undefined ? undefined : olderVersion(node) ? l10n.t('{0} (the agent is now at version {1})', run.configVersion, node.agentVersion ?? '') : run.configVersion],
      [l10n.t('Status'), runStatusLabel(run.status, run.statusName)],
      [l10n.t('Started'), formatTimestamp(run.startTime, context.locale, context.timeZone)],
      [l10n.t('Ended'), formatTimestamp(run.endTime, context.locale, context.timeZone)],
      [l10n.t('Run time'), run.runTimeSec !== undefined ? formatDuration(run.runTimeSec) : undefined],
      [l10n.t('Records extracted'), run.recordsExtracted !== undefined ? formatCount(run.recordsExtracted, context.locale) : undefined],
      [l10n.t('Records exported'), run.recordsExported !== undefined ? formatCount(run.recordsExported, context.locale) : undefined],
      [l10n.t('Errors'), run.errorCount || undefined],
      [l10n.t('Message'), run.message, 'block'],
    ),
    contextValue: contextValue(T.run, T.dashboard, outcome === 'in-flight' ? T.inflight : !node.pending && T.ended, outcome === 'failed' && T.failed),
    collapsible: 'collapsed',
  };
}

function presentFile(node: FileNode, context: PresentationContext): DraftView {
  const { file } = node;
  // The label is the name the file gets on disk (no bidi tricks, no reserved names).
  const name = safeFileName(file.name, `file-${file.id}`);
  const text = isTextFile(name);
  const log = file.fileType === 6 || file.fileType === 7 || /\.log$/i.test(name);
  return {
    label: plainText(name),
    description: file.fileSize !== undefined ? formatBytes(file.fileSize, context.locale) : undefined,
    iconId: log ? 'output' : text ? 'file-text' : 'file-binary',
    tooltip: markdownFacts(
      [l10n.t('File'), file.name],
      [l10n.t('Size'), file.fileSize !== undefined ? formatBytes(file.fileSize, context.locale) : undefined],
      [l10n.t('Created'), formatTimestamp(file.created, context.locale, context.timeZone)],
      [l10n.t('Opens'), text ? l10n.t('in an editor') : l10n.t('by downloading to a folder you choose')],
    ),
    contextValue: contextValue(T.file),
    collapsible: 'none',
    command: { id: CommandId.openFile, title: l10n.t('Open'), arguments: [node] },
  };
}

function presentLoadMore(node: LoadMoreNode, context: PresentationContext): DraftView {
  const shown =
    node.total !== undefined
      ? l10n.t('{0} of {1} loaded', formatCount(node.shown, context.locale), formatCount(node.total, context.locale))
      : l10n.t('{0} loaded', formatCount(node.shown, context.locale));
  const description = node.hidden ? l10n.t('{0} · {1} hidden by filter', shown, formatCount(node.hidden, context.locale)) : shown;
  return {
    label: l10n.t('Load more…'),
    description,
    iconId: 'ellipsis',
    tooltip: markdown`${l10n.t('Load the next page')}`,
    contextValue: contextValue(T.loadMore),
    collapsible: 'none',
    command: { id: CommandId.loadMore, title: l10n.t('Load more'), arguments: [node] },
  };
}

const ACTION_COMMANDS: Record<ListAction, (node: ErrorNode) => ItemCommand> = {
  // The environment whose key is missing or refused, so Set API Key asks no "which environment?".
  setApiKey: (node) => ({ id: CommandId.setApiKey, title: errorActionTitle('setApiKey'), arguments: node.owner ? [{ envId: node.owner.kind === 'environment' ? node.owner.env.id : node.owner.envId }] : [] }),
  retry: (node) => ({ id: CommandId.refresh, title: errorActionTitle('retry'), arguments: node.owner ? [node.owner] : [] }),
  showLog: () => ({ id: CommandId.showLog, title: errorActionTitle('showLog'), arguments: [] }),
  openSettings: () => ({ id: 'workbench.action.openSettings', title: errorActionTitle('openSettings'), arguments: ['sequentum.baseUrl'] }),
};

function presentError(node: ErrorNode): DraftView {
  const { info } = node;
  const first = info.actions[0];
  return {
    label: info.label,
    description: first === 'retry' ? l10n.t('click to retry') : first === 'setApiKey' ? l10n.t('click to set the key') : undefined,
    iconId: first === 'setApiKey' ? 'key' : 'error',
    iconColor: 'errorForeground',
    tooltip: markdownFacts([l10n.t('Problem'), info.label], [l10n.t('Server said'), info.serverDetail, 'block']),
    contextValue: contextValue(T.error, ...info.actions),
    collapsible: 'none',
    command: first ? ACTION_COMMANDS[first](node) : undefined,
  };
}

