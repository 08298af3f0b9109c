import { IN_FLIGHT_STATUSES, runStatusLabel, type Run, type StartRunOptions } from '../api/model';
import { l10n } from '../text/l10n';

/** Where a start came from when it came from a run-config file (CodeLens "Start run"). */
export interface RunConfigSource {
  /** The file's URI as a string (vscode.Uri.toString()). */
  uri: string;
  /** Index of the entry in `runs[]`. */
  entryIndex: number;
}

/**
 * The result of a start as `sequentum.startRun` reports it (structurally the run layer's
 * StartOutcome, kept local so this port does not depend on the run layer's internals).
 */
export type RunConfigStartResult =
  | { kind: 'started' | 'adopted' | 'existing'; run: Run }
  | { kind: 'cancelled' }
  | { kind: 'not-started'; error: unknown };

/**
 * Port through which `sequentum.startRun` tells the diagnostics layer how a start from a
 * run-config entry ended: a refusal becomes diagnostics on the entry, a success clears them and
 * the entry's CodeLens follows the run. Starts without a source (tree, palette) never call it,
 * so their problems are not forced into the Problems panel.
 */
export interface RunConfigProblemSink {
  reportStartResult(source: RunConfigSource, result: RunConfigStartResult): void;
  /**
   * The startable entries of the run-config file `uri` (a `vscode.Uri` string), for Start Run in
   * the file's editor title; undefined when `uri` is not a run-config file (or the workspace is
   * not trusted, as for the CodeLens). Optional.
   */
  startsIn?(uri: string): Promise<readonly RunConfigEntryStart[] | undefined>;
}

/** One entry of a run-config file that can be started: its name and the CodeLens's arguments. */
export interface RunConfigEntryStart {
  name: string;
  args: RunConfigStartArgs;
}

/** The arguments the CodeLens passes to `sequentum.startRun`. */
export interface RunConfigStartArgs {
  agentId: number;
  /** The agent's name when the cached agent list knows it (progress and notices name the agent). */
  agentName?: string;
  options: StartRunOptions;
  source: RunConfigSource;
}

/** True when `value` looks like {@link RunConfigStartArgs} (command arguments arrive untyped). */
export function isRunConfigStartArgs(value: unknown): value is RunConfigStartArgs {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<RunConfigStartArgs>;
  return typeof v.agentId === 'number' && typeof v.source?.uri === 'string' && typeof v.source.entryIndex === 'number';
}

/** What the CodeLens of one entry shows about its runs. */
export interface EntryRunState {
  agentId: number;
  runId?: number;
  status?: number;
  /** 'refused' when the last start was not accepted. */
  outcome: 'in-flight' | 'finished' | 'refused';
  /** Epoch ms of the last change. */
  at: number;
}

/** Per-entry run state for CodeLenses: the last start's run and how it went. */
export class EntryRunStates {
  private readonly states = new Map<string, EntryRunState>();

  constructor(private readonly now: () => number = Date.now) {}

  get(source: RunConfigSource): EntryRunState | undefined {
    return this.states.get(key(source));
  }

  /** Records a start result; returns true when the lens should refresh. */
  recordStart(source: RunConfigSource, result: RunConfigStartResult, agentId: number): boolean {
    if (result.kind === 'cancelled') return false;
    if (result.kind === 'not-started') {
      this.states.set(key(source), { agentId, outcome: 'refused', at: this.now() });
      return true;
    }
    this.states.set(key(source), stateOf(result.run, this.now()));
    return true;
  }

  /** A fresh status of some run: updates every entry following it. Returns true when any changed. */
  recordRun(run: Run): boolean {
    let changed = false;
    for (const [k, state] of this.states) {
      if (state.runId === run.id && state.agentId === run.agentId && state.status !== run.status) {
        this.states.set(k, stateOf(run, this.now()));
        changed = true;
      }
    }
    return changed;
  }

  forgetFile(uri: string): void {
    for (const k of [...this.states.keys()]) if (k.startsWith(`${uri}#`)) this.states.delete(k);
  }
}

function key(source: RunConfigSource): string {
  return `${source.uri}#${source.entryIndex}`;
}

function stateOf(run: Run, at: number): EntryRunState {
  return { agentId: run.agentId, runId: run.id, status: run.status, outcome: IN_FLIGHT_STATUSES.has(run.status) ? 'in-flight' : 'finished', at };
}

/** "last run: failure 3m ago", "last start: refused just now" — the lens's summary line. */
export function describeEntryRun(state: EntryRunState, now: number): string {
  const ago = formatAgo(now - state.at);
  if (state.outcome === 'refused') return l10n.t('last start: refused {0}', ago);
  if (state.outcome === 'in-flight') return l10n.t('run {0}: {1}', state.runId ?? '', runStatusLabel(state.status).toLowerCase());
  return l10n.t('last run: {0} {1}', runStatusLabel(state.status).toLowerCase(), ago);
}

/** Coarse relative time: "just now", "3m ago", "2h ago", "5d ago". */
export function formatAgo(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 45) return l10n.t('just now');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return l10n.t('{0}m ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 36) return l10n.t('{0}h ago', hours);
  return l10n.t('{0}d ago', Math.round(hours / 24));
}
