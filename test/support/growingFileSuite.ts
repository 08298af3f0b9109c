import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/index';
import type { FileDelivery } from '../../simulator/fileDelivery';
import { createSequentumClient, type SequentumClient } from '../../src/core/api/client';
import type { DownloadPolicy } from '../../src/core/api/download';
import type { RowSource } from '../../src/core/table/rowSource';
import { clientOptions } from './httpServer';

/** What a growing-file test works with: see {@link useGrowingFileSuite}. */
export interface GrowingFileSuite {
  readonly sim: Simulator;
  readonly client: SequentumClient;
  /** This test's own folder (removed after the test). */
  readonly dir: string;
  /** Row sources the test opened: closed after it, so their file handles do not outlive it. */
  readonly sources: RowSource[];
  /** A new empty folder for the rest of the test (the current one removed): a second download to the same name. */
  freshDir(): Promise<void>;
  /** An agent, a finished run and its CSV `records.csv` of `records` rows, sent as `delivery` says. */
  addRecordsFile(records: number, delivery?: FileDelivery): { agentId: number; runId: number; fileId: number };
}

/**
 * Suite fixture for tests that follow a download as it is written (the table view over a growing
 * file): a simulator with an empty account (reset before each test), a real client with the
 * suite's `download` policy, and a fresh temporary folder per test.
 */
export function useGrowingFileSuite(folderPrefix: string, download: Partial<DownloadPolicy>): GrowingFileSuite {
  let sim: Simulator | undefined;
  let client: SequentumClient | undefined;
  let dir: string | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useGrowingFileSuite: the ${what} is set up before each test, not at suite definition`);
    return value;
  };
  const newDir = async (): Promise<void> => {
    dir = await mkdtemp(join(tmpdir(), folderPrefix));
  };
  const removeDir = async (): Promise<void> => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  };
  const sources: RowSource[] = [];

  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1000 });
    client = createSequentumClient({ ...clientOptions(sim.baseUrl), apiKey: sim.apiKey, download });
  });
  suiteTeardown(async () => {
    client?.dispose();
    await sim?.close();
  });
  setup(async () => {
    sim?.control.reset('empty');
    await newDir();
  });
  teardown(async () => {
    await Promise.all(sources.splice(0).map((source) => source.close()));
    await removeDir();
  });

  return {
    get sim() {
      return ready(sim, 'simulator');
    },
    get client() {
      return ready(client, 'client');
    },
    get dir() {
      return ready(dir, 'folder');
    },
    sources,
    async freshDir() {
      await removeDir();
      await newDir();
    },
    addRecordsFile(records, delivery) {
      const control = ready(sim, 'simulator').control;
      const agentId = control.addAgent({ name: 'Exports' }).id;
      const runId = control.addRun(agentId, { status: 10 }).id;
      const fileId = control.addFile(agentId, runId, { name: 'records.csv', kind: 'csv', records, ...(delivery ? { delivery } : {}) }).id;
      return { agentId, runId, fileId };
    },
  };
}
