import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { removeParameterEdits, replaceAgentIdEdit } from '../../../../src/core/runConfig/runConfigEdits';
import { fixture } from '../../../support/runConfigFixtures';

suite('runConfigEdits', () => {
  const text = fixture('nightly.sequentum.json');
  const [first, second] = parseRunConfig(text).entries;

  test('replacing the agent id changes only that value', () => {
    const edit = replaceAgentIdEdit(second, 99)!;
    const result = applyEdits(text, [edit]);
    assert.equal(result, text.replace('"agentId": 4712', '"agentId": 99'));
  });

  test('removing a parameter removes the property and its comma, keeping comments and the rest', () => {
    const result = applyEdits(text, removeParameterEdits(text, first, 'my.page'));
    const entry = parseRunConfig(result).entries[0];
    assert.deepEqual(entry.parameters.map((p) => p.key), ['url']);
    assert.ok(result.includes('// Runs of the product catalogue agents.'));
    assert.equal(parseRunConfig(result).entries[1].agentId?.value, 4712);
  });
});
