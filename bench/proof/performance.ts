import { fork } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { startSimulator } from '../../simulator/index';
import { createSequentumClient } from '../../src/core/api/client';
import { Emitter } from '../../src/core/emitter';
import { silentLogger } from '../../src/core/log';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { TreeModel } from '../../src/core/tree/treeModel';
import { percentile, round } from '../stats';
import type { BenchRow, BenchSection } from '../types';
import { pollingRows } from './polling';

const ROOT = join(__dirname, '../..');
// esbuild.js is the build script itself (CommonJS); its options are the ones the bundle ships with.
const { extensionBuildOptions } = createRequire(__filename)(join(ROOT, 'esbuild.js')) as {
  extensionBuildOptions: (options: { production: boolean; outdir?: string }) => esbuild.BuildOptions;
};

/** The production build (extension.mjs and chunks/*.mjs), built with the options of esbuild.js --production into bench/results/bundle (dist/ is left alone). */
async function buildProduction(): Promise<{ outdir: string; metafile: esbuild.Metafile }> {
  const outdir = join(ROOT, 'bench/results/bundle');
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await esbuild.build({ ...extensionBuildOptions({ production: true, outdir }), absWorkingDir: ROOT, metafile: true });
  return { outdir, metafile };
}

/**
 * Features whose code loads on first use, by the modules their `await import(…)` names: the first
 * use pays for reading and evaluating those chunks (and the shared chunks they need that activation
 * did not load). Measured so that what activation saves is not a cost hidden later.
 */
const FIRST_USES: ReadonlyArray<{ name: string; modules: readonly string[] }> = [
  { name: 'Why Did It Fail?', modules: ['src/features/failures/failuresFeature.ts'] },
  { name: 'Agent Insights', modules: ['src/features/insights/insightsFeature.ts'] },
  { name: 'first table opened', modules: ['src/features/outputTable/tableDocument.ts', 'src/features/outputTable/tableSession.ts'] },
  { name: 'Start Run', modules: ['src/features/runs/startRun.ts', 'src/core/runs/runStarter.ts'] },
  { name: 'first run-config document (checks, CodeLens, hover)', modules: ['src/features/runConfig/runConfigMachinery.ts'] },
  { name: 'first schedule document (sequentum: file system)', modules: ['src/features/schedules/scheduleMachinery.ts'] },
  { name: 'first run log', modules: ['src/features/runLog/logDocuments.ts', 'src/features/runLog/logOutline.ts'] },
  { name: 'Upcoming view shown', modules: ['src/core/runs/upcomingSource.ts'] },
  { name: 'credits status bar (first read)', modules: ['src/features/cost/creditsStatusBar.ts'] },
  { name: 'first request (API client, node-fetch)', modules: ['src/core/api/client.ts', 'node_modules/node-fetch/src/index.js'] },
];

/** The chunk (relative to outdir) that a dynamically imported module became; throws when the build has none (not split). */
function chunkOf(metafile: esbuild.Metafile, outdir: string, module: string): string {
  const output = Object.entries(metafile.outputs).find(([, out]) => out.entryPoint === module);
  if (!output) throw new Error(`${module} is not a chunk of its own in the build: is it still imported with await import()?`);
  return relative(outdir, join(ROOT, output[0]));
}

/** Every .mjs file of the build, path relative to its folder → KB. */
function builtFiles(outdir: string, folder = outdir): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) builtFiles(outdir, full).forEach((kb, file) => files.set(file, kb));
    else if (entry.name.endsWith('.mjs')) files.set(relative(outdir, full), statSync(full).size / 1024);
  }
  return files;
}

interface Probe {
  loadMs: number;
  activateMs: number;
  requests: number;
  /** The build's files loaded by the time activation and what it scheduled (200 ms) are done. */
  loadedFiles: string[];
  /** With first-use chunks given: the time to import them after activation, and the files that added. */
  firstUseMs?: number;
  firstUseFiles?: string[];
  error?: string;
}

/**
 * The probe as plain JavaScript: run under tsx, every require and stack trace of the extension
 * went through tsx's hooks (loading and activation took about twice as long as in plain Node,
 * which is what the extension host is).
 */
async function buildProbe(): Promise<string> {
  const outfile = join(ROOT, 'bench/results/activationProbe.js');
  await esbuild.build({ entryPoints: [join(__dirname, 'activationProbe.ts')], format: 'cjs', platform: 'node', target: 'node20', outfile, logLevel: 'silent' });
  return outfile;
}

function probe(script: string, outdir: string, firstUse: readonly string[] = []): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [outdir, JSON.stringify(firstUse)], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Probe));
    child.once('exit', (code) => reject(new Error(`probe exited ${code}`)));
  });
}

/**
 * Bundle size and activation: median of 11 fresh processes; any request attempted fails it. The
 * size is that of the files activation loads (the probe lists them); the others load on first use.
 */
