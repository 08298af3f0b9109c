import { runStatusLabel } from '../../core/api/model';
import { pickText } from '../../core/pickText';
import { agentLabel } from '../../core/runs/finishNotice';
import type { TrackedRun } from '../../core/runs/runTracker';
import type { RunCommandDeps } from './runDeps';

const PENDING_LABEL = { starting: 'Starting…', stopping: 'Stopping…', killing: 'Killing…' } as const;

/** "Running · 3m" style text for a followed run. */
export function trackedRunDescription(tracked: TrackedRun, now: number): string {
  const status = tracked.pending ? PENDING_LABEL[tracked.pending] : runStatusLabel(tracked.run.status, tracked.run.statusName);
  const since = Date.parse(tracked.run.startTime ?? tracked.run.created ?? '');
  const from = Number.isNaN(since) ? tracked.followedSince : since;
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  return `${status} · ${minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`}`;
}

/** Quick pick of the runs in flight the extension follows; says so when there are none. */
export async function pickInFlightRun(deps: RunCommandDeps, title: string): Promise<TrackedRun | undefined> {
  const runs = deps.runs.tracker.inFlight();
  if (runs.length === 0) {
    void deps.ui.info('No runs in flight. Runs you start, and in-flight runs shown in the Sequentum view, appear here.');
    return undefined;
  }
  const now = Date.now();
  return deps.ui.pick(
    runs.map((tracked) => ({
      label: `${pickText(agentLabel(tracked.run))} #${tracked.run.id}`,
      description: pickText(trackedRunDescription(tracked, now)),
      value: tracked,
    })),
    { title, placeholder: 'Run in flight', matchOnDescription: true },
  );
}
