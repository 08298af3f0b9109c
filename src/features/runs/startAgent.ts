import { runStatusLabel, type Run } from '../../core/api/model';
import type { InFlightChoice, StartOutcome } from '../../core/runs/runStarter';
import { refOf } from '../../core/runs/runTracker';
import type { AgentTarget } from '../../core/runs/runTargets';
import type { RunCommandDeps } from './runDeps';

const OPEN_EXISTING = 'Open Existing Run';
const START_ANOTHER = 'Start Another';

function nameOf(target: AgentTarget): string {
  return target.agentName ?? `Agent ${target.agentId}`;
}

async function askAboutInFlight(deps: RunCommandDeps, name: string, runs: readonly Run[]): Promise<InFlightChoice> {
  const first = runs[0];
  const more = runs.length > 1 ? ` and ${runs.length - 1} more` : '';
  const choice = await deps.ui.ask(
    `${name} already has a run in flight: #${first.id} (${runStatusLabel(first.status, first.statusName)})${more}.`,
    { modal: true, severity: 'warning', detail: 'Starting another queues a second run of the same agent.' },
    OPEN_EXISTING,
    START_ANOTHER,
  );
  if (choice === OPEN_EXISTING) return 'open-existing';
  return choice === START_ANOTHER ? 'start-another' : 'cancel';
}

/**
 * Starts `target` through the run layer (duplicate check, single flight, reconciliation) and tells
 * the user how it went. Returns the outcome for callers such as the run-config CodeLens. A second
 * call while a start of the same agent is pending joins it (no second POST) and reports nothing.
 */
export async function startAgent(deps: RunCommandDeps, target: AgentTarget): Promise<StartOutcome> {
  const name = nameOf(target);
  const { starter } = deps.runs;
  const request = {
    agentId: target.agentId,
    agentName: target.agentName,
    options: target.options,
    askAboutInFlight: (runs: readonly Run[]) => askAboutInFlight(deps, name, runs),
  };
  if (starter.isPending(target.agentId)) {
    void deps.ui.info(`${name} is already being started; no second run is requested.`);
    return starter.start(request);
  }
  const outcome = await deps.ui.withProgress(`Starting ${name}…`, () => starter.start(request));
  report(deps, target, outcome);
  return outcome;
}

/** Notifications do not hold up the command: their buttons act whenever the user clicks. */
function report(deps: RunCommandDeps, target: AgentTarget, outcome: StartOutcome): void {
  const name = nameOf(target);
  switch (outcome.kind) {
    case 'started':
    case 'adopted':
      void deps.runs.recentAgents.add(target.agentId);
      void deps.ui.info(
        outcome.kind === 'started'
          ? `Started ${name}: run #${outcome.run.id}.`
          : `${name}: the server's answer was lost, but run #${outcome.run.id} was created and is being followed. No second run was requested.`,
      );
      return;
    case 'existing':
      deps.runs.tracker.follow(outcome.run);
      void deps.runs.showRun(refOf(outcome.run));
      return;
    case 'cancelled':
      return;
    case 'not-started':
      void reportNotStarted(deps, target, outcome);
  }
}

/**
 * One notification, worded and equipped like every other failed action (describeFailure: Retry,
 * Set API Key, Open Docs, Show Log, Copy Details), with the agent named.
 */
async function reportNotStarted(deps: RunCommandDeps, target: AgentTarget, outcome: Extract<StartOutcome, { kind: 'not-started' }>): Promise<void> {
  const name = nameOf(target);
  const context =
    outcome.stage === 'reconcile'
      ? {
          message: `${name} did not start: the server did not confirm the start and no new run appeared. No second request was sent.`,
          retryable: true,
        }
      : { prefix: `Could not start ${name}` };
  deps.log.warn(`Start of agent ${target.agentId} failed at ${outcome.stage}`, outcome.error);
  if (await deps.runs.showFailure(outcome.error, context)) await startAgent(deps, target);
}
