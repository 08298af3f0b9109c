import * as assert from 'node:assert/strict';
import type { SequentumClient } from '../../../src/core/api/client';
import type { Agent } from '../../../src/core/api/model';
import { startRun } from '../../../src/features/runs/startRun';
import type { Simulator } from '../../../simulator/index';
import type { Shown } from '../../support/scriptedUi';
import { runCommandsHarness } from '../../support/runCommandsHarness';
import { useEmptySimulator } from '../../support/simTree';

const POST_START = 'POST /api/v1/agent/{agentId}/start';
const LIST_RUNS = 'GET /api/v1/agent/{agentId}/runs';

type Validate = (text: string) => string | undefined;

/** Pick answers of the palette flow: the agent by name, a value, an entry of the options list. */
const agentNamed = (name: string) => (shown: Shown) => shown.items?.find((item) => (item.value as Agent).name === name)?.value;
const listEntry = (kind: 'start' | 'edit', key?: string) => (shown: Shown) =>
  shown.items?.find((item) => {
    const value = item.value as { kind?: string; key?: string };
    return value.kind === kind && value.key === key;
  })?.value;
const valueLabelled = (label: string) => (shown: Shown) => shown.items?.find((item) => item.label === label)?.value;

suite('Start Run from the palette with all start options (over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  function agentWithLastRun() {
    sim.control.setVariants({ runInputs: true });
    return sim.control.addAgent({ name: 'Products', inputParameters: { url: 'https://shop.example.com', pages: '1' } });
  }

  test('"Start with these options": prefilled from the agent and its last run, sent as they are, through the duplicate-run check', async () => {
    const agent = agentWithLastRun();
    await client.startRun(agent.id, { inputParameters: { pages: '4' }, parallelism: 3, parallelExport: 'Separated', logLevel: 'Warning', isExclusive: false });
    sim.control.advanceClock(1_000_000);
    const h = runCommandsHarness(client);
    h.ui.answer('pick', agentNamed('Products'), 'start');
    sim.control.resetCounters();

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'started');
    const [, choice] = h.ui.of('pick');
    assert.equal(choice.message, 'Start Products');
    assert.match(choice.items?.[0].detail ?? '', /Parallelism 3 · Parallel max concurrency 1 · Parallel export Separated · Exclusive no · Log level Warning/);
    const read = await client.getRunStatus(agent.id, outcome.kind === 'started' ? outcome.run.id : 0);
    assert.deepEqual(read.startOptions?.inputParameters, { url: 'https://shop.example.com', pages: '4' }, 'declared parameters with the last run values');
    assert.equal(read.startOptions?.parallelism, 3);
    assert.equal(read.startOptions?.logLevel, 'Warning');
    assert.equal(read.startOptions?.isExclusive, false);
    const counters = sim.control.counters();
    assert.equal(counters.requestsPerRoute[POST_START], 1);
    assert.ok((counters.requestsPerRoute[LIST_RUNS] ?? 0) >= 2, 'the last run read and the duplicate-run check');
  });

  test('"Edit options…": every R1 option listed with its value; numbers checked against the schema as typed, enums offered from it', async () => {
    const agent = agentWithLastRun();
    const h = runCommandsHarness(client);
    const validators: Record<string, Validate> = {};
    h.ui.answer('pick', agentNamed('Products'), 'edit', listEntry('edit', 'parallelism'), listEntry('edit', 'logLevel'), valueLabelled('Error'), listEntry('start'));
    h.ui.answer('askText', (shown) => {
      validators.parallelism = (shown.options as { validate: Validate }).validate;
      assert.equal((shown.options as { value?: string }).value, '', 'never run: not sent, the server default applies');
      return '4';
    });

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'started');
    const list = h.ui.of('pick')[2];
    assert.deepEqual(
      list.items?.map((item) => item.label),
      ['$(play) Start', 'Input parameters', 'Parallelism', 'Parallel max concurrency', 'Parallel export', 'Proxy pool id', 'Exclusive', 'Wait on failure', 'Log level', 'Log mode'],
    );
    assert.match(list.items?.[1].description ?? '', /"url":"https:\/\/shop.example.com".*\(agent\)/);
    assert.equal(list.items?.[2].description, 'not sent (server default: 1)');
    assert.equal(list.items?.[2].detail, 'a whole number from 1 to 50');
    assert.match(validators.parallelism('0') ?? '', /Parallelism must be a whole number from 1 to 50/);
    assert.match(validators.parallelism('51') ?? '', /from 1 to 50/);
    assert.match(validators.parallelism('2.5') ?? '', /whole number/);
    assert.equal(validators.parallelism(''), undefined, 'empty: not sent');
    const levels = h.ui.of('pick')[4];
    assert.deepEqual(levels.items?.map((item) => item.label), ['Fatal', 'Error', 'Warning', 'Info', 'Not sent']);
    const read = await client.getRunStatus(agent.id, outcome.kind === 'started' ? outcome.run.id : 0);
    assert.equal(read.startOptions?.parallelism, 4);
    assert.equal(read.startOptions?.logLevel, 'Error');
  });

  for (const style of ['aspnet', 'rfc9457'] as const)
  test(`a refusal of an option's value (400 with ${style} field errors) reopens that option with the server's words; the corrected start goes through the duplicate check again`, async () => {
    const agent = agentWithLastRun();
    sim.control.setValidationStyle(style);
    const h = runCommandsHarness(client);
    const asked: { value?: string; validate: Validate; title?: string }[] = [];
    h.ui.answer('pick', agentNamed('Products'), 'edit', listEntry('edit', 'parallelMaxConcurrency'), listEntry('start'), listEntry('start'));
    h.ui.answer(
      'askText',
      (shown) => (asked.push(shown.options as (typeof asked)[number]), '60'), // the schema sets no maximum; the server does
      (shown) => (asked.push(shown.options as (typeof asked)[number]), '5'),
    );
    sim.control.resetCounters();

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'started');
    assert.equal(asked.length, 2);
    assert.equal(asked[1].title, 'Start Products: Parallel max concurrency', 'the refused option opens again');
    assert.equal(asked[1].value, '60');
    assert.equal(asked[1].validate('60'), 'The field ParallelMaxConcurrency must be between 1 and 50.', "the server's words at the field");
    assert.equal(asked[1].validate('5'), undefined, 'a changed value is not marked');
    assert.equal(h.ui.of('error').length + h.ui.of('warn').length, 0, 'no failure notification');
    const list = h.ui.of('pick')[3];
    assert.equal(list.items?.find((item) => (item.value as { key?: string }).key === 'parallelMaxConcurrency')?.label, 'Parallel max concurrency', 'corrected: no mark');
    const counters = sim.control.counters();
    assert.equal(counters.requestsPerRoute[POST_START], 2, 'the refused start and the corrected one');
    assert.equal(sim.control.counters().runsCreatedPerAgent[String(agent.id)], 1);
    const read = await client.getRunStatus(agent.id, outcome.kind === 'started' ? outcome.run.id : 0);
    assert.equal(read.startOptions?.parallelMaxConcurrency, 5);
  });

  test('a refused input parameter reopens the parameters box with the server message; dismissing the options then sends nothing more', async () => {
    agentWithLastRun();
    const h = runCommandsHarness(client);
    const asked: { validate: Validate; value?: string }[] = [];
    h.ui.answer('pick', agentNamed('Products'), 'edit', listEntry('edit', 'inputParameters'), listEntry('start'));
    h.ui.answer('askText', () => '{"url": "not a url", "pages": "1"}', (shown) => (asked.push(shown.options as (typeof asked)[number]), undefined));
    sim.control.resetCounters();

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'cancelled');
    assert.equal(asked.length, 1);
    assert.match(asked[0].validate(asked[0].value ?? '') ?? '', /'url' must be an absolute URL/);
    assert.equal(sim.control.counters().requestsPerRoute[POST_START], 1);
  });

  test('a refusal that names no option (409) is the standard failure notification', async () => {
    agentWithLastRun();
    const h = runCommandsHarness(client);
    sim.control.setFault({ route: 'POST agent/{agentId}/start', kind: 'status', status: 409, times: 1 });
    h.ui.answer('pick', agentNamed('Products'), 'start');

    const outcome = await startRun(h.deps);

    assert.equal(outcome.kind, 'not-started');
    assert.equal(h.failures.length, 1);
    assert.match(h.failures[0].message, /Could not start Products/);
  });
});
