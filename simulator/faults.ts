import type { ErrorShape } from './errors';
import type { ForeignStartOnRequest } from './foreignStarts';
import { routeMatches } from './http';
import { createPrng, type Prng } from './prng';

/**
 * Injected failures: `status` (500/502/503…), `rateLimit` (429 storm), `latency`, `hang` (no answer
 * until the client gives up), `reset` (socket destroyed before any answer), `truncate` (body cut short),
 * `commitThenDrop` (the request is processed — e.g. the run is created — then the connection dropped),
 * `commitThenHang` (the request is processed, then no answer until the client gives up or cancels),
 * `hostile` (a given raw status/content-type/body).
 */
export type FaultKind = 'status' | 'rateLimit' | 'latency' | 'hang' | 'reset' | 'truncate' | 'commitThenDrop' | 'commitThenHang' | 'hostile';

export interface FaultRule {
  /** Route pattern: "[METHOD ]path" with `{x}` and `*`, with or without /api/v1 (see routeMatches). */
  route: string;
  kind: FaultKind;
  /** HTTP status for `status` (default 500) and `hostile` (default 200). */
  status?: number;
  /** Error body shape for `status` faults (default: the route's shape). */
  shape?: ErrorShape;
  /** Retry-After for `rateLimit` (default 1). */
  retryAfterSeconds?: number;
  /** Delay for `latency` (then the request proceeds normally). */
  latencyMs?: number;
  /** Raw body for `hostile` (text), or `bodyBase64` for bytes. */
  body?: string;
  bodyBase64?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Probability 0..1 per matching request (seeded PRNG). */
  rate?: number;
  /** Script: apply to the next N matching requests, then remove the rule. */
  times?: number;
  /**
   * On `POST agent/{id}/start` only: a teammate's start or a schedule's fire on the same agent in
   * the same instant, right before or right after this request is handled (whatever the fault
   * does to it) — the race an ambiguous start must not lose.
   */
  foreignStart?: ForeignStartOnRequest;
}

export interface ActiveRule extends FaultRule {
  id: number;
  /** How often it fired. */
  hits: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private prng: Prng;
  readonly injected = new Map<FaultKind, number>();

  constructor(private seed = 1) {
    this.prng = createPrng(seed);
  }

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  /** One scripted `hostile` rule per body, served in order to the next matching requests. */
  addHostileBodies(route: string, bodies: Array<Pick<FaultRule, 'status' | 'contentType' | 'body' | 'bodyBase64' | 'headers'>>): number[] {
    return bodies.map((b) => this.add({ ...b, route, kind: 'hostile', times: 1 }));
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  list(): ActiveRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Clears rules; reseeds the PRNG so rate-based faults replay identically. */
  clear(seed = this.seed): void {
    this.rules = [];
    this.seed = seed;
    this.prng = createPrng(seed);
    this.injected.clear();
  }

  /** The fault (if any) for this request; consumes scripted budget. */
  pick(method: string, template: string, path: string): ActiveRule | undefined {
    for (const rule of this.rules) {
      if (!routeMatches(rule.route, method, template, path)) continue;
      if (rule.times === undefined && rule.rate !== undefined && this.prng.next() >= rule.rate) continue;
      rule.hits++;
      if (rule.times !== undefined && --rule.times <= 0) this.remove(rule.id);
      this.injected.set(rule.kind, (this.injected.get(rule.kind) ?? 0) + 1);
      return rule;
    }
    return undefined;
  }
}
