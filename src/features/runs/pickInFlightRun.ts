import { runStatusLabel } from '../../core/api/model';
import { agentLabel } from '../../core/runs/finishNotice';
import { pendingLabel } from '../../core/runs/pendingLabel';
import type { TrackedRun } from '../../core/runs/runTracker';
import type { RunCommandDeps } from './runDeps';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain, type IconLabelText } from '../../core/text/sinks';

/** "Running · 3m" style text for a followed run. */
function trackedRunDescription(tracked: TrackedRun, now: number): string {
  const status = tracked.pending ? pendingLabel(tracked.pending) : runStatusLabel(tracked.run.status, tracked.run.statusName);
  const since = Date.parse(tracked.run.startTime ?? tracked.run.created ?? '');
  const from = Number.isNaN(since) ? tracked.followedSince : since;
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  const elapsed = minutes < 60 ? l10n.t('{0}m', minutes) : l10n.t('{0}h {1}m', Math.floor(minutes / 60), minutes % 60);
  return l10n.t('{0} · {1}', status, elapsed);
}

/** Quick pick of the runs in flight the extension follows; says so when there are none. */
export async function pickInFlightRun(deps: RunCommandDeps, title: IconLabelText): Promise<TrackedRun | undefined> {
  const runs = deps.runs.tracker.inFlight();
  if (runs.length === 0) {
    void deps.ui.info(forNotification(l10n.t('No runs in flight. Runs you start, and in-flight runs shown in the Sequentum view, appear here.')));
    return undefined;
  }
  const now = Date.now();
  return deps.ui.pick(
    runs.map((tracked) => ({
      label: forIconLabel(l10n.t('{0} #{1}', agentLabel(tracked.run), tracked.run.id)),
      description: forIconLabel(trackedRunDescription(tracked, now)),
      value: tracked,
    })),
    { title, placeholder: forPlain(l10n.t('Run in flight')), matchOnDescription: true },
  );
}
