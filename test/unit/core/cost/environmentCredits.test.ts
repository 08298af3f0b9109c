import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { createSequentumClient } from '../../../../src/core/api/client';
import { readCredits } from '../../../../src/core/cost/credits';
import type { Logger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { environmentsCreditsStatus, type EnvironmentCredits } from '../../../../src/core/cost/environmentCredits';
import { showSpending } from '../../../../src/features/cost/showSpending';
import { RecordingWorkbench } from '../../../support/recordingWorkbench';
import { ScriptedUi } from '../../../support/scriptedUi';
import { realClient } from '../../../support/simTree';

/** Markdown with its escapes removed, to read what it says. */
const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');
const NOW = Date.parse('2026-11-25T12:00:00Z');

suite('credits of every environment with a key', () => {
  let sim: Simulator;
  let prod: SequentumClient;
  let staging: SequentumClient;

  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1000, seed: 'empty', apiKeys: ['sk-prod-credits-0001', 'sk-staging-credits-0002'] });
    prod = realClient(sim.baseUrl, 'sk-prod-credits-0001');
    staging = realClient(sim.baseUrl, 'sk-staging-credits-0002');
  });
  suiteTeardown(async () => {
    prod.dispose();
    staging.dispose();
    await sim.close();
  });
  setup(() => {
    sim.control.reset('empty');
    const agentId = sim.control.addAgent({ name: 'Billed' }).id;
    sim.control.addRunHistory(agentId, { runs: 5, seed: 1 });
    sim.control.setCreditGrant(2000);
  });

  async function read(): Promise<EnvironmentCredits[]> {
    return [
      { name: 'cloud.sequentum.com', state: await readCredits(prod) },
      { name: 'Staging', state: await readCredits(staging) },
      { name: 'Dev', state: await readCredits(undefined) },
    ];
  }

  test('several: the default environment in the text, every environment with a key in the tooltip, none added up', async () => {
    const status = environmentsCreditsStatus(await read(), 'en-US');
    assert.match(status?.text ?? '', /^\$\(credit-card\) 1,9\d\d(\.\d)?$/);
    const tooltip = unescaped(status?.tooltip ?? '');
    assert.match(tooltip, /\*\*cloud\.sequentum\.com:\*\* 1,9\d\d(\.\d)? credits · [\d.,]+ spent this week/);
    assert.match(tooltip, /\*\*Staging:\*\* 1,9\d\d(\.\d)? credits/);
    assert.doesNotMatch(tooltip, /Dev/, 'an environment without a key has no line');
    assert.doesNotMatch(tooltip, /3,9\d\d/, 'credits of two environments are not added up');
  });

  test('the default key without billing access: the next environment in the text, with its name; the tooltip says why the default is missing', async () => {
    sim.control.setBillingAccess('sk-prod-credits-0001', false);
    const status = environmentsCreditsStatus(await read(), 'en-US');
    assert.match(status?.text ?? '', /^\$\(credit-card\) Staging: 1,9\d\d/);
    assert.match(unescaped(status?.tooltip ?? ''), /\*\*cloud\.sequentum\.com:\*\* no billing access with this key/);
    sim.control.setBillingAccess('sk-staging-credits-0002', false);
    assert.equal(environmentsCreditsStatus(await read(), 'en-US'), undefined, 'no environment with credits: hidden');
  });

  test('an environment not read yet is named, not left out; one environment reads as before', async () => {
    const [prodState] = await read();
    const status = environmentsCreditsStatus([prodState, { name: 'Staging', state: undefined }], 'en-US');
    assert.match(unescaped(status?.tooltip ?? ''), /\*\*Staging:\*\* not read yet/);
    const one = environmentsCreditsStatus([prodState, { name: 'Dev', state: { kind: 'hidden', reason: 'noKey' } }], 'en-US');
    assert.match(unescaped(one?.tooltip ?? ''), /^\*\*Sequentum credits:\*\* 1,9/);
  });

  test('the default environment without a key: the credits shown are named by their environment', async () => {
    const [{ state: prodState }, { state: stagingState }] = await read();
    const noKey = { kind: 'hidden', reason: 'noKey' } as const;
    // Only one other environment has a key: its credits are not the default environment's.
    const one = environmentsCreditsStatus([{ name: 'Default', state: noKey }, { name: 'Staging', state: stagingState }], 'en-US');
    assert.match(one?.text ?? '', /^\$\(credit-card\) Staging: 1,9\d\d/);
    assert.match(unescaped(one?.tooltip ?? ''), /\*\*Staging:\*\* 1,9\d\d(\.\d)? credits/);
    // Two others have one: the first of them, named.
    const two = environmentsCreditsStatus([{ name: 'Default', state: noKey }, { name: 'Prod', state: prodState }, { name: 'Staging', state: stagingState }], 'en-US');
    assert.match(two?.text ?? '', /^\$\(credit-card\) Prod: 1,9\d\d/);
  });

  test('a key without billing access is a state, not a failure: the 403 is logged at debug, other failures still warn', async () => {
    const lines: string[] = [];
    const record = (level: string) => (message: unknown) => void lines.push(`${level} ${String(message)}`);
    const log: Logger = { trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
    const client = createSequentumClient({ baseUrl: sim.baseUrl, apiKey: 'sk-prod-credits-0001', settings: { ...DEFAULT_SETTINGS, baseUrl: sim.baseUrl }, log, timeoutMs: 5000, retry: { maxAttempts: 1 } });
    try {
      sim.control.setBillingAccess('sk-prod-credits-0001', false);
      assert.deepEqual(await readCredits(client), { kind: 'hidden', reason: 'noAccess' });
      assert.deepEqual(lines.filter((line) => /billing\/credits/.test(line)).map((line) => line.split(' ')[0]), ['debug']);
      sim.control.setBillingAccess('sk-prod-credits-0001', true);
      sim.control.setFault({ route: 'GET billing/credits', kind: 'status', status: 500 });
      await assert.rejects(readCredits(client));
      assert.ok(lines.some((line) => /^warn GET \/api\/v1\/billing\/credits failed/.test(line)), lines.join('\n'));
    } finally {
      client.dispose();
    }
  });

  test('Show Spending: one section per environment; one without billing access says so, the others are shown', async () => {
    sim.control.setBillingAccess('sk-staging-credits-0002', false);
    const workbench = new RecordingWorkbench();
    const spending = { environments: () => Promise.resolve([{ name: 'Prod', api: prod }, { name: 'Staging [x](command:evil)', api: staging }]), workbench, locale: 'en-US', now: () => NOW };
    await showSpending({ ui: new ScriptedUi(), spending });
    const text = workbench.markdown[0]?.markdown ?? '';
    const readable = unescaped(text);
    assert.match(readable, /^# Sequentum spending\n\n## Prod\n\n\*\*Available credits:\*\* 1,9/);
    assert.match(readable, /### Cost per agent this month/);
    assert.match(readable, /## Staging \[x\]\(command:evil\)\n\nThis API key has no billing access\./);
    assert.ok(text.includes('Staging \\[x\\]\\(command\\:evil\\)'), 'an environment name is text, never a link');
  });

  test('Show Spending with one environment fails as the command (one notification with Retry), not as a section', async () => {
    sim.control.setBillingAccess('sk-prod-credits-0001', false);
    const workbench = new RecordingWorkbench();
    const spending = { environments: () => Promise.resolve([{ name: 'Prod', api: prod }]), workbench, now: () => NOW };
    await assert.rejects(showSpending({ ui: new ScriptedUi(), spending }), (error: unknown) => (error as { status?: number }).status === 403);
    assert.equal(workbench.markdown.length, 0);
  });
});
