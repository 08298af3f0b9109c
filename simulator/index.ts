import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock';
import { SimContext } from './context';
import { createControl, type SimulatorControl } from './control';
import { handleControl } from './controlHttp';
import { FileStore } from './fileStore';
import { RateLimiter } from './rateLimiter';
import { applySeed, type SeedSpec } from './seed';
import { allRoutes, handleApi } from './server';
import { SimStore } from './state';

export type { SimulatorControl } from './control';

export interface SimulatorOptions {
  /** Default 0 (ephemeral); always 127.0.0.1. */
  port?: number;
  /** Default 100 / 60. */
  rateLimit?: { requests: number; windowSeconds: number };
  /** Run-state clock multiplier; 1 = realistic minutes; tests use e.g. 1000. */
  timeScale?: number;
  /** Default 'demo'. */
  seed?: SeedSpec;
  /** Valid keys; default one generated key "sk-sim-…". */
  apiKeys?: string[];
}

export interface Simulator {
  /** Origin, e.g. "http://127.0.0.1:41234" (API under /api/v1). */
  baseUrl: string;
  /** The different origin that download redirects point to. */
  fileStoreUrl: string;
  /** A valid key. */
  apiKey: string;
  /** In-process control; the same operations at `${baseUrl}/__control/<op>`. */
  control: SimulatorControl;
  close(): Promise<void>;
}

/** Starts a local Sequentum Cloud API simulator plus its file-store origin (see simulator/README.md). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const limit = options.rateLimit ?? { requests: 100, windowSeconds: 60 };
  const timeScale = options.timeScale ?? 1;
  const seed = options.seed ?? 'demo';
  const keys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [`sk-sim-${randomBytes(12).toString('hex')}`];
  const clock = new SimClock(timeScale);
  const store = new SimStore(clock);
  applySeed(store, seed);
  const fileStore = new FileStore(store);
  const fileStoreUrl = await fileStore.listen();
  const limiter = new RateLimiter(limit.requests, limit.windowSeconds);
  const sim = new SimContext(store, clock, limiter, fileStore, keys);
  const control = createControl(sim, seed, limit, timeScale);
  const routes = allRoutes(sim);
  const info: Record<string, unknown> = { fileStoreUrl };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const control$ = /^\/__control\/([A-Za-z]+)\/?$/.exec(url.pathname);
    const done = control$ ? handleControl(control, info, req, res, control$[1] ?? '') : handleApi(sim, routes, req, res, url);
    done.catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  info.baseUrl = baseUrl;

  return {
    baseUrl,
    fileStoreUrl,
    apiKey: keys[0],
    control,
    async close() {
      limiter.reset();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fileStore.close();
    },
  };
}
