import { runStatusLabel, type Run } from '../../core/api/model';
import { stoppedWaiting } from '../../core/runs/reconcileStart';
import type { InFlightChoice, StartOutcome, StartPhase } from '../../core/runs/runStarter';
import { refOf } from '../../core/runs/runTracker';
import { agentLabel } from '../../core/runs/finishNotice';
import type { AgentTarget } from '../../core/runs/runTargets';
import type { RunCommandDeps } from './runDeps';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';

/** Buttons for at most this many runs that could be ours (a notification has room for few). */
const MAX_CANDIDATE_BUTTONS = 3;

function nameOf(target: AgentTarget): string {
  return target.agentName ?? l10n.t('Agent {0}', target.agentId);
}

async function askAboutInFlight(deps: RunCommandDeps, name: string, runs: readonly Run[]): Promise<InFlightChoice> {
  const first = runs[0];
  const status = runStatusLabel(first.status, first.statusName);
  const message =
    runs.length > 1
      ? l10n.t('{0} already has a run in flight: #{1} ({2}) and {3} more.', name, first.id, status, runs.length - 1)
      : l10n.t('{0} already has a run in flight: #{1} ({2}).', name, first.id, status);
  const openExisting = l10n.t('Open Existing Run');
  const startAnother = l10n.t('Start Another');
  const choice = await deps.ui.ask(
    forNotification(message),
    { modal: true, severity: 'warning', detail: forNotification(l10n.t('Starting another queues a second run of the same agent.'), { multiline: true }) },
    openExisting,
    startAnother,
  );
  if (choice === openExisting) return 'open-existing';
  return choice === startAnother ? 'start-another' : 'cancel';
}

/** The progress line per phase of a start. */
const PHASE_TEXT: Record<StartPhase, () => string> = {
  checking: () => l10n.t('checking for a run in flight…'),
  // The client waits 30 s for an answer, and up to one rate-limit window (60 s) more once the server
  // has answered us: it may hold a request in its queue that long, and a start abandoned earlier
  // turns ambiguous. So a hanging server is waited for ~90 s — shown, and Cancel stops waiting.
  posting: () => l10n.t("waiting for the server's answer (Cancel stops waiting; no second run is requested)…"),
  reconciling: () => l10n.t('no answer: looking for the run it may have created…'),
};

/**
 * Starts `target` through the run layer (duplicate check, single flight, reconciliation) and tells
 * the user how it went. Returns the outcome for callers such as the run-config CodeLens. A second
 * call while a start of the same agent is pending joins it (no second POST) and reports nothing.
 * The progress can be cancelled: before the POST nothing is sent; after it, the start is looked for
 * in the agent's runs (a second progress while that runs) and the outcome is told.
 * `takesRefusal`: the caller shows this refusal of the start itself (true) instead of the notification.
 */
export async function startAgent(deps: RunCommandDeps, target: AgentTarget, takesRefusal?: (error: unknown) => boolean): Promise<StartOutcome> {
  const name = nameOf(target);
  const starter = await deps.runs.starter();
  const request = {
    agentId: target.agentId,
    agentName: target.agentName,
    options: target.options,
    askAboutInFlight: (runs: readonly Run[]) => askAboutInFlight(deps, name, runs),
  };
  if (starter.isPending(target.agentId)) {
    void deps.ui.info(forNotification(l10n.t('{0} is already being started; no second run is requested.', name)));
    return starter.start(request);
  }
  let cancelled = false;
  const outcome = await deps.ui.withProgress(
    forNotification(l10n.t('Starting {0}…', name)),
    (progress) => {
      let phase: StartPhase = 'checking';
      const settled = starter.start({
        ...request,
        signal: progress.signal,
        onPhase: (next) => {
          phase = next;
          progress.report(forNotification(PHASE_TEXT[next]()));
        },
      });
      progress.signal.addEventListener(
        'abort',
        () => {
          cancelled = true;
          // Cancel closes this notification; the POST may have been sent, so its run is looked for.
          if (phase !== 'checking') void deps.ui.withProgress(forNotification(l10n.t('Checking whether {0} started…', name)), () => settled);
        },
        { once: true },
      );
      return settled;
    },
    { cancellable: true },
  );
  // The palette's options editor shows a refusal of its values at the field instead of a notification.
  if (outcome.kind === 'not-started' && outcome.stage === 'start' && takesRefusal?.(outcome.error)) return outcome;
  report(deps, target, outcome, cancelled);
  return outcome;
}

