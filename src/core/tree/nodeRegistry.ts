import type { Run } from '../api/model';
import type { Environment } from '../environments/environmentSource';
import type { ListItem } from './listLoader';
import {
  NodeId,
  type AgentNode,
  type EnvironmentNode,
  type ErrorNode,
  type FileNode,
  type LoadMoreNode,
  type MessageNode,
  type ParentNode,
  type RunNode,
  type ScheduleNode,
  type SpaceNode,
  type TreeNode,
  type VersionNode,
  type VersionsNode,
} from './nodes';
import type { TreeErrorInfo } from './treeErrors';

/**
 * Keeps one object per node id. VS Code matches `onDidChangeTreeData(element)` by object identity,
 * so a reloaded agent must be the same object with new data, not a new object.
 */
export class NodeRegistry {
  private readonly byId = new Map<string, TreeNode>();
  /** Child id → the node whose list holds it (for TreeView.reveal, which walks up with getParent). */
  private readonly parents = new Map<string, ParentNode>();

  get(id: string): TreeNode | undefined {
    return this.byId.get(id);
  }

  /** The node whose list last held this node; undefined for environments and unknown nodes. */
  parentOf(id: string): ParentNode | undefined {
    return this.parents.get(id);
  }

  environment(env: Environment): EnvironmentNode {
    return this.upsert<EnvironmentNode>(NodeId.environment(env.id), 'environment', (node) => (node.env = env), (id) => ({ id, kind: 'environment', env }));
  }

  fromItem(envId: string, owner: ParentNode, item: ListItem): TreeNode {
    const node = this.fromItemNode(envId, owner, item);
    this.parents.set(node.id, owner);
    return node;
  }

  private fromItemNode(envId: string, owner: ParentNode, item: ListItem): TreeNode {
    switch (item.kind) {
      case 'space':
        return this.upsert<SpaceNode>(
          NodeId.space(envId, item.spaceId),
          'space',
          (node) => (node.space = item.space),
          (id) => ({ id, kind: 'space', envId, spaceId: item.spaceId, space: item.space }),
        );
      case 'agent':
        return this.upsert<AgentNode>(
          NodeId.agent(envId, item.agent.id),
          'agent',
          (node) => (node.agent = item.agent),
          (id) => ({ id, kind: 'agent', envId, agent: item.agent }),
        );
      case 'schedule': {
        const agentName = owner.kind === 'agent' ? owner.agent.name : '';
        return this.upsert<ScheduleNode>(
          NodeId.schedule(envId, item.schedule.agentId, item.schedule.id),
          'schedule',
          (node) => {
            // A reload shows the server's state; an enable/disable still on its way keeps its own.
            if (node.pending === undefined) node.schedule = item.schedule;
            node.agentName = agentName || node.agentName;
          },
          (id) => ({ id, kind: 'schedule', envId, agentId: item.schedule.agentId, agentName, schedule: item.schedule }),
        );
      }
      case 'run':
        return this.run(envId, owner.kind === 'agent' ? owner.agent.name : '', item.run, undefined, owner.kind === 'agent' ? owner.agent.version : undefined);
      case 'versionsGroup': {
        const agentId = owner.kind === 'agent' ? owner.agent.id : 0;
        const agentName = owner.kind === 'agent' ? owner.agent.name : '';
        return this.upsert<VersionsNode>(NodeId.versions(envId, agentId), 'versions', (node) => (node.agentName = agentName || node.agentName), (id) => ({ id, kind: 'versions', envId, agentId, agentName }));
      }
      case 'version': {
        const group = owner.kind === 'versions' ? owner : undefined;
        const agentId = group?.agentId ?? 0;
        const agentName = group?.agentName ?? '';
        return this.upsert<VersionNode>(
          NodeId.version(envId, agentId, item.version.version),
          'version',
          (node) => Object.assign(node, { version: item.version, current: item.current, agentName }),
          (id) => ({ id, kind: 'version', envId, agentId, agentName, version: item.version, current: item.current }),
        );
      }
      case 'file': {
        const run = owner.kind === 'run' ? owner : undefined;
        const agentId = run?.agentId ?? 0;
        const runId = run?.run.id ?? 0;
        return this.upsert<FileNode>(
          NodeId.file(envId, agentId, runId, item.file.id),
          'file',
          (node) => (node.file = item.file),
          (id) => ({ id, kind: 'file', envId, agentId, runId, file: item.file }),
        );
      }
    }
  }

  run(envId: string, agentName: string, run: Run, pending?: RunNode['pending'], agentVersion?: number): RunNode {
    return this.upsert<RunNode>(
      NodeId.run(envId, run.agentId, run.id),
      'run',
      (node) => {
        // A server answer replaces an optimistic state only once the status moved on from it.
        const moved = run.status !== node.run.status;
        node.run = run;
        if (pending !== undefined || moved) node.pending = pending;
        if (agentName) node.agentName = agentName;
        if (agentVersion !== undefined) node.agentVersion = agentVersion;
      },
      (id) => ({ id, kind: 'run', envId, agentId: run.agentId, agentName: agentName || run.agentName || '', run, pending, ...(agentVersion !== undefined ? { agentVersion } : {}) }),
    );
  }

  error(owner: ParentNode, info: TreeErrorInfo): ErrorNode {
    return this.upsert<ErrorNode>(NodeId.error(owner.id), 'error', (node) => (node.info = info), (id) => ({ id, kind: 'error', owner, info }));
  }

  loadMore(owner: ParentNode, counts: { shown: number; total?: number; hidden?: number }): LoadMoreNode {
    return this.upsert<LoadMoreNode>(
      NodeId.loadMore(owner.id),
      'loadMore',
      (node) => Object.assign(node, counts),
      (id) => ({ id, kind: 'loadMore', owner, ...counts }),
    );
  }

  message(id: string, text: string): MessageNode {
    return this.upsert<MessageNode>(id, 'message', (node) => (node.text = text), () => ({ id, kind: 'message', text }));
  }

  private upsert<N extends TreeNode>(id: string, kind: N['kind'], update: (node: N) => void, create: (id: string) => N): N {
    const existing = this.byId.get(id);
    if (existing && existing.kind === kind) {
      update(existing as N);
      return existing as N;
    }
    const node = create(id);
    this.byId.set(id, node);
    return node;
  }
}
