import { RunStatus, runOutcome, runStatusLabel, type RunStatusCode } from '../api/model';
import { ContextToken as T, contextValue } from './contextValues';
import { formatBytes, formatCount, formatDuration, formatTimestamp, parseTime } from '../text/format';
import type { AgentNode, ErrorNode, FileNode, LoadMoreNode, RunNode, SpaceNode, TreeNode } from './nodes';
import type { ListAction } from '../errors/describeError';
import { escapeMarkdownBlock, escapeMarkdownInline, plainText } from '../text/untrustedText';
import { isTextFile, safeFileName } from './fileKinds';
import { agentRowStatus, PENDING_LABELS } from './agentStatus';

/** A command a click on the item runs. */
export interface ItemCommand {
  id: string;
  title: string;
  arguments: unknown[];
}

/** Everything the VS Code adapter needs to build a TreeItem, as plain values. */
export interface TreeItemView {
  label: string;
  description?: string;
  /** Codicon id, e.g. "sync~spin". */
  iconId: string;
  /** Theme color id for the icon, e.g. "testing.iconFailed". */
  iconColor?: string;
  /** Markdown source; every piece of server text in it is escaped. Render untrusted, no HTML. */
  tooltip: string;
  contextValue: string;
  collapsible: 'none' | 'collapsed';
  command?: ItemCommand;
}