export async function activationRows(): Promise<BenchRow[]> {
  const { outdir, metafile } = await buildProduction();
  const files = builtFiles(outdir);
  const probes: Probe[] = [];
  const script = await buildProbe();
  for (let i = 0; i < 11; i++) probes.push(await probe(script, outdir));
  const loaded = [...new Set(probes.flatMap((p) => p.loadedFiles))].sort();
  const kb = loaded.reduce((sum, file) => sum + (files.get(file) ?? 0), 0);
  const later = [...files].filter(([file]) => !loaded.includes(file)).map(([file, size]) => `${file} ${round(size, 1)} KB`);
  const sizeNote = `loaded at activation: ${loaded.join(', ')}; on first use: ${later.join(', ') || 'nothing'}`;
  const activate = percentile(probes.map((p) => p.activateMs), 50);
  const load = percentile(probes.map((p) => p.loadMs), 50);
  const requests = probes.reduce((sum, p) => sum + p.requests, 0);
  const errors = [...new Set(probes.map((p) => p.error).filter(Boolean))];
  return [
    { metric: 'bundle size (minified)', value: round(kb, 1), unit: 'KB', goal: '< 150 KB', pass: kb < 150, note: sizeNote },
    { metric: 'activate() median', value: round(activate, 2), unit: 'ms', goal: '< 10 ms', pass: activate < 10 && errors.length === 0, note: `bundle load ${round(load, 1)} ms; ${errors.length ? `errors: ${errors.join('; ')}` : 'no errors'}` },
    { metric: 'requests during activation', value: requests, goal: '0', pass: requests === 0 },
    ...(await firstUseRows(script, outdir, metafile, files)),
  ];
}

/** Per feature loaded on first use: the median time (7 fresh processes, after activation) to import its chunks. */
async function firstUseRows(script: string, outdir: string, metafile: esbuild.Metafile, files: Map<string, number>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { name, modules } of FIRST_USES) {
    const chunks = modules.map((module) => chunkOf(metafile, outdir, module));
    const probes: Probe[] = [];
    for (let i = 0; i < 7; i++) probes.push(await probe(script, outdir, chunks));
    const ms = percentile(probes.map((p) => p.firstUseMs ?? Number.NaN), 50);
    const added = [...new Set(probes.flatMap((p) => p.firstUseFiles ?? []))];
    const kb = added.reduce((sum, file) => sum + (files.get(file) ?? 0), 0);
    const errors = [...new Set(probes.map((p) => p.error).filter(Boolean))];
    rows.push({
      metric: `first use: ${name} (its chunks imported)`,
      value: round(ms, 2),
      unit: 'ms',
      // Well under what a person notices after a click (~100 ms), and paid once per session.
      goal: '< 50 ms',
      pass: ms < 50 && errors.length === 0,
      note: `${round(kb, 1)} KB in ${added.length} files read then${errors.length ? `; errors: ${errors.join('; ')}` : ''}`,
    });
  }
  return rows;
}

/** 10,000 agents in 50 spaces through the real TreeModel and client: requests to first paint, to expand a space, heap. */
export async function scaleRows(): Promise<BenchRow[]> {
  const sim = await startSimulator({ seed: { spaces: 50, agents: 10_000 }, rateLimit: { requests: 100_000, windowSeconds: 60 } });
  const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl }, log: silentLogger });
  const changed = new Emitter<void>();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const tree = new TreeModel({ source: { environments: () => [{ id: 'd', name: 'sim', baseUrl: sim.baseUrl }], client: () => Promise.resolve(client), onDidChange: changed.event }, log: silentLogger });
  const requests = (): number => Object.values(sim.control.counters().requestsPerKey).reduce((a, b) => a + b, 0);
  try {
    let t = performance.now();
    // First paint: what the view shows when it opens (with one environment, its spaces at the top).
    let top = await tree.getChildren();
    if (top.length === 1 && top[0]?.kind === 'environment') top = await tree.getChildren(top[0]);
    const firstPaintMs = performance.now() - t;
    const firstPaint = requests();
    const space = top.find((n) => n.kind === 'space');
    t = performance.now();
    const agents = space ? await tree.getChildren(space) : [];
    const expandMs = performance.now() - t;
    const expand = requests() - firstPaint;
    gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    return [
      { metric: 'scale: requests to first paint (root + spaces)', value: firstPaint, note: `${top.length} nodes, ${round(firstPaintMs, 0)} ms` },
      { metric: 'scale: requests to expand a space', value: expand, note: `${agents.length} nodes shown, ${round(expandMs, 0)} ms` },
      { metric: 'scale: heap growth after first paint + expand', value: round(heapMb, 1), unit: 'MB' },
    ];
  } finally {
    tree.dispose();
    changed.dispose();
    client.dispose();
    await sim.close();
  }
}

/** Activation and bundle, polling cost with 1 / 10 / 50 runs in flight, and a 10,000-agent account. */
export const performanceSection: BenchSection = {
  name: 'performance',
  async run(): Promise<BenchRow[]> {
    return [...(await activationRows()), ...(await pollingRows()), ...(await scaleRows())];
  },
};
