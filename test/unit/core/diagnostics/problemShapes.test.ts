import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { createSequentumClient, type SequentumClient } from '../../../../src/core/api/client';
import { silentLogger } from '../../../../src/core/log';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { problemDiagnostics } from '../../../../src/core/diagnostics/problemDiagnostics';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { readRunConfigStart } from '../../../../src/core/runConfig/runConfigOptions';
import { fixture, textAt } from '../../../support/runConfigFixtures';

/**
 * End to end through the wire: the simulator answers a start from a sample run-config file in
 * each error shape, the real client parses it, and the diagnostics land on the file's ranges.
 */
suite('problem shapes from the simulator onto a run-config file', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let text: string;
  let agentId: number;

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty' });
  });
  suiteTeardown(() => sim.close());

  setup(() => {
    sim.control.reset();
    agentId = sim.control.addAgent({ name: 'Products', inputParameters: { url: '' }, isExclusive: true }).id;
    // The sample file names agent 4711; point it at the simulator's agent (same digit count keeps nothing relevant).
    text = fixture('nightly.sequentum.json').replace('4711', String(agentId));
    client = createSequentumClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      settings: DEFAULT_SETTINGS,
      log: silentLogger,
      retry: { maxAttempts: 1 },
    });
  });
  teardown(() => client.dispose());

  async function startFirstEntry(fileText = text) {
    const entry = parseRunConfig(fileText).entries[0];
    const start = readRunConfigStart(entry)!;
    const error = await client.startRun(start.agentId, start.options).then(
      () => assert.fail('the start should have been refused'),
      (e: unknown) => e,
    );
    return problemDiagnostics(error, entry).map((d) => ({ at: textAt(fileText, d.range), severity: d.severity, code: d.code, message: d.message }));
  }

  test('RFC 7807 404 agent-not-found → agentId value, docs link', async () => {
    const [d] = await startFirstEntry(fixture('nightly.sequentum.json').replace('4711', '999999'));
    assert.equal(d.at, '999999');
    assert.deepEqual(d.code, { value: 'agent-not-found', target: 'https://docs.sequentum.com/errors/agent-not-found' });
    assert.equal(d.severity, 'error');
  });

  test('ASP.NET errors map → the unknown parameter and the bad URL, each on its value', async () => {
    const bad = text.replace('https://example.com/products', 'not a url');
    const diags = await startFirstEntry(bad);
    assert.deepEqual(diags.map((d) => d.at).sort(), ['"not a url"', '2'].sort());
    assert.ok(diags.every((d) => d.severity === 'error' && d.message.startsWith('One or more validation errors occurred.')));
  });

  test('RFC 9457 errors list with pointers → the same fields', async () => {
    sim.control.setValidationStyle('rfc9457');
    const diags = await startFirstEntry(text.replace('"parallelism": 1', '"parallelism": 99'));
    assert.deepEqual(diags.map((d) => d.at).sort(), ['2', '99']);
  });

  test('409 exclusive agent already running → the entry name', async () => {
    sim.control.addRun(agentId);
    const [d, ...rest] = await startFirstEntry(text.replace(/, "my\.page": 2/, ''));
    assert.equal(rest.length, 0);
    assert.equal(d.at, '"Nightly products"');
    assert.equal(d.code?.value, 'agent-already-running');
  });

  test('legacy shape and non-JSON text land on the name; a 503 gateway page is a warning', async () => {
    const clean = text.replace(/, "my\.page": 2/, '');
    sim.control.addRun(agentId);
    sim.control.setErrorShape('legacy');
    const [legacy] = await startFirstEntry(clean);
    assert.equal(legacy.at, '"Nightly products"');
    assert.equal(legacy.severity, 'error');
    sim.control.setErrorShape('text');
    const [plain] = await startFirstEntry(clean);
    assert.equal(plain.at, '"Nightly products"');
    assert.deepEqual(plain.code, { value: '409' });
    sim.control.setErrorShape('rfc7807');
    sim.control.setFault({ route: 'POST /agent/{id}/start', kind: 'status', status: 503, shape: 'html', times: 1 });
    const [gateway] = await startFirstEntry(clean);
    assert.equal(gateway.at, '"Nightly products"');
    assert.equal(gateway.severity, 'warning');
    assert.ok(!gateway.message.includes('<'), gateway.message);
  });
});
