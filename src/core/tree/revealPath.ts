import type { SequentumApi } from '../api/sequentumApi';
import { DEFAULT_ENVIRONMENT_ID } from '../environments/defaultEnvironment';
import { NodeId, type AgentNode, type RunNode, type SpaceNode, type TreeNode } from './nodes';
import type { TreeModel } from './treeModel';

/** The run to reveal; `envId` defaults to the first (default) environment. */
export interface RevealTarget {
  envId?: string;
  agentId: number;
  runId: number;
}

/**
 * Finds (loading what is needed, at user priority) the run node for `target`, so the view can
 * reveal and select it: environment → the agent's space → the agent → the run. The run is read
 * and put at the top of the agent's list when the loaded page does not hold it (an old run). An
 * agent beyond the first loaded page of its space is not paged for: undefined, and the caller
 * falls back to the dashboard.
 */
export async function findRunNode(model: TreeModel, api: SequentumApi, target: RevealTarget): Promise<RunNode | undefined> {
  const roots = await model.getChildren();
  const envNodes = roots.filter((node) => node.kind === 'environment');
  const envId = target.envId ?? envNodes[0]?.env.id ?? DEFAULT_ENVIRONMENT_ID;
  const agentNode = await findAgentNode(model, api, envId, target.agentId, envNodes.length > 0 ? envNodes : undefined, roots);
  if (!agentNode) return undefined;
  const runId = NodeId.run(envId, target.agentId, target.runId);
  await model.getChildren(agentNode);
  let node = model.nodeById(runId);
  if (node?.kind !== 'run') {
    const run = await api.getRunStatus(target.agentId, target.runId, { priority: 'user' });
    model.runChanged(envId, run);
    node = model.nodeById(runId);
  }
  return node?.kind === 'run' ? node : undefined;
}

/** Finds (loading what is needed) the agent node to reveal: environment → the agent's space → the agent; undefined past a loaded page. */
export async function findAgentNodeOf(model: TreeModel, api: SequentumApi, target: { envId?: string; agentId: number }): Promise<AgentNode | undefined> {
  const roots = await model.getChildren();
  const envNodes = roots.filter((node) => node.kind === 'environment');
  const envId = target.envId ?? envNodes[0]?.env.id ?? DEFAULT_ENVIRONMENT_ID;
  return findAgentNode(model, api, envId, target.agentId, envNodes.length > 0 ? envNodes : undefined, roots);
}

async function findAgentNode(
  model: TreeModel,
  api: SequentumApi,
  envId: string,
  agentId: number,
  envNodes: TreeNode[] | undefined,
  roots: TreeNode[],
): Promise<AgentNode | undefined> {
  const known = model.nodeById(NodeId.agent(envId, agentId));
  if (known?.kind === 'agent') return known;
  const agent = await api.getAgent(agentId, { priority: 'user' });
  const envNode = envNodes?.find((node) => node.kind === 'environment' && node.env.id === envId);
  if (envNodes && !envNode) return undefined;
  const top = envNode ? await model.getChildren(envNode) : roots;
  const space = top.find((node): node is SpaceNode => node.kind === 'space' && node.spaceId === agent.spaceId);
  if (!space) return undefined;
  await model.getChildren(space);
  const found = model.nodeById(NodeId.agent(envId, agentId));
  return found?.kind === 'agent' ? found : undefined;
}
