import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ProblemError } from '../../../../src/core/api/errors';
import { parseProblem } from '../../../../src/core/api/problemDetails';
import type { Run } from '../../../../src/core/api/model';
import {
  parseIntegerOption,
  schemaRunProperties,
  START_OPTION_SPECS,
  startOptionOfProblem,
  startOptionProblem,
  startOptionsProblems,
  startOptionSpec,
  UNDERSTOOD_KEYWORDS,
} from '../../../../src/core/runConfig/startOptionSchema';
import { optionStateText, PALETTE_OPTIONS, prefillStartDraft, refusalOf, startOptionsSummary } from '../../../../src/core/runs/startOptionsDraft';
import { startRun } from '../../../../src/features/runs/startRun';
import { runCommandsHarness } from '../../../support/runCommandsHarness';

const SCHEMA_FILE = path.join(__dirname, '../../../../schemas/sequentum-runs.schema.json');

suite('start options: read from the run-config schema', () => {
  test('the specs are the schema file as shipped: every option, its range, enum and default', () => {
    const onDisk = (JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { definitions: { run: { properties: Record<string, Record<string, unknown>> } } }).definitions.run.properties;
    assert.deepEqual(schemaRunProperties(), onDisk);
    assert.deepEqual(START_OPTION_SPECS.map((spec) => spec.key), Object.keys(onDisk).filter((key) => key !== 'name' && key !== 'agentId'));
    for (const spec of START_OPTION_SPECS) {
      const property = onDisk[spec.key];
      assert.equal(spec.minimum, property.minimum, spec.key);
      assert.equal(spec.maximum, property.maximum, spec.key);
      assert.deepEqual(spec.values, property.enum, spec.key);
      assert.equal(spec.defaultValue, property.default, spec.key);
    }
    assert.deepEqual(startOptionSpec('parallelism'), { key: 'parallelism', kind: 'integer', minimum: 1, maximum: 50, defaultValue: 1 });
    assert.deepEqual(startOptionSpec('LOGMODE')?.values, ['Text', 'TextAndHtml']);
  });

  test('every keyword the schema uses for an option is one the reader understands (a new rule fails here, not at a user)', () => {
    for (const [key, property] of Object.entries(schemaRunProperties())) {
      for (const keyword of Object.keys(property)) assert.ok(UNDERSTOOD_KEYWORDS.has(keyword) || key === 'name' || key === 'agentId', `${key}.${keyword}`);
    }
  });

  test('values are checked with the schema rules; numbers as typed, empty = not sent', () => {
    const parallelism = startOptionSpec('parallelism');
    assert.ok(parallelism);
    assert.equal(startOptionProblem(parallelism, 50), undefined);
    assert.match(startOptionProblem(parallelism, 51) ?? '', /Parallelism must be a whole number from 1 to 50/);
    assert.deepEqual(parseIntegerOption(parallelism, ' 7 '), { ok: true, value: 7 });
    assert.deepEqual(parseIntegerOption(parallelism, ''), { ok: true, value: undefined });
    assert.equal(parseIntegerOption(parallelism, '1e1').ok, false);
    assert.match(startOptionProblem(startOptionSpec('parallelMaxConcurrency')!, 0) ?? '', /at least 1/);
    assert.match(startOptionProblem(startOptionSpec('logLevel')!, 'Debug') ?? '', /one of Fatal \| Error \| Warning \| Info/);
    // The schema's additionalProperties: a parameter's value is text, a number or true/false.
    const parameters = startOptionSpec('inputParameters')!;
    assert.equal(startOptionProblem(parameters, { url: 'https://a', pages: 4, all: true }), undefined);
    for (const bad of [{ pages: null }, { pages: { max: 4 } }, { pages: [1, 2] }]) {
      assert.match(startOptionProblem(parameters, bad) ?? '', /Input parameters must be a JSON object of parameter names to text, numbers or true\/false/, JSON.stringify(bad));
    }
    assert.deepEqual(
      startOptionsProblems({ parallelism: 0, logMode: 'Text', isExclusive: true }).map((problem) => problem.key),
      ['parallelism'],
    );
  });

  test('a server field problem names its option by pointer or by ASP.NET field name', () => {
    assert.equal(startOptionOfProblem({ pointer: '/parallelism', detail: 'x' }), 'parallelism');
    assert.equal(startOptionOfProblem({ field: 'ParallelMaxConcurrency', detail: 'x' }), 'parallelMaxConcurrency');
    assert.equal(startOptionOfProblem({ field: 'InputParameters.url', detail: 'x' }), 'inputParameters');
    assert.equal(startOptionOfProblem({ field: 'request.LogLevel', detail: 'x' }), 'logLevel');
    assert.equal(startOptionOfProblem({ field: 'ScheduleId', detail: 'x' }), undefined);
  });

  test('refusalOf: a 400/422 whose field errors all name options; anything else is not the editor business', () => {
    const problem = (status: number, errors: unknown) => new ProblemError(parseProblem({ status, contentType: 'application/problem+json', body: JSON.stringify({ title: 'One or more validation errors occurred.', status, errors }) }));
    const refusal = refusalOf(problem(400, { Parallelism: ['The field Parallelism must be between 1 and 50.'], 'InputParameters.url': ['bad', 'worse'] }));
    assert.deepEqual([...(refusal ?? [])], [
      ['parallelism', 'The field Parallelism must be between 1 and 50.'],
      ['inputParameters', 'bad worse'],
    ]);
    assert.equal(refusalOf(problem(400, { Parallelism: ['x'], Mystery: ['y'] })), undefined, 'one field names no option');
    assert.equal(refusalOf(problem(409, { Parallelism: ['x'] })), undefined);
    assert.equal(refusalOf(problem(400, {})), undefined);
    assert.equal(refusalOf(new Error('boom')), undefined);
  });

  test('prefill: declared parameters with the last run values for keys still declared; the run reported options; the rest not sent', () => {
    const lastRun = { id: 9, agentId: 1, status: 10, startOptions: { inputParameters: { url: 'https://b', gone: 'x' }, parallelism: 2, parallelExport: 'Separate', logLevel: 'warn' } } as Run;
    const draft = prefillStartDraft({ url: 'https://a', pages: '' }, lastRun);
    assert.deepEqual(draft.options, { inputParameters: { url: 'https://b', pages: '' }, parallelism: 2, parallelExport: 'Separated', logLevel: 'Warning' });
    assert.deepEqual(draft.origins, { inputParameters: 'lastRun', parallelism: 'lastRun', parallelExport: 'lastRun', logLevel: 'lastRun' });
    assert.deepEqual(prefillStartDraft({}, undefined), { options: {}, origins: {} });
    assert.equal(startOptionsSummary({}), "the agent's defaults");
    assert.equal(optionStateText(startOptionSpec('logMode')!, draft), 'not sent (server default: Text)');
    assert.equal(optionStateText(startOptionSpec('parallelism')!, draft), '2 (last run)');
    assert.ok(!PALETTE_OPTIONS.some((spec) => spec.key === 'isRunSynchronously' || spec.key === 'timeout'), 'a synchronous start answers with records, not a run');
  });

  test('"Start with these options" with a value the schema refuses (a last run reported it) opens that option instead of sending', async () => {
    const h = runCommandsHarness();
    h.api.agents = [{ id: 4, name: 'Delta', spaceId: null, lastStatus: 10, inputParameters: {} }];
    const last = h.api.addRun(4, 10);
    last.startOptions = { parallelism: 80 };
    let message: string | undefined;
    h.ui.answer('pick', (shown) => shown.items?.[0].value, 'start', (shown) => shown.items?.[0].value);
    h.ui.answer('askText', (shown) => {
      message = (shown.options as { validate: (text: string) => string | undefined }).validate('80');
      return '8';
    });

    const outcome = await startRun(h.deps);

    assert.match(message ?? '', /Parallelism must be a whole number from 1 to 50/);
    assert.equal(outcome.kind, 'started');
    assert.deepEqual(h.api.startBodies, [{ parallelism: 8 }]);
  });
});
