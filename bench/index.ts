import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { SECTIONS } from './sections';
import type { BenchRow } from './types';

/**
 * `npm run bench`: runs every section against local simulators, prints one table and writes
 * bench/results/latest.json. `npm run bench -- <name filter>` runs matching sections only.
 * Exit code 1 when a goal is missed.
 */
async function main(): Promise<void> {
  // Flags (e.g. --quick for a 30 s soak) are read by the sections; the first other argument filters.
  const filter = process.argv.slice(2).find((arg) => !arg.startsWith('--'))?.toLowerCase();
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}`;
  const loadBefore = loadavg()[0];
  const results: Array<{ section: string; rows: BenchRow[]; error?: string }> = [];
  for (const section of SECTIONS) {
    if (filter && !section.name.toLowerCase().includes(filter)) continue;
    process.stderr.write(`running: ${section.name}…\n`);
    try {
      results.push({ section: section.name, rows: await section.run() });
    } catch (error) {
      results.push({ section: section.name, rows: [], error: String(error) });
    }
  }
  const lines = ['| Section | Metric | Value | Goal | Result |', '|---|---|---|---|---|'];
  for (const { section, rows, error } of results) {
    if (error) lines.push(`| ${section} | (failed to run) | ${error} | | FAIL |`);
    for (const row of rows) {
      const value = `${row.value}${row.unit ? ` ${row.unit}` : ''}${row.note ? ` (${row.note})` : ''}`;
      const result = row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL';
      lines.push(`| ${section} | ${row.metric} | ${value} | ${row.goal ?? ''} | ${result} |`);
    }
  }
  // The figures are timing-sensitive: note how busy the machine was (other processes compete).
  const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
  console.log(`Machine: ${machine}; ${load}\n`);
  console.log(lines.join('\n'));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, load, results }, null, 2)}\n`);
  const failed = results.some((r) => r.error !== undefined || r.rows.some((row) => row.pass === false));
  process.exitCode = failed ? 1 : 0;
}

void main();
