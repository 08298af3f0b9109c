import type { SequentumApi } from '../../src/core/api/sequentumApi';
import { Emitter } from '../../src/core/emitter';
import { silentLogger } from '../../src/core/log';
import type { TreeNode } from '../../src/core/tree/nodes';
import { presentNode } from '../../src/core/tree/presentation';
import type { EnvironmentSource } from '../../src/core/environments/environmentSource';
import { TreeModel } from '../../src/core/tree/treeModel';

export const NOW = Date.parse('2026-01-01T12:00:00Z');

export interface TreeSetup {
  model: TreeModel;
  sourceChanged: Emitter<void>;
  changes: (TreeNode | undefined)[];
  pausedUntil?: number;
}

/** A model over one environment whose client is whatever `client()` gives. */
export function makeTree(
  client: () => Promise<SequentumApi | undefined>,
  options: { baseUrl?: string; agentPageSize?: number; runPageSize?: number; pausedUntil?: number } = {},
): TreeSetup {
  const sourceChanged = new Emitter<void>();
  const source: EnvironmentSource = {
    environments: () => [{ id: 'default', name: 'sim', baseUrl: options.baseUrl ?? 'http://127.0.0.1:9' }],
    client: () => client(),
    pausedUntil: () => options.pausedUntil,
    onDidChange: sourceChanged.event,
  };
  const model = new TreeModel({
    source,
    log: silentLogger,
    now: () => NOW,
    paging: { agentPageSize: options.agentPageSize ?? 100, runPageSize: options.runPageSize ?? 20 },
  });
  const changes: (TreeNode | undefined)[] = [];
  model.onDidChange((node) => changes.push(node));
  return { model, sourceChanged, changes };
}

export function labels(nodes: TreeNode[]): string[] {
  return nodes.map((node) => presentNode(node, { now: NOW, locale: 'en-US', timeZone: 'UTC' }).label);
}

export function view(node: TreeNode) {
  return presentNode(node, { now: NOW, locale: 'en-US', timeZone: 'UTC' });
}

/** The child with this label (fails the test when missing). */
export function child(nodes: TreeNode[], label: string): TreeNode {
  const found = nodes.find((node) => view(node).label === label);
  if (!found) throw new Error(`No child "${label}" in ${JSON.stringify(labels(nodes))}`);
  return found;
}
