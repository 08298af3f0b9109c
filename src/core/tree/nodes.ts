import type { Agent, Run, RunFile, Space } from '../api/model';
import type { AgentVersion } from '../api/runActionModel';
import type { Schedule } from '../api/scheduleModel';
import type { Environment } from '../environments/environmentSource';
import type { TreeErrorInfo } from './treeErrors';

interface NodeBase {
  /** Stable across refreshes: the TreeItem id, and the cache key of the node's children. */
  readonly id: string;
  /** Set while a refresh of the parent failed and this node is the last good value: the cause. */
  stale?: string;
}

export interface EnvironmentNode extends NodeBase {
  kind: 'environment';
  env: Environment;
}

export interface SpaceNode extends NodeBase {
  kind: 'space';
  envId: string;
  /** null = the personal space (agents whose spaceId is null). */
  spaceId: number | null;
  space: Space;
}

export interface AgentNode extends NodeBase {
  kind: 'agent';
  envId: string;
  agent: Agent;
  /** The agent's newest run as the runs layer reported it: the row shows its status, not the listed one. */
  followedRun?: FollowedRun;
}

/** A run an agent row follows, with the pending action its run row shows. */
export interface FollowedRun {
  run: Run;
  pending?: RunNode['pending'];
  /** The tree model's change counter when recorded: an agent list requested later is fresher. */
  seq: number;
}

export interface RunNode extends NodeBase {
  kind: 'run';
  envId: string;
  agentId: number;
  agentName: string;
  run: Run;
  /** Optimistic state shown before the server confirms (set by the runs layer). */
  pending?: 'starting' | 'stopping' | 'killing';
  /** The agent's current version when its runs were listed: a run of an older one says so. */
  agentVersion?: number;
}

export interface ScheduleNode extends NodeBase {
  kind: 'schedule';
  envId: string;
  agentId: number;
  agentName: string;
  schedule: Schedule;
  /** Shown at once while enable/disable is on its way (the schedule already shows the new state). */
  pending?: 'enabling' | 'disabling';
}

/** The collapsible "Versions" row under an agent (V1 is read when it is expanded). */
export interface VersionsNode extends NodeBase {
  kind: 'versions';
  envId: string;
  agentId: number;
  agentName: string;
}

/** One saved version of an agent (V1 row). */
export interface VersionNode extends NodeBase {
  kind: 'version';
  envId: string;
  agentId: number;
  agentName: string;
  version: AgentVersion;
  /** The highest version listed: the agent's current one (nothing to restore). */
  current: boolean;
}

export interface FileNode extends NodeBase {
  kind: 'file';
  envId: string;
  agentId: number;
  runId: number;
  file: RunFile;
}

export interface LoadMoreNode extends NodeBase {
  kind: 'loadMore';
  /** The node whose list grows (undefined = root). */
  owner: ParentNode | undefined;
  shown: number;
  total?: number;
  /** Items of loaded pages hidden by the filter (agents only). */
  hidden?: number;
}

export interface ErrorNode extends NodeBase {
  kind: 'error';
  owner: ParentNode | undefined;
  info: TreeErrorInfo;
}

export interface MessageNode extends NodeBase {
  kind: 'message';
  text: string;
}

/** The tree's element type: the adapter hands these to VS Code as they are. */
export type TreeNode = EnvironmentNode | SpaceNode | AgentNode | ScheduleNode | RunNode | VersionsNode | VersionNode | FileNode | LoadMoreNode | ErrorNode | MessageNode;

/** Nodes that have children. */
export type ParentNode = EnvironmentNode | SpaceNode | AgentNode | RunNode | VersionsNode;

export function isParentNode(node: TreeNode): node is ParentNode {
  return node.kind === 'environment' || node.kind === 'space' || node.kind === 'agent' || node.kind === 'run' || node.kind === 'versions';
}

/** Node ids: one scheme, so the same entity always gets the same id. */
export const NodeId = {
  root: 'root',
  environment: (envId: string) => `env:${envId}`,
  space: (envId: string, spaceId: number | null) => `${envId}/space:${spaceId ?? 'personal'}`,
  agent: (envId: string, agentId: number) => `${envId}/agent:${agentId}`,
  run: (envId: string, agentId: number, runId: number) => `${envId}/run:${agentId}:${runId}`,
  schedule: (envId: string, agentId: number, scheduleId: number) => `${envId}/schedule:${agentId}:${scheduleId}`,
  file: (envId: string, agentId: number, runId: number, fileId: number) => `${envId}/file:${agentId}:${runId}:${fileId}`,
  versions: (envId: string, agentId: number) => `${envId}/versions:${agentId}`,
  version: (envId: string, agentId: number, version: number) => `${envId}/version:${agentId}:${version}`,
  loadMore: (ownerId: string) => `${ownerId}/more`,
  error: (ownerId: string) => `${ownerId}/error`,
  message: (ownerId: string) => `${ownerId}/message`,
} as const;
