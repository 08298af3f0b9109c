import { IN_FLIGHT_STATUSES, runStatusLabel, type Run } from '../api/model';
import { minPollGapMs } from '../runs/pollInterval';
import type { SequentumSettings } from '../settings';
import { l10n } from '../text/l10n';
import { forPlain } from '../text/sinks';
import type { RunLogSnapshot } from './runLogFollower';

/** Lines before the log itself in the document (the header): outline entries are shifted by this. */
export const LOG_HEADER_LINES = 1;

/**
 * The first line of a log document: which run, its status, and whether more is coming. The only
 * comment for the grammar (`#` on the first line; a log has no comments, so a `#` further down is
 * the server's); it changes in place, so a reader at the end stays at the end.
 */
export function logHeader(agentName: string | undefined, run: Pick<Run, 'id' | 'status' | 'statusName'>, state: 'following' | 'complete' | { retrying: string } | { stopped: string }): string {
  const name = forPlain(agentName ?? '', { maxLength: 120 }) || l10n.t('Agent');
  // A status name the server sent as text is shown as it came: one line, no controls (the outline shifts by LOG_HEADER_LINES).
  const status = forPlain(runStatusLabel(run.status, run.statusName), { maxLength: 80 });
  const tail =
    state === 'following'
      ? l10n.t('following: new lines appear as the run writes them')
      : state === 'complete'
        ? l10n.t('complete')
        : 'retrying' in state
          ? l10n.t('retrying: {0}', forPlain(state.retrying, { maxLength: 160 }))
          : l10n.t('stopped following: {0}', forPlain(state.stopped, { maxLength: 160 }));
  return `# ${name} · ${l10n.t('run #{0}', run.id)} · ${status} · ${tail}`;
}

/** The whole document: header, then the log (or a line saying there is none yet). `failed`: the last read's error and whether another read follows. */
export function logDocumentContent(agentName: string | undefined, snapshot: RunLogSnapshot, failed?: { label: string; willRetry: boolean }): string {
  const state = failed ? (failed.willRetry ? { retrying: failed.label } : { stopped: failed.label }) : snapshot.complete ? 'complete' : 'following';
  const header = logHeader(agentName, snapshot.run, state);
  if (snapshot.text !== '') return `${header}\n${snapshot.text}`;
  const none = IN_FLIGHT_STATUSES.has(snapshot.run.status) ? l10n.t('No log yet: it appears once the run writes one.') : l10n.t('This run has no log.');
  return `${header}\n${none}\n`;
}

/** Requests one follow step costs at most: status, files, the log's download (F2). */
const REQUESTS_PER_READ = 3;

/**
 * Gap between two reads of a followed log, ms: the polling interval, but never so short that the
 * reads alone would use more than the background share of the key's budget.
 */
export function logFollowIntervalMs(settings: SequentumSettings): number {
  const base = Math.max(1, settings.polling.intervalSeconds) * 1000;
  const floor = REQUESTS_PER_READ * minPollGapMs({ requests: settings.rateLimit.requests, windowSeconds: settings.rateLimit.windowSeconds, share: settings.polling.backgroundShare });
  return Math.max(base, Number.isFinite(floor) ? floor : base);
}
