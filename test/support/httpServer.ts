import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/index';
import { systemClock, type Clock } from '../../src/core/clock';
import { createSequentumClient, type SequentumClient, type SequentumClientOptions } from '../../src/core/api/client';
import type { Logger } from '../../src/core/log';
import { DEFAULT_SETTINGS, type SequentumSettings } from '../../src/core/settings';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Arrival time (Date.now()) on the server. */
  at: number;
}

export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1:0 whose answers a test scripts; records every request. */
export interface TestServer {
  readonly origin: string;
  readonly requests: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServer(handler?: Handler): Promise<TestServer> {
  let current: Handler = handler ?? ((_req, res) => json(res, 200, {}));
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(seen);
      Promise.resolve(current(seen, res, requests.length - 1)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    handle: (next) => void (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function text(res: ServerResponse, status: number, body: string, contentType = 'text/plain', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Real time, but timers (backoff, Retry-After pauses) are recorded and fire at once — or, with
 * `hold: true`, only when the test calls `release()`. (The budget's window wake-ups are real timers.)
 */
export class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  private held: Array<{ callback: () => void; cancelled: boolean }> = [];
  constructor(private readonly hold = false) {}

  now(): number {
    return systemClock.now();
  }

  wallNow(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, ms: number): { dispose(): void } {
    this.sleeps.push(ms);
    const timer = { callback, cancelled: false };
    if (this.hold) this.held.push(timer);
    else setImmediate(() => !timer.cancelled && callback());
    return {
      dispose: () => {
        timer.cancelled = true;
        this.held = this.held.filter((t) => t !== timer);
      },
    };
  }

  /** Fires every held timer. */
  release(): void {
    for (const timer of this.held.splice(0)) if (!timer.cancelled) timer.callback();
  }

  get pending(): number {
    return this.held.length;
  }
}

export const API_KEY = 'sk-test-0123456789abcdef';

export const quietLog: Logger & { lines: string[] } = Object.assign(
  {
    lines: [] as string[],
  },
  {
    trace: (m: string) => void quietLog.lines.push(m),
    debug: (m: string) => void quietLog.lines.push(m),
    info: (m: string) => void quietLog.lines.push(m),
    warn: (m: string) => void quietLog.lines.push(m),
    error: (m: string | Error) => void quietLog.lines.push(String(m)),
  },
);

export function settings(overrides: { requests?: number; windowSeconds?: number; backgroundShare?: number } = {}): SequentumSettings {
  return {
    ...DEFAULT_SETTINGS,
    rateLimit: { requests: overrides.requests ?? 100, windowSeconds: overrides.windowSeconds ?? 60 },
    polling: { ...DEFAULT_SETTINGS.polling, backgroundShare: overrides.backgroundShare ?? 0.2 },
  };
}

/** Client options for a test server: instant recorded backoff, deterministic jitter (none). */
export function clientOptions(origin: string, extra: Partial<SequentumClientOptions> = {}): SequentumClientOptions {
  return {
    baseUrl: origin,
    apiKey: API_KEY,
    settings: settings(),
    log: quietLog,
    clock: new RecordingClock(),
    retry: { random: () => 0.5 },
    ...extra,
  };
}

/**
 * A simulator (clock × 1000) and a client holding its key, started once for the enclosing suite
 * (registers suiteSetup/suiteTeardown; read the fields inside tests).
 */
export function simulatorClientFixture(): { readonly sim: Simulator; readonly client: SequentumClient } {
  const fixture = {} as { sim: Simulator; client: SequentumClient };
  suiteSetup(async () => {
    fixture.sim = await startSimulator({ timeScale: 1000 });
    fixture.client = createSequentumClient({ ...clientOptions(fixture.sim.baseUrl), apiKey: fixture.sim.apiKey });
  });
  suiteTeardown(async () => {
    fixture.client.dispose();
    await fixture.sim.close();
  });
  return fixture;
}

export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A self-signed key and certificate for a TLS test server (fixtures/tls; see its README). */
export function selfSignedTls(): { key: Buffer; cert: Buffer } {
  const dir = join(__dirname, 'fixtures', 'tls');
  return { key: readFileSync(join(dir, 'selfsigned-test.key')), cert: readFileSync(join(dir, 'selfsigned-test.crt')) };
}
