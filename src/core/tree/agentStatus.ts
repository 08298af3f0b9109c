import { runOutcome, type Run, type RunStatusCode } from '../api/model';
import type { ListItem } from './listLoader';
import type { AgentNode, FollowedRun, RunNode, TreeNode } from './nodes';

/** The status an agent row shows. */
export interface AgentRowStatus {
  status: RunStatusCode | null;
  statusName?: string;
  pending?: RunNode['pending'];
}

/** The followed run's status and pending action when there is one, else the listed last status. */
export function agentRowStatus(node: AgentNode): AgentRowStatus {
  const followed = node.followedRun;
  if (followed) return { status: followed.run.status, statusName: followed.run.statusName, pending: followed.pending };
  return { status: node.agent.lastStatus, statusName: node.agent.lastStatusName };
}

/**
 * Whether a change of `run` is about the agent's newest run: it is no older than the followed run
 * nor than any run in the agent's loaded list (an old run read in for a reveal is not).
 */
export function isNewestRun(run: Run, followed: FollowedRun | undefined, listed: readonly ListItem[] | undefined): boolean {
  if (!isSameOrNewerRun(run, followed?.run)) return false;
  return !listed || listed.every((item) => item.kind !== 'run' || isSameOrNewerRun(run, item.run));
}

/** True when `run` is `other` or newer: a later created (or start) time, else a higher id. */
function isSameOrNewerRun(run: Run, other: Run | undefined): boolean {
  if (!other || run.id === other.id) return true;
  const a = runTime(run);
  const b = runTime(other);
  if (a !== undefined && b !== undefined && a !== b) return a > b;
  return run.id > other.id;
}

/**
 * After an agent list arrives that was requested when the model's change counter read
 * `requestedAt`: agents whose followed run had finished by then (nothing pending) show the listed
 * status again, since the server may know of a newer run. While a run is in flight its row and
 * the agent row stay in step.
 */
export function forgetSupersededRuns(listed: readonly (TreeNode | false | undefined)[], requestedAt: number): void {
  for (const node of listed) {
    if (!node || node.kind !== 'agent' || !node.followedRun) continue;
    const { seq, pending, run } = node.followedRun;
    if (seq <= requestedAt && !pending && runOutcome(run.status) !== 'in-flight') node.followedRun = undefined;
  }
}

function runTime(run: Run): number | undefined {
  const time = Date.parse(run.created ?? run.startTime ?? '');
  return Number.isNaN(time) ? undefined : time;
}
