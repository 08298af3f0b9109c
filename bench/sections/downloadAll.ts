import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadAllFiles, DOWNLOAD_ALL_CONCURRENCY } from '../../src/core/files/downloadAll';
import { benchSimulator, type SimProcess } from '../simProcess';
import type { BenchRow, BenchSection } from '../types';
import { withMemoryPeak } from '../memoryPeak';

const MB = 1024 * 1024;
const FILES = 12;
const FILE_SIZE = 4 * MB;
const KEY = 'sk-bench-download-all-7d21c4';
/** A slow link per connection (50 ms pause every 256 KiB: at most ~5 MB/s per file). */
const SLOW_LINK = { pauseEveryBytes: MB / 4, pauseMs: 50 };
/** Three files at a time should finish the batch at least this many times faster than one at a time. */
const GOAL_SPEEDUP = 2;
/** Memory growth of the batch may be at most this many times one file at a time (one 1 MB write batch per file in flight). */
const GOAL_MEMORY_RATIO = DOWNLOAD_ALL_CONCURRENCY + 1;

const mb = (bytes: number): string => (bytes / MB).toFixed(1);

/**
 * Download All over a slow link, from a simulator in its own process: the batch at its default
 * concurrency against the same files one at a time (the baseline, same run, same process). Rows:
 * the speed-up, API requests per file (each file costs one user-lane request for its signed link),
 * memory growth of the batch against the baseline, every file whole.
 */
export const downloadAllSection: BenchSection = {
  name: 'download all (12 × 4 MB, slow link)',
  async run(): Promise<BenchRow[]> {
    const bench = await benchSimulator({ key: KEY, agentName: 'Many outputs', dirPrefix: 'seq-bench-download-all-' });
    const { sim, client, dir, agentId, runId } = bench;
    try {
      const added = new Set<number>();
      for (let i = 0; i < FILES; i++) added.add((await sim.control<{ id: number }>('addFile', agentId, runId, { name: `part-${i}.csv`, size: FILE_SIZE, delivery: SLOW_LINK })).id);
      const files = (await client.listRunFiles(agentId, runId)).filter((file) => added.has(file.id));
      const batch = async (concurrency: number, folder: string) => {
        const target = join(dir, folder);
        await mkdir(target);
        const requestsBefore = await downloadRequests(sim);
        const measured = await withMemoryPeak(() => downloadAllFiles({ api: client, agentId, runId, files, folder: target, signal: new AbortController().signal, concurrency }), 50);
        const requests = (await downloadRequests(sim)) - requestsBefore;
        const sizes = await Promise.all((await readdir(target)).map(async (name) => (await stat(join(target, name))).size));
        const whole = measured.result.saved.length === FILES && sizes.length === FILES && sizes.every((size) => size === FILE_SIZE);
        return { ...measured, requests, whole };
      };
      const one = await batch(1, 'one-at-a-time');
      const ours = await batch(DOWNLOAD_ALL_CONCURRENCY, 'batch');
      const speedup = one.seconds / ours.seconds;
      const memoryRatio = Math.max(0, ours.peakHeld) / Math.max(MB, one.peakHeld);
      return [
        { metric: 'every file saved whole (both runs)', value: ours.whole && one.whole ? 'yes' : 'no', goal: 'yes', pass: ours.whole && one.whole },
        {
          metric: `batch time: one at a time ÷ ${DOWNLOAD_ALL_CONCURRENCY} at a time`,
          value: `${speedup.toFixed(2)}×`,
          goal: `≥ ${GOAL_SPEEDUP}×`,
          pass: speedup >= GOAL_SPEEDUP,
          note: `${ours.seconds.toFixed(1)} s vs ${one.seconds.toFixed(1)} s for ${FILES} × ${mb(FILE_SIZE)} MB`,
        },
        { metric: 'API requests per file (signed link, user lane)', value: (ours.requests / FILES).toFixed(2), goal: '1', pass: ours.requests === FILES },
        {
          metric: 'peak JS heap + buffers growth ÷ one at a time',
          value: `${memoryRatio.toFixed(2)}×`,
          goal: `≤ ${GOAL_MEMORY_RATIO}×`,
          pass: memoryRatio <= GOAL_MEMORY_RATIO,
          note: `${mb(ours.peakHeld)} MB vs ${mb(one.peakHeld)} MB; RSS ${mb(ours.peakRss)} MB vs ${mb(one.peakRss)} MB`,
        },
      ];
    } finally {
      await bench.close();
    }
  },
};

async function downloadRequests(sim: SimProcess): Promise<number> {
  const counters = await sim.counters();
  return counters.requestsPerRoute['GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download'] ?? 0;
}
