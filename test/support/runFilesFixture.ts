import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/index';
import { createSequentumClient, type SequentumClient, type SequentumClientOptions } from '../../src/core/api/client';
import { clientOptions } from './httpServer';

/** What a run-files test reads (inside tests: the fields are set by the hooks). */
export interface RunFilesFixture {
  readonly sim: Simulator;
  readonly client: SequentumClient;
  /** A fresh empty folder per test, removed after it. */
  readonly dir: string;
  /** An agent with one finished run (status 10) per test, to add files to. */
  readonly agentId: number;
  readonly runId: number;
}

/**
 * Suite fixture for downloads of run files (one file, Download All): a simulator (clock × 1000, no
 * sample data) and a client with `client` options (download idle timeout, attempts) for the suite;
 * per test, the simulator emptied, an agent named `agentName` with a finished run, and a temporary
 * folder whose name starts with `dirPrefix`.
 */
export function runFilesFixture(options: { agentName: string; dirPrefix: string; client: Partial<SequentumClientOptions> }): RunFilesFixture {
  const fixture = {} as { -readonly [K in keyof RunFilesFixture]: RunFilesFixture[K] };
  suiteSetup(async () => {
    fixture.sim = await startSimulator({ timeScale: 1000, seed: 'empty' });
    fixture.client = createSequentumClient({ ...clientOptions(fixture.sim.baseUrl), apiKey: fixture.sim.apiKey, ...options.client });
  });
  suiteTeardown(async () => {
    fixture.client.dispose();
    await fixture.sim.close();
  });
  setup(async () => {
    fixture.sim.control.reset('empty');
    fixture.agentId = fixture.sim.control.addAgent({ name: options.agentName }).id;
    fixture.runId = fixture.sim.control.addRun(fixture.agentId, { status: 10 }).id;
    fixture.dir = await mkdtemp(join(tmpdir(), options.dirPrefix));
  });
  teardown(() => rm(fixture.dir, { recursive: true, force: true }));
  return fixture;
}
