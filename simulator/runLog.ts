import { iso } from './clock';
import { createPrng, hashSeed } from './prng';
import type { RunState } from './runMachine';
import { Status, type SimAgent, type SimRun } from './types';

/** Fractions of a run's length at which its log lines appear (the run machine's phases). */
const START_AT = 0.08;
const RUNNING_AT = 0.16;

/** Pages a run's log reports at most: one "Extracted … from page N" line each. */
const MAX_PAGE_LINES = 40;

/**
 * The text log of a run as far as it got at clock `now`: a live run's log grows line by line as
 * the run walks its phases (Starting, each page extracted, export), and is complete once the run
 * ended. Deterministic per (agent, run): reading it twice at the same clock gives the same bytes,
 * and a later read only appends (never rewrites a line), as a log file on the server does.
 */
export function runLogText(agent: SimAgent, run: SimRun, state: RunState, now: number): string {
  const rnd = createPrng(hashSeed(`log ${agent.id} ${run.id}`));
  const len = Math.max(1, run.lengthMs);
  const endAt = run.final?.endAt ?? state.endAt;
  const until = endAt ?? now;
  const lines: string[] = [];
  const at = (fraction: number): number => run.createdAt + fraction * len;
  const add = (ms: number, level: string, text: string): void => {
    if (ms <= until) lines.push(`${iso(ms)} ${level.padEnd(5)} ${text}`);
  };
  const given = run.inputParameters.url;
  const url = typeof given === 'string' ? given : (agent.inputParameters.url ?? agent.startUrl ?? 'https://shop.example.com');
  add(run.createdAt, 'INFO', `Run ${run.id} of agent "${agent.name}" (version ${agent.version}) queued`);
  add(at(START_AT), 'INFO', `Starting on sim-worker-${rnd.int(1, 9)}`);
  add(at(START_AT), 'DEBUG', `Input parameters: ${JSON.stringify(run.inputParameters)}`);
  add(at(RUNNING_AT), 'INFO', `Navigating to ${url}`);
  add(at(RUNNING_AT), 'INFO', `Page loaded in ${rnd.int(300, 2400)} ms (HTTP 200)`);
  // From the ids, not dataCount: a failing run's count drops to 0 at its end, and the log must only grow.
  const pages = 3 + (hashSeed(`pages ${agent.id} ${run.id}`) % (MAX_PAGE_LINES - 2));
  const failAt = run.behaviour === 'failure' ? 0.45 : 0.86;
  for (let page = 1; page <= pages; page++) {
    const when = at(RUNNING_AT + ((failAt - RUNNING_AT) * page) / (pages + 1));
    add(when, 'INFO', `Extracted ${rnd.int(10, 40)} records from page ${page} (${url.replace(/\/$/, '')}/page/${page})`);
    if (page % 7 === 3) add(when, 'WARN', `Slow response from ${url.replace(/\/$/, '')}/page/${page} (${rnd.int(3000, 9000)} ms); retrying once`);
  }
  if (endAt === undefined) return joined(lines);
  const status = run.final?.status ?? state.status;
  if (status === Status.Failure || status === Status.Failed) {
    add(endAt, 'WARN', "Retrying selector '.product-grid' (attempt 3 of 3)");
    add(endAt, 'ERROR', run.final?.message ?? state.message ?? 'Agent failed: success criteria not met');
    add(endAt, 'ERROR', 'Success criteria not met: expected at least 1 record, got 0');
  } else if (status === Status.Stopped) {
    add(endAt, 'WARN', run.final?.message ?? state.message ?? 'The agent was stopped');
  } else {
    add(endAt, 'INFO', 'Export "Combined CSV" delivered');
  }
  add(endAt, 'INFO', `Run finished with status ${status}`);
  return joined(lines);
}

function joined(lines: string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
