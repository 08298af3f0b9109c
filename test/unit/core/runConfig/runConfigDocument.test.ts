import assert from 'node:assert/strict';
import { parseRunConfig, resolvePath } from '../../../../src/core/runConfig/runConfigDocument';
import { readRunConfigStart } from '../../../../src/core/runConfig/runConfigOptions';
import { fixture, textAt } from '../../../support/runConfigFixtures';

suite('runConfigDocument', () => {
  const text = fixture('nightly.sequentum.json');

  test('reads entries with name, agentId and parameter ranges from a file with comments and trailing commas', () => {
    const doc = parseRunConfig(text);
    assert.equal(doc.entries.length, 2);
    const [first, second] = doc.entries;
    assert.equal(textAt(text, first.name!.valueRange), '"Nightly products"');
    assert.equal(textAt(text, first.agentId!.valueRange), '4711');
    assert.deepEqual(first.parameters.map((p) => textAt(text, p.keyRange)), ['url', 'my.page']);
    assert.equal(second.agentId!.value, 4712);
    assert.equal(textAt(text, second.range).startsWith('{'), true);
  });

  test('resolves paths case-insensitively and re-joins dotted parameter names', () => {
    const entry = parseRunConfig(text).entries[0];
    const url = resolvePath(entry, ['InputParameters', 'URL']);
    assert.equal(url.complete, true);
    assert.equal(textAt(text, url.field!.valueRange), '"https://example.com/products"');
    const dotted = resolvePath(entry, ['inputParameters', 'my', 'page']);
    assert.equal(textAt(text, dotted.field!.valueRange), '2');
    const missing = resolvePath(entry, ['inputParameters', 'nope']);
    assert.equal(missing.complete, false);
    assert.equal(missing.field?.key, 'inputParameters');
  });

  test('tolerates a half-typed file', () => {
    const half = fixture('half-typed.sequentum.json');
    const doc = parseRunConfig(half);
    assert.ok(doc.syntaxErrors.length > 0);
    assert.equal(doc.entries[0].agentId!.value, 12);
    assert.equal(readRunConfigStart(doc.entries[1])?.agentId, 99, 'a quoted id still starts');
  });

  test('reads start options, dropping wrongly typed fields and normalising enum case', () => {
    const doc = parseRunConfig('{"runs":[{"agentId":7,"parallelism":"3","logLevel":"warning","isExclusive":false,"inputParameters":{"a":1}}]}');
    assert.deepEqual(readRunConfigStart(doc.entries[0]), {
      agentId: 7,
      name: 'Run 1',
      options: { inputParameters: { a: 1 }, isExclusive: false, logLevel: 'Warning' },
    });
    assert.equal(readRunConfigStart(parseRunConfig('{"runs":[{"agentId":-1}]}').entries[0]), undefined);
  });
});
