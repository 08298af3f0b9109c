import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { forkHost } from '../../test/support/forkedHosts';
import { startSimulatorProcess } from '../simProcess';
import { round } from '../stats';
import type { BenchRow, BenchSection } from '../types';

const LIMIT = 100;
const WINDOW_S = 3;
const HOSTS = 3;
const PER_HOST = 300;
const TOTAL = HOSTS * PER_HOST;
/** (⌈N/L⌉ − 1) full windows: nobody can finish N requests sooner without exceeding the limit. */
const PHYSICAL_MIN_MS = (Math.ceil(TOTAL / LIMIT) - 1) * WINDOW_S * 1000;

/** 3 extension hosts (forked processes) × 300 GETs on one key, sharing one budget through the ledger folder. */
export const sharedBudgetSection: BenchSection = {
  name: `shared budget (${HOSTS} processes × ${PER_HOST} GETs, ${LIMIT} per ${WINDOW_S} s)`,
  async run(): Promise<BenchRow[]> {
    const key = 'sk-bench-shared-0000000000000';
    const sim = await startSimulatorProcess({ rateLimit: `${LIMIT}/${WINDOW_S}`, apiKeys: [key] });
    const dir = join(__dirname, '../results', `ledger-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const hosts = await Promise.all(
      Array.from({ length: HOSTS }, () => forkHost({ baseUrl: sim.baseUrl, apiKey: key, ledgerDir: dir, count: PER_HOST, limit: LIMIT, windowSeconds: WINDOW_S })),
    );
    try {
      const start = Date.now();
      for (const host of hosts) host.go();
      const reports = await Promise.all(hosts.map((h) => h.report));
      const ms = Math.max(...reports.map((r) => r.endedAt)) - start;
      const counters = await sim.counters();
      const ok = reports.reduce((sum, r) => sum + r.ok, 0);
      const sent = counters.requestsPerKey[key] ?? 0;
      const over = counters.overLimitPerKey[key] ?? 0;
      const tooMany = counters.rateLimitedPerKey[key] ?? 0;
      const ratio = ms / PHYSICAL_MIN_MS;
      const perHost = reports.map((r) => `${round((r.endedAt - start) / 1000, 1)} s`).join(', ');
      return [
        { metric: 'time ÷ physical minimum', value: round(ratio), goal: '≤ 1.05', pass: ratio <= 1.05, note: `${round(ms / 1000, 2)} s vs ${PHYSICAL_MIN_MS / 1000} s; hosts done at ${perHost}` },
        { metric: '429 responses', value: tooMany, goal: '0', pass: tooMany === 0 },
        { metric: 'arrivals over L in a sliding window (server-side)', value: over, goal: '0', pass: over === 0 },
        { metric: 'requests completed', value: `${ok}/${TOTAL}`, goal: `${TOTAL}/${TOTAL}`, pass: ok === TOTAL && sent === TOTAL, note: `${sent} sent` },
      ];
    } finally {
      for (const host of hosts) host.kill();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