/** Inputs that are not part of a node: the current time (for elapsed times) and the locale. */
export interface PresentationContext {
  now: number;
  locale?: string;
  timeZone?: string;
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

/** Builds the presentation of any node. */
export function presentNode(node: TreeNode, context: PresentationContext): TreeItemView {
  const view = presentBase(node, context);
  if (node.stale) view.description = [`stale — ${node.stale}`, view.description].filter(Boolean).join(' · ');
  if (node.stale) view.contextValue = `${view.contextValue} ${T.stale}`;
  return view;
}

function presentBase(node: TreeNode, context: PresentationContext): TreeItemView {
  switch (node.kind) {
    case 'environment':
      return {
        label: plainText(node.env.name),
        description: plainText(node.env.baseUrl),
        iconId: 'cloud',
        tooltip: lines(['Environment', node.env.name], ['Base URL', node.env.baseUrl]),
        contextValue: contextValue(T.environment),
        collapsible: 'collapsed',
      };
    case 'space':
      return presentSpace(node);
    case 'agent':
      return presentAgent(node, context);
    case 'run':
      return presentRun(node, context);
    case 'file':
      return presentFile(node, context);
    case 'loadMore':
      return presentLoadMore(node, context);
    case 'error':
      return presentError(node);
    case 'message':
      return { label: node.text, iconId: 'info', tooltip: escapeMarkdownInline(node.text), contextValue: contextValue(T.message), collapsible: 'none' };
  }
}

function presentSpace(node: SpaceNode): TreeItemView {
  const personal = node.spaceId === null;
  return {
    label: plainText(node.space.name) || `Space ${node.space.id}`,
    iconId: personal ? 'account' : 'folder-library',
    tooltip: lines(['Space', node.space.name], ['Id', personal ? 'personal' : node.space.id], ['Description', node.space.description]),
    contextValue: contextValue(T.space),
    collapsible: 'collapsed',
  };
}

function presentAgent(node: AgentNode, context: PresentationContext): TreeItemView {
  const { agent } = node;
  // The newest followed run's status, so this row and that run's row agree.
  const { status, statusName, pending } = agentRowStatus(node);
  const label = runStatusLabel(status, statusName);
  return {
    label: plainText(agent.name) || `Agent ${agent.id}`,
    description: pending ? PENDING_LABELS[pending] : plainText(label.toLowerCase(), 60),
    ...(pending ? { iconId: 'sync~spin' } : statusIcon(status)),
    tooltip: lines(
      ['Agent', agent.name],
      ['Id', agent.id],
      ['Last status', pending ? `${label} (${PENDING_LABELS[pending]})` : label],
      ['Last activity', formatTimestamp(agent.lastActivity, context.locale, context.timeZone)],
      ['Version', agent.version],
      ['Description', agent.description],
    ),
    contextValue: contextValue(T.agent, T.startable, T.dashboard, runOutcome(status) === 'failed' && T.failed),
    collapsible: 'collapsed',
  };
}

/** "running · 2m 10s", "success · 1,204 records", "failure · 3 errors", "Starting…". */
export function runDescription(node: RunNode, context: PresentationContext): string {
  if (node.pending) return PENDING_LABELS[node.pending];
  const { run } = node;
  const status = plainText(runStatusLabel(run.status, run.statusName).toLowerCase(), 60);
  switch (runOutcome(run.status)) {
    case 'in-flight': {
      const started = parseTime(run.startTime) ?? parseTime(run.created);
      return started === undefined ? status : `${status} · ${formatDuration((context.now - started) / 1000)}`;
    }
    case 'succeeded':
      return run.recordsExtracted === undefined ? status : `${status} · ${formatCount(run.recordsExtracted, context.locale)} records`;
    case 'failed':
      return run.errorCount ? `${status} · ${formatCount(run.errorCount, context.locale)} errors` : status;
    default:
      return status;
  }
}

function presentRun(node: RunNode, context: PresentationContext): TreeItemView {
  const { run } = node;
  const outcome = runOutcome(run.status);
  const started = formatTimestamp(run.startTime ?? run.created, context.locale, context.timeZone);
  return {
    label: started ?? `Run ${run.id}`,
    description: runDescription(node, context),
    ...(node.pending ? { iconId: 'sync~spin' } : statusIcon(run.status)),
    tooltip: lines(
      ['Run', run.id],
      ['Agent', node.agentName],
      ['Status', runStatusLabel(run.status, run.statusName)],
      ['Started', formatTimestamp(run.startTime, context.locale, context.timeZone)],
      ['Ended', formatTimestamp(run.endTime, context.locale, context.timeZone)],
      ['Run time', run.runTimeSec !== undefined ? formatDuration(run.runTimeSec) : undefined],
      ['Records extracted', run.recordsExtracted !== undefined ? formatCount(run.recordsExtracted, context.locale) : undefined],
      ['Records exported', run.recordsExported !== undefined ? formatCount(run.recordsExported, context.locale) : undefined],
      ['Errors', run.errorCount || undefined],
      ['Message', run.message],
    ),
    contextValue: contextValue(T.run, T.dashboard, outcome === 'in-flight' && T.inflight, outcome === 'failed' && T.failed),
    collapsible: 'collapsed',
  };
}

function presentFile(node: FileNode, context: PresentationContext): TreeItemView {
  const { file } = node;
  // The label is the name the file gets on disk (no bidi tricks, no reserved names).
  const name = safeFileName(file.name, `file-${file.id}`);
  const text = isTextFile(name);
  const log = file.fileType === 6 || file.fileType === 7 || /\.log$/i.test(name);
  return {
    label: plainText(name),
    description: file.fileSize !== undefined ? formatBytes(file.fileSize, context.locale) : undefined,
    iconId: log ? 'output' : text ? 'file-text' : 'file-binary',
    tooltip: lines(
      ['File', file.name],
      ['Size', file.fileSize !== undefined ? formatBytes(file.fileSize, context.locale) : undefined],
      ['Created', formatTimestamp(file.created, context.locale, context.timeZone)],
      ['Opens', text ? 'in an editor' : 'by downloading to a folder you choose'],
    ),
    contextValue: contextValue(T.file),
    collapsible: 'none',
    command: { id: 'sequentum.openFile', title: 'Open', arguments: [node] },
  };
}

function presentLoadMore(node: LoadMoreNode, context: PresentationContext): TreeItemView {
  const shown = node.total !== undefined ? `${formatCount(node.shown, context.locale)} of ${formatCount(node.total, context.locale)} loaded` : `${formatCount(node.shown, context.locale)} loaded`;
  const hidden = node.hidden ? ` · ${formatCount(node.hidden, context.locale)} hidden by filter` : '';
  return {
    label: 'Load more…',
    description: shown + hidden,
    iconId: 'ellipsis',
    tooltip: 'Load the next page',
    contextValue: contextValue(T.loadMore),
    collapsible: 'none',
    command: { id: 'sequentum.loadMore', title: 'Load more', arguments: [node] },
  };
}

const ACTION_COMMANDS: Record<ListAction, (node: ErrorNode) => ItemCommand> = {
  // The environment whose key is missing or refused, so Set API Key asks no "which environment?".
  setApiKey: (node) => ({ id: 'sequentum.setApiKey', title: 'Set API Key', arguments: node.owner ? [{ envId: node.owner.kind === 'environment' ? node.owner.env.id : node.owner.envId }] : [] }),
  retry: (node) => ({ id: 'sequentum.refresh', title: 'Retry', arguments: node.owner ? [node.owner] : [] }),
  showLog: () => ({ id: 'sequentum.showLog', title: 'Show Log', arguments: [] }),
  openSettings: () => ({ id: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['sequentum.baseUrl'] }),
};

function presentError(node: ErrorNode): TreeItemView {
  const { info } = node;
  const first = info.actions[0];
  return {
    label: info.label,
    description: first === 'retry' ? 'click to retry' : first === 'setApiKey' ? 'click to set the key' : undefined,
    iconId: first === 'setApiKey' ? 'key' : 'error',
    iconColor: 'errorForeground',
    tooltip: lines(['Problem', info.label], ['Server said', info.serverDetail]),
    contextValue: contextValue(T.error, ...info.actions),
    collapsible: 'none',
    command: first ? ACTION_COMMANDS[first](node) : undefined,
  };
}

/** Markdown lines "**Key:** value" for present values; values are escaped (keys are ours). */
function lines(...entries: [string, string | number | null | undefined][]): string {
  return entries
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `**${key}:** ${key === 'Message' || key === 'Server said' ? escapeMarkdownBlock(value, 2000) : escapeMarkdownInline(value)}`)
    .join('  \n');
}
