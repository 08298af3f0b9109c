import { runOutcome, runStatusLabel, type Agent, type Run, type RunFile } from '../api/model';
import type { SequentumApi } from '../api/sequentumApi';
import { formatBytes, formatTimestamp } from '../text/format';
import { safeFileName } from '../tree/fileKinds';
import type { AgentNode, FileNode, RunNode, TreeNode } from '../tree/nodes';
import { l10n } from '../text/l10n';
import { forIconLabel, forNotification, forPlain, type IconLabelText } from '../text/sinks';
import type { UserInterface } from '../ui';
import { pickFromList } from './pickFromList';

/** What the palette pickers need: the UI and the locale for numbers and dates. */
export interface TargetPickDeps {
  ui: UserInterface;
  tree: { readonly locale?: string };
}

const KINDS = new Set(['environment', 'space', 'agent', 'schedule', 'run', 'versions', 'version', 'file', 'loadMore', 'error', 'message']);

/** A tree node passed as a command argument (menus pass the node; the palette passes nothing). */
export function asTreeNode(value: unknown): TreeNode | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as { kind?: unknown; id?: unknown };
  return typeof candidate.id === 'string' && typeof candidate.kind === 'string' && KINDS.has(candidate.kind) ? (value as TreeNode) : undefined;
}

export function asKind<K extends TreeNode['kind']>(value: unknown, kind: K): Extract<TreeNode, { kind: K }> | undefined {
  const node = asTreeNode(value);
  return node?.kind === kind ? (node as Extract<TreeNode, { kind: K }>) : undefined;
}

export type { AgentNode, FileNode, RunNode };

/** An agent or run named by a command argument, whatever its shape. */
export interface TargetRef {
  /** The environment of the tree node it came from; undefined = the default environment. */
  envId?: string;
  agentId: number;
  agentName?: string;
  runId?: number;
}

/**
 * Reads the target of a command from a tree node (agent, run, file, versions) or a plain object
 * `{agentId, runId?, envId?, agentName?}` as notifications, the run-config CodeLens and scripts
 * pass. Undefined when the argument names nothing (palette).
 */
export function targetRefOf(value: unknown): TargetRef | undefined {
  const node = asTreeNode(value);
  if (node?.kind === 'agent') return { envId: node.envId, agentId: node.agent.id, agentName: node.agent.name };
  if (node?.kind === 'run') return { envId: node.envId, agentId: node.agentId, agentName: node.agentName, runId: node.run.id };
  if (node?.kind === 'file') return { envId: node.envId, agentId: node.agentId, runId: node.runId };
  if (node?.kind === 'versions' || node?.kind === 'version') return { envId: node.envId, agentId: node.agentId, agentName: node.agentName };
  if (node || typeof value !== 'object' || value === null) return undefined;
  const plain = value as Record<string, unknown>;
  if (!isId(plain.agentId)) return undefined;
  return {
    envId: typeof plain.envId === 'string' ? plain.envId : undefined,
    agentId: plain.agentId,
    agentName: typeof plain.agentName === 'string' ? plain.agentName : undefined,
    runId: isId(plain.runId) ? plain.runId : undefined,
  };
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Palette: quick pick over an agent's recent runs, optionally only some of them. */
export async function pickRun(
  deps: TargetPickDeps,
  api: SequentumApi,
  agent: Pick<Agent, 'id' | 'name'>,
  title: IconLabelText,
  keep: (run: Run) => boolean = () => true,
): Promise<Run | undefined> {
  return pickFromList(deps.ui, {
    title,
    loading: forPlain(l10n.t('Loading runs…')),
    placeholder: forPlain(l10n.t('Run of {0}', agent.name)),
    matchOnDescription: true,
    read: async (signal) => (await api.listRuns(agent.id, 50, { priority: 'user', signal })).filter(keep),
    item: (run) => ({
      label: forIconLabel(formatTimestamp(run.startTime ?? run.created, deps.tree.locale) ?? l10n.t('Run {0}', run.id)),
      description: forIconLabel(l10n.t('{0} · #{1}', runStatusLabel(run.status, run.statusName).slice(0, 60).toLowerCase(), run.id)),
      value: run,
    }),
    empty: forNotification(l10n.t('No matching runs of {0}.', agent.name)),
  });
}

export async function pickFile(deps: TargetPickDeps, api: SequentumApi, agentId: number, runId: number, title: IconLabelText): Promise<RunFile | undefined> {
  return pickFromList(deps.ui, {
    title,
    loading: forPlain(l10n.t('Loading files…')),
    placeholder: forPlain(l10n.t('Output file')),
    read: (signal) => api.listRunFiles(agentId, runId, { priority: 'user', signal }),
    item: (file) => ({
      label: forIconLabel(safeFileName(file.name, `file-${file.id}`)),
      description: file.fileSize !== undefined ? forIconLabel(formatBytes(file.fileSize, deps.tree.locale)) : undefined,
      value: file,
    }),
    empty: forNotification(l10n.t('Run #{0} has no output files.', runId)),
  });
}

export function isFailed(run: Run): boolean {
  return runOutcome(run.status) === 'failed';
}
