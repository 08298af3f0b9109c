import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorControl } from './control';
import { readBody } from './http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/**
 * `/__control/<op>`: the SimulatorControl methods over HTTP for tests in another process (the
 * extension host). POST a JSON array of arguments (or one non-array value = the single argument);
 * GET works for argument-less ops (`GET /__control/counters`). No auth; loopback clients only.
 */
export async function handleControl(control: SimulatorControl, info: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return reply(res, 403, { error: 'control API is loopback-only' });
  if (op === 'info') return reply(res, 200, info);
  const fn = (control as unknown as Record<string, unknown>)[op];
  if (typeof fn !== 'function') return reply(res, 404, { error: `unknown control operation '${op}'`, operations: ['info', ...Object.keys(control)] });
  let args: unknown[] = [];
  if (req.method === 'POST') {
    const text = await readBody(req);
    if (text.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        args = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        return reply(res, 400, { error: 'body must be JSON' });
      }
    }
  } else if (req.method !== 'GET') {
    return reply(res, 405, { error: 'use GET or POST' });
  }
  try {
    const result: unknown = (fn as (...a: unknown[]) => unknown).apply(control, args);
    reply(res, 200, result);
  } catch (err) {
    reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
