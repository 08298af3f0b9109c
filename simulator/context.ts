import { BillingBook } from './billing';
import type { SimClock } from './clock';
import { ErrorShapes, notFound, sendProblem, type ProblemInput } from './errors';
import { Faults } from './faults';
import type { FileStore } from './fileStore';
import type { Ctx } from './http';
import type { RateLimiter } from './rateLimiter';
import type { SimStore } from './state';
import type { SimAgent } from './types';
import { Wire } from './wire';

export interface SimCounters {
  /** Every /api/v1 request by presented key ("(none)" without one). */
  requestsPerKey: Record<string, number>;
  /** By "METHOD /api/v1/template". */
  requestsPerRoute: Record<string, number>;
  /** 429 responses sent, by key (limiter and injected storms). */
  rateLimitedPerKey: Record<string, number>;
  /**
   * Requests that arrived while the key's sliding window already held L requests (so the limiter
   * queued or refused them), by key: 0 proves no window of the key ever exceeded L.
   */
  overLimitPerKey: Record<string, number>;
  /** Runs actually created, by agent id. */
  runsCreatedPerAgent: Record<string, number>;
  /** POST …/start requests received with a valid key (any outcome, even if dropped by a fault). */
  startPostsPerAgent: Record<string, number>;
}

export function emptyCounters(): SimCounters {
  return { requestsPerKey: {}, requestsPerRoute: {}, rateLimitedPerKey: {}, overLimitPerKey: {}, runsCreatedPerAgent: {}, startPostsPerAgent: {} };
}

export function bump(map: Record<string, number>, key: string | number): void {
  map[String(key)] = (map[String(key)] ?? 0) + 1;
}

/** Everything route handlers need: data, wire shaping, error shapes, access rules, counters. */
export class SimContext {
  readonly wire: Wire;
  readonly shapes = new ErrorShapes();
  readonly faults = new Faults();
  readonly keys: Set<string>;
  /** Credits and billing access (billing.ts). */
  readonly billing: BillingBook;
  /** key → space ids that key may not see (403). */
  readonly forbiddenSpaces = new Map<string, Set<number>>();
  counters = emptyCounters();
  /** Status code of an accepted async start (docs name 202; some deployments send 200). */
  startStatus: 200 | 202 = 202;

  constructor(
    readonly store: SimStore,
    readonly clock: SimClock,
    readonly limiter: RateLimiter,
    readonly fileStore: FileStore,
    keys: string[],
  ) {
    this.wire = new Wire(store);
    this.billing = new BillingBook(store);
    this.keys = new Set(keys);
  }

  problem(ctx: Ctx, p: ProblemInput): void {
    sendProblem(ctx, this.shapes, p);
  }

  canSee(key: string | undefined, spaceId: number | null): boolean {
    if (spaceId === null || key === undefined) return true;
    return !(this.forbiddenSpaces.get(key)?.has(spaceId) ?? false);
  }

  forbidden(ctx: Ctx, spaceId: number): void {
    this.problem(ctx, { status: 403, type: 'forbidden', title: 'Forbidden', detail: `This API key has no access to space ${spaceId}.` });
  }

  /** The agent named by the route, or undefined after answering 404/403. */
  agentOr404(ctx: Ctx, param = 'agentId'): SimAgent | undefined {
    const id = ctx.params[param] ?? '';
    const agent = this.store.agents.get(Number(id));
    if (!agent) {
      this.problem(ctx, notFound('agent', id));
      return undefined;
    }
    if (!this.canSee(ctx.key, agent.spaceId)) {
      this.forbidden(ctx, agent.spaceId ?? 0);
      return undefined;
    }
    return agent;
  }

  visibleAgents(key: string | undefined): SimAgent[] {
    return [...this.store.agents.values()].filter((a) => this.canSee(key, a.spaceId));
  }
}
