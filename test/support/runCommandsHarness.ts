import type { FaultRule } from '../../simulator/faults';
import type { Simulator } from '../../simulator/index';
import type { SequentumClient } from '../../src/core/api/client';
import { systemClock } from '../../src/core/clock';
import { CommandId } from '../../src/core/commandIds';
import type { RunCommandDeps } from '../../src/features/runs/runDeps';
import { describeFailure, type FailureNotification } from '../../src/core/errors/failureNotification';
import { errorActionTitle } from '../../src/core/errors/describeError';
import { silentLogger } from '../../src/core/log';
import type { RunConfigSource, RunConfigStartResult } from '../../src/core/runConfig/runConfigSource';
import { RecentAgents } from '../../src/core/runs/recentAgents';
import { RunStarter } from '../../src/core/runs/runStarter';
import { RunTracker, type RunRef } from '../../src/core/runs/runTracker';
import type { SequentumApi } from '../../src/core/api/sequentumApi';
import { FakeApi } from './fakeApi';
import { FakeClock } from './fakeClock';
import { ScriptedUi } from './scriptedUi';

/**
 * Run-command deps over the fake API (or `real`, e.g. a client of the simulator), a scripted UI and
 * an in-memory globalState. `api` is the fake either way; the commands use `real` when given.
 */
export function runCommandsHarness(real?: SequentumApi) {
  const clock = new FakeClock();
  const api = new FakeApi(clock);
  const used: SequentumApi = real ?? api;
  const runsChanged: number[] = [];
  const ui = new ScriptedUi();
  const tracker = new RunTracker(clock);
  const state = new Map<string, unknown>();
  const executed: { command: string; args: unknown[] }[] = [];
  const shownRuns: RunRef[] = [];
  const polledSoon: RunRef[] = [];
  const reported: { source: RunConfigSource; result: RunConfigStartResult }[] = [];
  const failures: FailureNotification[] = [];
  const starter = new RunStarter({ api: () => Promise.resolve(used), clock, onDidStart: (run) => tracker.follow(run, 'starting') });
  const deps: RunCommandDeps = {
    ui,
    log: silentLogger,
    showLog: () => executed.push({ command: 'showLog', args: [] }),
    runs: {
      api: () => Promise.resolve(used),
      runsChanged: (agentId) => runsChanged.push(agentId),
      starter: () => Promise.resolve(starter),
      tracker,
      pollSoon: (ref) => polledSoon.push(ref),
      recentAgents: new RecentAgents({
        get: <T>(key: string) => state.get(key) as T | undefined,
        update: (key, value) => Promise.resolve(void state.set(key, value)),
      }),
      openInDashboard: (ref) => Promise.resolve(void executed.push({ command: CommandId.openInDashboard, args: [ref] })),
      showRun: (ref) => Promise.resolve(void shownRuns.push(ref)),
      // What the extension's failure notifier does, over the scripted UI (buttons other than Retry
      // are the notifier's own business and tested with it).
      showFailure: async (error, context) => {
        const notification = describeFailure(error, [], context);
        if (!notification) return false;
        failures.push(notification);
        const show = notification.severity === 'warning' ? ui.warn.bind(ui) : ui.error.bind(ui);
        return (await show(notification.message, ...notification.actions.map(errorActionTitle))) === errorActionTitle('retry');
      },
      runConfigProblems: { reportStartResult: (source, result) => reported.push({ source, result }) },
    },
  };
  return { clock, api, ui, tracker, deps, executed, shownRuns, polledSoon, reported, state, failures, runsChanged };
}

/** The start route as the simulator names it in faults and counters. */
export const START_ROUTE = 'POST /api/v1/agent/{agentId}/start';

/**
 * Start Run over the simulator with a start that goes wrong: the run-command harness on `client`,
 * a starter on the system clock that reads the runs 20, 40 and 60 ms after an unclear answer, an
 * agent "Nightly" (endless, not exclusive) and `fault` on its next start POST.
 */
export function startHarness(sim: Simulator, client: SequentumClient, fault: Omit<FaultRule, 'route' | 'times'>) {
  const h = runCommandsHarness(client);
  const starter = new RunStarter({
    api: () => Promise.resolve(client),
    clock: systemClock,
    reconcile: { delaysMs: [20, 40, 60], skewMs: 5_000, maxRecords: 25 },
    onDidStart: (run) => h.tracker.follow(run, 'starting'),
  });
  h.deps.runs.starter = () => Promise.resolve(starter);
  const agentId = sim.control.addAgent({ name: 'Nightly', behaviour: 'endless', isExclusive: false }).id;
  sim.control.setFault({ route: START_ROUTE, times: 1, ...fault });
  return { h, agentId };
}
