import { isRunConfigStartArgs, type RunConfigStartArgs } from '../../core/runConfig/runConfigSource';
import type { StartOutcome } from '../../core/runs/runStarter';
import { agentTargetOf, type AgentTarget } from '../../core/runs/runTargets';
import type { Agent } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { refusalOf, type StartRefusal } from '../../core/runs/startOptionsDraft';
import { askStartOptions, prefillStart } from './askStartOptions';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { depsForEnvironment, type RunCommandDeps } from './runDeps';
import { startAgent } from './startAgent';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain } from '../../core/text/sinks';

/**
 * `sequentum.startRun`. With an agent argument (tree node, `{agentId}`, run-config CodeLens with
 * `options` and `source`) it starts that agent; from the palette it asks for the agent and its
 * start options first (all of R1's, prefilled from the agent and its last run). Returns the
 * outcome (the CodeLens maps refusals onto its file).
 */
export async function startRun(commandDeps: RunCommandDeps, arg?: unknown, options?: unknown): Promise<StartOutcome> {
  const target: AgentTarget | undefined = agentTargetOf(arg, options);
  let deps = depsForEnvironment(commandDeps, target?.envId);
  if (!target) {
    // Start Run in a run-config file's editor title: one of the file's entries, as its CodeLens would.
    const entry = await entryOfFile(commandDeps, arg);
    if (entry === 'cancelled') return { kind: 'cancelled' };
    if (entry) return startRun(commandDeps, entry);
  }
  if (!target) {
    // Several environments with a key: which one first (none asked with one).
    const chosen = await choosePaletteEnvironment(commandDeps, forIconLabel(l10n.t('Sequentum: Start Run')));
    if (!chosen) return { kind: 'cancelled' };
    deps = depsForEnvironment(commandDeps, chosen.envId);
    const api = await deps.runs.api();
    const agent = await pickAgent(deps, api, {
      title: forIconLabel(l10n.t('Sequentum: Start Run')),
      placeholder: l10n.t('Agent to start (type to search by name or id)'),
      recentIds: deps.runs.recentAgents.ids(),
    });
    if (!agent) return { kind: 'cancelled' };
    return startWithOptions(deps, api, agent);
  }
  const outcome = await startAgent(deps, target);
  // An unclear start is neither a refusal nor a run of this entry until the user picks one.
  if (isRunConfigStartArgs(arg) && outcome.kind !== 'unclear') deps.runs.runConfigProblems?.reportStartResult(arg.source, outcome);
  return outcome;
}

/**
 * The palette's start: its options prefilled from the agent and its last run, asked (Start / Edit
 * options…), then started through the one start path. A refusal of an option's value (400/422 with
 * field errors) reopens that option with the server's words, and the corrected start goes through
 * the duplicate-run check again.
 */
async function startWithOptions(deps: RunCommandDeps, api: SequentumApi, agent: Agent): Promise<StartOutcome> {
  // Two quick reads, no progress of their own: the start's progress is the one that matters.
  let draft = await prefillStart(deps, api, agent);
  let refusal: StartRefusal | undefined;
  for (;;) {
    const asked = await askStartOptions(deps, agent, draft, refusal);
    if (!asked) return { kind: 'cancelled' };
    draft = asked;
    const refused: { by?: StartRefusal } = {};
    const target: AgentTarget = { agentId: agent.id, agentName: agent.name, agent, options: { ...draft.options } };
    const outcome = await startAgent(deps, target, (error) => (refused.by = refusalOf(error)) !== undefined);
    refusal = refused.by;
    if (outcome.kind !== 'not-started' || !refusal) return outcome;
    deps.log.info(`Start of agent ${agent.id} refused for ${[...refusal.keys()].join(', ')}; the options are open again`);
  }
}

/** The `vscode.Uri` that editor-title commands receive, as a string; undefined for anything else. */
function uriString(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = arg as { scheme?: unknown; path?: unknown; toString(): string };
  // vscode.Uri's own toString(): the same string the CodeLens uses as the file's key.
  return typeof candidate.scheme === 'string' && typeof candidate.path === 'string' ? candidate.toString() : undefined;
}

/**
 * The run-config entry to start when the argument is a run-config file: its only startable entry,
 * or the one picked. 'cancelled' when the pick is dismissed or nothing in it can start; undefined
 * when the argument is no run-config file (the palette flow applies).
 */
async function entryOfFile(deps: RunCommandDeps, arg: unknown): Promise<RunConfigStartArgs | 'cancelled' | undefined> {
  const uri = uriString(arg);
  const starts = uri === undefined ? undefined : await deps.runs.runConfigProblems?.startsIn?.(uri);
  if (!starts) return undefined;
  if (starts.length === 0) {
    void deps.ui.info(forNotification(l10n.t('This run-config file has no run with a numeric agentId yet.')));
    return 'cancelled';
  }
  if (starts.length === 1) return starts[0].args;
  const picked = await deps.ui.pick(
    starts.map((start) => ({ label: forIconLabel(start.name), description: forIconLabel(l10n.t('agent {0}', start.args.agentId)), value: start.args })),
    { title: forIconLabel(l10n.t('Sequentum: Start Run')), placeholder: forPlain(l10n.t('Which run of this file?')), matchOnDescription: true },
  );
  return picked ?? 'cancelled';
}
