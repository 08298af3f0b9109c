import type { RunCost } from '../api/billingModel';
import { runOutcome, type Run } from '../api/model';
import { Emitter, type EventLike } from '../emitter';
import { judgeRun, type HealthSensitivity, type RunHealth } from './runHealth';

/** At most this many runs are kept per agent: the newest, enough for the history (30) and the rows shown. */
const KEEP_PER_AGENT = 60;
/**
 * At most this many agents' runs are kept (the least recently listed go first): a long session that
 * expands agent after agent in several environments must not grow without end.
 */
export const KEEP_AGENTS = 500;
/**
 * At most this many run costs are kept, least recently set or read first out. Every runs list the tree
 * reads sets its rows' costs again, and the rows on screen read theirs at every change of the book
 * ({@link RunInsightsBook.costOf}); a B6 page carries a few more rows than the list, which is why this
 * is a cap and not "the listed runs only".
 */
export const KEEP_COSTS = 5000;

const agentKey = (envId: string, agentId: number): string => `${envId}\u0000${agentId}`;
const runKey = (envId: string, runId: number): string => `${envId}\u0000${runId}`;
/** Runs are plain wire records: the same fields in the same order when nothing changed. */
const sameRun = (known: Run | undefined, run: Run): boolean => known !== undefined && JSON.stringify(known) === JSON.stringify(run);

/**
 * What the extension knows about finished runs, per environment and agent, from requests it makes
 * anyway — the runs lists the tree reads, the runs it follows to the end — plus costs per run (B6)
 * read per agent page. Health is judged from these on demand; nothing here makes a request.
 */
export class RunInsightsBook {
  private readonly runs = new Map<string, Map<number, Run>>();
  private readonly costs = new Map<string, number>();
  private readonly changed = new Emitter<void>({ name: 'RunInsightsBook.onDidChange' });
  /** Fires when runs or costs were added or changed (rows may show a flag or a cost now); not for a repeat of what is known. */
  readonly onDidChange: EventLike<void> = this.changed.event;

  constructor(private readonly sensitivity: () => HealthSensitivity) {}

  /** An agent's runs as a list answered (newest first or not). */
  observeRuns(envId: string, agentId: number, runs: readonly Run[]): void {
    const known = this.agentRuns(envId, agentId);
    let news = false;
    for (const run of runs) {
      if (run.agentId !== agentId || sameRun(known.get(run.id), run)) continue;
      known.set(run.id, run);
      news = true;
    }
    this.trim(known);
    if (news) this.changed.fire();
  }

  /** One run the extension followed (its final state). */
  observeRun(envId: string, run: Run): void {
    this.observeRuns(envId, run.agentId, [run]);
  }

  setCosts(envId: string, costs: readonly RunCost[]): void {
    let news = false;
    for (const cost of costs) {
      const key = runKey(envId, cost.runId);
      news ||= this.costs.get(key) !== cost.cost;
      // Delete first so a cost read again moves to the newest end (Map keeps insertion order).
      this.costs.delete(key);
      this.costs.set(key, cost.cost);
    }
    for (const key of this.costs.keys()) {
      if (this.costs.size <= KEEP_COSTS) break;
      this.costs.delete(key);
    }
    if (news) this.changed.fire();
  }

  /** How many run costs are held (at most {@link KEEP_COSTS}). */
  get costCount(): number {
    return this.costs.size;
  }

  /** How many agents' runs are held (at most {@link KEEP_AGENTS}). */
  get agentCount(): number {
    return this.runs.size;
  }

  /**
   * A run's cost; reading it makes it the most recent. The rows on screen read their cost every time
   * the book changes (DecoratedRows compares each row's look), so they stay among the kept costs
   * while other agents' pages push the oldest out — else a row in view lost its cost on re-render.
   */
  costOf(envId: string, runId: number): number | undefined {
    const key = runKey(envId, runId);
    const cost = this.costs.get(key);
    if (cost === undefined) return undefined;
    this.costs.delete(key);
    this.costs.set(key, cost);
    return cost;
  }

  /** How many runs of the agent are known. */
  knownRuns(envId: string, agentId: number): number {
    return this.runs.get(agentKey(envId, agentId))?.size ?? 0;
  }

  /** The health of a run (the version passed, judged against the agent's other known runs). */
  healthOf(envId: string, run: Run): RunHealth {
    const known = this.runs.get(agentKey(envId, run.agentId));
    return judgeRun(run, known ? [...known.values()] : [], { sensitivity: this.sensitivity() });
  }

  /** The agent's newest finished run and its health, when that run is flagged. */
  agentFlag(envId: string, agentId: number): { run: Run; health: RunHealth & { state: 'unusual' } } | undefined {
    const known = this.runs.get(agentKey(envId, agentId));
    if (!known) return undefined;
    const finished = [...known.values()].filter((run) => runOutcome(run.status) !== 'in-flight');
    const newest = finished.sort((a, b) => (Date.parse(b.created ?? b.startTime ?? '') || 0) - (Date.parse(a.created ?? a.startTime ?? '') || 0) || b.id - a.id)[0];
    if (!newest) return undefined;
    const health = this.healthOf(envId, newest);
    return health.state === 'unusual' ? { run: newest, health } : undefined;
  }

  /** Rows re-render (the sensitivity changed). */
  invalidate(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private agentRuns(envId: string, agentId: number): Map<number, Run> {
    const key = agentKey(envId, agentId);
    const known = this.runs.get(key) ?? new Map<number, Run>();
    // Re-inserted: the agent listed last is the newest, the one listed longest ago goes first.
    this.runs.delete(key);
    this.runs.set(key, known);
    for (const oldest of this.runs.keys()) {
      if (this.runs.size <= KEEP_AGENTS) break;
      this.runs.delete(oldest);
    }
    return known;
  }

  private trim(known: Map<number, Run>): void {
    if (known.size <= KEEP_PER_AGENT) return;
    const oldest = [...known.values()].sort((a, b) => (Date.parse(a.created ?? '') || 0) - (Date.parse(b.created ?? '') || 0) || a.id - b.id);
    for (const run of oldest.slice(0, known.size - KEEP_PER_AGENT)) known.delete(run.id);
  }
}