/** Notifications do not hold up the command: their buttons act whenever the user clicks. */
function report(deps: RunCommandDeps, target: AgentTarget, outcome: StartOutcome, cancelled = false): void {
  switch (outcome.kind) {
    case 'started':
    case 'adopted': {
      // A start by id alone (run-config CodeLens, a script) knows no name; the run the server
      // answered carries the agent's (configName), so "Started Nightly prices", not "Agent 1031".
      const name = target.agentName ?? agentLabel(outcome.run);
      void deps.runs.recentAgents.add(target.agentId);
      void deps.ui.info(forNotification(outcome.kind === 'started' ? l10n.t('Started {0}: run #{1}.', name, outcome.run.id) : adoptedText(name, outcome)));
      return;
    }
    case 'existing':
      deps.runs.tracker.follow(outcome.run);
      void deps.runs.showRun(refOf(outcome.run));
      return;
    case 'unclear':
      void reportUnclear(deps, target, outcome);
      return;
    case 'cancelled':
      // Cancel on the progress before the POST left: say that nothing was asked for.
      if (cancelled) void deps.ui.info(forNotification(l10n.t('{0}: start cancelled before it was sent. No run was requested.', nameOf(target))));
      return;
    case 'not-started':
      void reportNotStarted(deps, target, outcome);
  }
}

function adoptedText(name: string, outcome: Extract<StartOutcome, { kind: 'adopted' }>): string {
  return stoppedWaiting(outcome.cause)
    ? l10n.t('{0}: you stopped waiting for the answer, but run #{1} was created and is being followed. No second run was requested.', name, outcome.run.id)
    : l10n.t("{0}: the server's answer was lost, but run #{1} was created and is being followed. No second run was requested.", name, outcome.run.id);
}

/**
 * The answer to the start was lost and new runs could be ours, but may be a teammate's or a
 * schedule's: say so, adopt nothing, and let the user open one or look again.
 */
async function reportUnclear(deps: RunCommandDeps, target: AgentTarget, outcome: Extract<StartOutcome, { kind: 'unclear' }>): Promise<void> {
  const name = nameOf(target);
  const shown = outcome.candidates.slice(0, MAX_CANDIDATE_BUTTONS);
  // After a Cancel the answer was abandoned by the user, not lost: say which, as adoptedText does.
  const lead = stoppedWaiting(outcome.cause)
    ? l10n.t('{0}: you stopped waiting for the answer to the start.', name)
    : l10n.t("{0}: the server's answer to the start was lost.", name);
  const detail =
    outcome.candidates.length === 1
      ? l10n.t(
          "Run #{0} appeared at about that time and could be yours, but it may be a teammate's or a schedule's run, so it was not adopted. No second run was requested.",
          shown[0].id,
        )
      : l10n.t(
          "Runs {0} appeared at about that time: one could be yours, the others a teammate's or a schedule's, so none was adopted. No second run was requested.",
          outcome.candidates.map((run) => `#${run.id}`).join(', '),
        );
  const message = `${lead} ${detail}`;
  deps.log.warn(`Start of agent ${target.agentId} unclear: candidates ${outcome.candidates.map((run) => run.id).join(', ')}`, outcome.cause);
  const openLabel = (run: Run): string => l10n.t('Open Run #{0}', run.id);
  const lookAgain = l10n.t('Look Again');
  const choice = await deps.ui.warn(forNotification(message), ...shown.map(openLabel), lookAgain);
  if (choice === lookAgain) {
    const again = await deps.ui.withProgress(forNotification(l10n.t('Looking for the run of {0}…', name)), () =>
      deps.runs.starter().then((starter) => starter.lookAgain(outcome.ambiguity, outcome.cause)),
    );
    report(deps, target, again);
    return;
  }
  const chosen = shown.find((run) => choice === openLabel(run));
  if (!chosen) return;
  void deps.runs.recentAgents.add(target.agentId);
  deps.runs.tracker.follow(chosen);
  await deps.runs.showRun(refOf(chosen));
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
          // Unconfirmed, not refused: the server may still have started it, so never "did not start".
          message: stoppedWaiting(outcome.error)
            ? l10n.t(
                '{0} may not have started: you stopped waiting for the answer and no run that could be this start\'s appeared yet. No second request was sent; Retry checks for a run in flight first.',
                name,
              )
            : l10n.t(
                "{0} may not have started: the server's answer was lost and no run that could be this start's appeared. No second request was sent; Retry checks for a run in flight first.",
                name,
              ),
          retryable: true,
        }
      : { prefix: l10n.t('Could not start {0}', name) };
  deps.log.warn(`Start of agent ${target.agentId} failed at ${outcome.stage}`, outcome.error);
  if (await deps.runs.showFailure(outcome.error, context)) await startAgent(deps, target);
}
