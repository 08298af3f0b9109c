import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import { generatedBytes } from '../../simulator/fileDelivery';
import { createSequentumClient } from '../../src/core/api/client';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { startSimulatorProcess } from '../simProcess';
import type { BenchRow, BenchSection } from '../types';

const MB = 1024 * 1024;
const SIZE = 1024 * MB;
const KEY = 'sk-bench-download-51c0e2a9b7';
/** The bound for the extension host while a 1 GB file downloads. */
const GOAL_MB = 50;

/**
 * A 1 GB output file through the real client path (downloadRunFileTo: API redirect → file store,
 * streamed to disk) from a simulator in its own process, so this process holds only what the
 * extension host would. Memory is sampled every 50 ms against a baseline taken just before, in the
 * same process: RSS (everything, garbage not yet collected included) and live heap + buffers.
 */
export const bigDownloadSection: BenchSection = {
  name: 'big download (1 GB)',
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulatorProcess({ rateLimit: '100/60', apiKeys: [KEY], seed: 'empty' });
    const dir = await mkdtemp(join(tmpdir(), 'seq-bench-download-'));
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: KEY, settings: DEFAULT_SETTINGS, log: silentLog });
    try {
      const control = controlOf(sim.baseUrl);
      const agentId = (await control<{ id: number }>('addAgent', { name: 'Big output' })).id;
      const runId = (await control<{ id: number }>('addRun', agentId, { status: 10 })).id;
      const fileId = (await control<{ id: number }>('addFile', agentId, runId, { name: 'big.csv', size: SIZE })).id;
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const baseline = process.memoryUsage();
      let peakRss = 0;
      let peakHeld = 0;
      const sample = (): void => {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss - baseline.rss);
        peakHeld = Math.max(peakHeld, now.heapUsed + now.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
      };
      const sampler = setInterval(sample, 50);
      const started = performance.now();
      const destination = join(dir, 'big.csv');
      const saved = await client.downloadRunFileTo(agentId, runId, fileId, destination).finally(() => clearInterval(sampler));
      sample();
      const seconds = (performance.now() - started) / 1000;
      const intact = saved.size === SIZE && (await tailMatches(destination));
      return [
        { metric: 'file saved whole (size, last block checked)', value: intact ? 'yes' : `no (${saved.size} bytes)`, goal: 'yes', pass: intact },
        { metric: 'peak RSS growth over baseline', value: (peakRss / MB).toFixed(1), unit: 'MB', goal: `< ${GOAL_MB} MB`, pass: peakRss < GOAL_MB * MB },
        { metric: 'peak JS heap + buffers growth', value: (peakHeld / MB).toFixed(1), unit: 'MB', goal: `< ${GOAL_MB} MB`, pass: peakHeld < GOAL_MB * MB },
        { metric: 'throughput (loopback, to disk)', value: (SIZE / MB / seconds).toFixed(0), unit: 'MB/s', note: `${seconds.toFixed(1)} s` },
      ];
    } finally {
      client.dispose();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function controlOf(baseUrl: string) {
  return async <T>(op: string, ...args: unknown[]): Promise<T> => {
    const response = await fetch(`${baseUrl}/__control/${op}`, { method: 'POST', body: JSON.stringify(args) });
    if (!response.ok) throw new Error(`control ${op}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** The last 64 KiB on disk equal what the simulator generated there (the end of a resumable stream). */
async function tailMatches(path: string): Promise<boolean> {
  const length = 64 * 1024;
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, SIZE - length);
    return buffer.equals(generatedBytes(SIZE - length, length));
  } finally {
    await file.close();
  }
}

const silentLog = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
