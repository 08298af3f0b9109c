import type { IncomingMessage, ServerResponse } from 'node:http';

/** Per-request context passed through the pipeline and to route handlers. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without query, e.g. "/api/v1/agent/1001". */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Route template, e.g. "/api/v1/agent/{agentId}"; "" when no route matched. */
  route: string;
  /** The presented API key (valid or not). */
  key?: string;
  /** Response-stage fault: cut the body short, drop the connection, or never answer, after the handler ran. */
  responseFault?: 'truncate' | 'drop' | 'hang';
  /** Request body text (POST only; '' otherwise). */
  rawBody: string;
  /** Set once a response was written or the socket destroyed. */
  done: boolean;
}

/** Writes the response, honouring a response-stage fault (truncated body / commit-then-drop). */
export function writeResponse(ctx: Ctx, status: number, headers: Record<string, string>, body: Buffer): void {
  if (ctx.done) return;
  ctx.done = true;
  if (ctx.responseFault === 'drop') {
    ctx.req.socket.destroy();
    return;
  }
  if (ctx.responseFault === 'hang') return; // the client's timeout, cancel or close() ends it
  const res = ctx.res;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', String(body.length));
  res.statusCode = status;
  if (ctx.responseFault === 'truncate' && body.length > 1) {
    // Promise the full length, send half, then cut the connection: the client sees a premature close.
    res.flushHeaders();
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => ctx.req.socket.destroy());
    return;
  }
  res.end(body);
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  writeResponse(ctx, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, Buffer.from(JSON.stringify(body)));
}

export function sendEmpty(ctx: Ctx, status: number, headers: Record<string, string> = {}): void {
  writeResponse(ctx, status, headers, Buffer.alloc(0));
}

/** Reads the request body (capped at 1 MB). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function templateRegex(template: string): RegExp {
  const src = template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${src}$`, 'i');
}

function normalise(p: string): string {
  return p.replace(/^\/?(api\/v1\/)?/i, '').replace(/\/$/, '');
}

/**
 * Whether a control-set route pattern applies to a request. A pattern is "[METHOD ]path", the path
 * with or without "/api/v1", using `{name}` for one segment and `*` for anything: "POST agent/{id}/start",
 * "agent/*", "*". It matches the request's route template or its concrete path.
 */
export function routeMatches(pattern: string, method: string, template: string, path: string): boolean {
  const m = /^([A-Z]+)\s+(.*)$/i.exec(pattern.trim());
  if (m && m[1]?.toUpperCase() !== method.toUpperCase()) return false;
  const p = normalise(m ? (m[2] ?? '') : pattern.trim());
  if (p === '*' || p === '') return p === '*' || normalise(path) === '';
  const re = templateRegex(p);
  return re.test(normalise(path)) || (template !== '' && (re.test(normalise(template)) || normalise(template).toLowerCase() === p.toLowerCase()));
}

export interface RouteDef {
  method: string;
  /** Template under /api/v1 with `{name}` integer segments, or fixed words. */
  template: string;
  handler: (ctx: Ctx) => void | Promise<void>;
}

/** Finds a route; `{…}` segments match integers only (like ASP.NET `{id:int}`), so "agent/all" wins. */
export function matchRoute(routes: RouteDef[], method: string, path: string): { route: RouteDef; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of routes) {
    const names: string[] = [];
    const src = route.template.replace(/\{([^}]+)\}/g, (_, n: string) => {
      names.push(n);
      return '(-?\\d+)';
    });
    const m = new RegExp(`^${src}/?$`, 'i').exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = m[i + 1] ?? ''));
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}
