import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fetch from 'node-fetch';
import { createSequentumClient } from '../../src/core/api/client';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { openCsvTable } from '../../src/core/table/csvSource';
import { TableView } from '../../src/core/table/tableView';
import { startSimulatorProcess } from '../simProcess';
import type { BenchRow, BenchSection } from '../types';
import { withMemoryPeak } from '../memoryPeak';

const MB = 1024 * 1024;
const ROWS = 100_000;
const KEY = 'sk-bench-table-7d41c0e3aa';
/** The bounds: first rows within a second; the extension host grows by less than 50 MB. */
const FIRST_ROWS_GOAL_MS = 1000;
const GOAL_MB = 50;

/**
 * The table view's host side with a 100,000-row (~48 MB) records CSV from the simulator (its own
 * process): downloaded through the real client, then opened as the table editor does — index
 * pass, first page, sort, filter — while this process's memory is sampled against a baseline
 * taken just before. Time to the first page is also given as a ratio to reading the first 64 KiB
 * of the same file, measured in the same run (so a slow machine moves both). What the webview
 * adds (first rows painted, its memory) is measured in the real browser by the UI tier
 * (test/ui/workbench-8-table.ui.ts) and written to bench/results/table-ui.json.
 */
export const bigTableSection: BenchSection = {
  name: 'big table (100,000-row CSV)',
  async run(): Promise<BenchRow[]> {
    const sim = await startSimulatorProcess({ rateLimit: '100/60', apiKeys: [KEY], seed: 'empty' });
    const dir = await mkdtemp(join(tmpdir(), 'seq-bench-table-'));
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: KEY, settings: DEFAULT_SETTINGS, log: silentLog });
    try {
      const control = controlOf(sim.baseUrl);
      const agentId = (await control<{ id: number }>('addAgent', { name: 'Big table' })).id;
      const runId = (await control<{ id: number }>('addRun', agentId, { status: 10 })).id;
      const fileId = (await control<{ id: number }>('addFile', agentId, runId, { name: 'records.csv', kind: 'csv', records: ROWS })).id;
      const path = join(dir, 'records.csv');
      await client.downloadRunFileTo(agentId, runId, fileId, path);
      const size = (await stat(path)).size;

      const baselineMs = await timed(() => readHead(path, 64 * 1024));
      const { result: measuredTable, peakRss, peakHeld } = await withMemoryPeak(async () => {
        const started = performance.now();
        const source = await openCsvTable(path);
        const view = new TableView(source, 'en');
        const firstPage = await view.page(0, 100);
        const firstRowsMs = performance.now() - started;
        await source.done;
        const indexMs = performance.now() - started;
        const sortMs = await timed(() => view.apply({ filters: [], sort: { column: 4, descending: true } }));
        const sorted = await view.page(50_000, 100);
        const filterMs = await timed(() => view.apply({ filters: [{ column: 9, text: 'berlin' }], sort: { column: 4, descending: true } }));
        const filteredRows = view.rowCount;
        view.dispose();
        await source.close();
        return { rowCount: source.rowCount, firstPage, firstRowsMs, indexMs, sortMs, sorted, filterMs, filteredRows };
      }, 20);
      const { rowCount, firstPage, firstRowsMs, indexMs, sortMs, sorted, filterMs, filteredRows } = measuredTable;
      const whole = rowCount === ROWS && firstPage.rows.length === 100 && sorted.rows.length === 100;
      return [
        { metric: 'file', value: `${ROWS.toLocaleString('en')} rows, ${(size / MB).toFixed(1)} MB`, note: whole ? 'all rows indexed' : `indexed ${rowCount}` , pass: whole, goal: 'all rows' },
        { metric: 'host: time to the first 100 rows', value: firstRowsMs.toFixed(0), unit: 'ms', goal: `< ${FIRST_ROWS_GOAL_MS} ms`, pass: firstRowsMs < FIRST_ROWS_GOAL_MS },
        { metric: 'host: first rows ÷ reading the first 64 KiB', value: (firstRowsMs / baselineMs).toFixed(1), unit: '×', note: `baseline ${baselineMs.toFixed(1)} ms` },
        { metric: 'host: index pass (whole file)', value: indexMs.toFixed(0), unit: 'ms', note: `${(size / MB / (indexMs / 1000)).toFixed(0)} MB/s` },
        { metric: 'host: sort 100,000 rows by price', value: sortMs.toFixed(0), unit: 'ms' },
        { metric: 'host: filter (location contains "berlin") + sort', value: filterMs.toFixed(0), unit: 'ms', note: `${filteredRows.toLocaleString('en')} rows match` },
        { metric: 'host: peak RSS growth over baseline', value: (peakRss / MB).toFixed(1), unit: 'MB', goal: `< ${GOAL_MB} MB`, pass: peakRss < GOAL_MB * MB },
        { metric: 'host: peak JS heap + buffers growth', value: (peakHeld / MB).toFixed(1), unit: 'MB', goal: `< ${GOAL_MB} MB`, pass: peakHeld < GOAL_MB * MB },
      ];
    } finally {
      client.dispose();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

async function readHead(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.read(Buffer.alloc(bytes), 0, bytes, 0);
  } finally {
    await file.close();
  }
}

function controlOf(baseUrl: string) {
  return async <T>(op: string, ...args: unknown[]): Promise<T> => {
    const response = await fetch(`${baseUrl}/__control/${op}`, { method: 'POST', body: JSON.stringify(args) });
    if (!response.ok) throw new Error(`control ${op}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

const silentLog = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
