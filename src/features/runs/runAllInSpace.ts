import { RunStatus, type Space } from '../../core/api/model';
import type { RunAllResult } from '../../core/api/runActionModel';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { asKind } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain, withIcon } from '../../core/text/sinks';
import { commandEnvironment } from './runCommandTarget';
import type { RunCommandDeps } from './runDeps';

/** The space a command argument names: a space node, or `{spaceId, envId?, spaceName?}`. */
function spaceTargetOf(arg: unknown): { envId?: string; space: Pick<Space, 'id' | 'name'> } | undefined {
  const node = asKind(arg, 'space');
  if (node) return node.spaceId === null ? undefined : { envId: node.envId, space: node.space };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const plain = arg as Record<string, unknown>;
  if (typeof plain.spaceId !== 'number' || !Number.isSafeInteger(plain.spaceId)) return undefined;
  return {
    ...(typeof plain.envId === 'string' ? { envId: plain.envId } : {}),
    space: { id: plain.spaceId, name: typeof plain.spaceName === 'string' ? plain.spaceName : l10n.t('Space {0}', plain.spaceId) },
  };
}

async function pickSpace(deps: RunCommandDeps, api: SequentumApi): Promise<Pick<Space, 'id' | 'name'> | undefined> {
  const spaces = await deps.ui.withProgress(forNotification(l10n.t('Loading spaces…')), () => api.listSpaces());
  return deps.ui.pick(
    spaces.map((space) => ({ label: forIconLabel(space.name) || forIconLabel(l10n.t('Space {0}', space.id)), description: forIconLabel(l10n.t('#{0}', space.id)), value: space })),
    { title: forIconLabel(l10n.t('Sequentum: Run All Agents in Space')), placeholder: forPlain(l10n.t('Space whose agents to start')) },
  );
}

/**
 * `sequentum.runAllInSpace` (P5) on a space: says how many agents will start and asks; then one
 * request starts them all (the server decides per agent), the started runs are followed like any
 * other, and the result is shown per agent — started with its run, or failed with the server's
 * reason (every server string through its sink). Returns the server's answer.
 */
export async function runAllInSpace(commandDeps: RunCommandDeps, arg?: unknown): Promise<RunAllResult | undefined> {
  const title = forIconLabel(l10n.t('Sequentum: Run All Agents in Space'));
  const target = spaceTargetOf(arg);
  const environment = await commandEnvironment(commandDeps, target, title);
  if (!environment) return undefined;
  const { deps, api } = environment;
  const space = target?.space ?? (await pickSpace(deps, api));
  if (!space) return undefined;
  const agents = await deps.ui.withProgress(forNotification(l10n.t('Counting the agents of {0}…', space.name)), () => api.listSpaceAgents(space.id));
  if (agents.length === 0) {
    void deps.ui.info(forNotification(l10n.t('{0} has no agents to start.', space.name)));
    return undefined;
  }
  const button = agents.length === 1 ? l10n.t('Start 1 Agent') : l10n.t('Start {0} Agents', agents.length);
  const answer = await deps.ui.ask(
    forNotification(agents.length === 1 ? l10n.t('Start the 1 agent of {0}?', space.name) : l10n.t('Start all {0} agents of {1}?', agents.length, space.name)),
    {
      modal: true,
      severity: 'warning',
      detail: forNotification(l10n.t('Each agent starts once with its default input parameters. The server may refuse some (an exclusive agent with a run in flight, an invalid agent); the result lists each one.'), { multiline: true }),
    },
    button,
  );
  if (answer !== button) return undefined;
  const result = await deps.ui.withProgress(forNotification(l10n.t('Starting the agents of {0}…', space.name)), () => api.runAllInSpace(space.id, undefined, { priority: 'user' }));
  for (const line of result.results) {
    if (line.success && line.runId !== undefined) deps.runs.tracker.follow({ id: line.runId, agentId: line.agentId, status: RunStatus.Queuing, ...(line.agentName !== undefined ? { agentName: line.agentName } : {}) });
  }
  deps.log.info(`Run all in space ${space.id}: ${result.agentsStarted} started, ${result.agentsFailed} failed of ${result.totalAgents}`);
  void showResult(deps, space, result);
  return result;
}

/** One notification with the totals; "Show Results" lists every agent (a started one opens its run). */
async function showResult(deps: RunCommandDeps, space: Pick<Space, 'name'>, result: RunAllResult): Promise<void> {
  const message =
    result.agentsFailed === 0
      ? l10n.t('{0}: started {1} of {2} agents.', space.name, result.agentsStarted, result.totalAgents)
      : l10n.t('{0}: started {1} of {2} agents; {3} failed.', space.name, result.agentsStarted, result.totalAgents, result.agentsFailed);
  const show = l10n.t('Show Results');
  const chosen = result.agentsFailed === 0 ? await deps.ui.info(forNotification(message), show) : await deps.ui.warn(forNotification(message), show);
  if (chosen !== show) return;
  const picked = await deps.ui.pick(
    result.results.map((line) => ({
      label: withIcon(line.success ? 'pass' : 'error', forIconLabel(line.agentName ?? l10n.t('Agent {0}', line.agentId))),
      description: forIconLabel(line.success ? l10n.t('started · run #{0}', line.runId ?? '?') : l10n.t('failed')),
      ...(line.errorMessage ? { detail: forIconLabel(line.errorMessage, { maxLength: 300 }) } : {}),
      value: line,
    })),
    { title: forIconLabel(l10n.t('Run all in {0}', space.name)), placeholder: forPlain(l10n.t('Started runs open in the Agents view')), matchOnDescription: true },
  );
  if (picked?.success && picked.runId !== undefined) await deps.runs.showRun({ agentId: picked.agentId, runId: picked.runId });
}
