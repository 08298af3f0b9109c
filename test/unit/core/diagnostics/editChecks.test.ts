import assert from 'node:assert/strict';
import type { Agent } from '../../../../src/core/api/model';
import { agentReferenceDiagnostics, editTimeDiagnostics, findAgentReferences } from '../../../../src/core/diagnostics/editChecks';
import { parseRunConfig } from '../../../../src/core/runConfig/runConfigDocument';
import { fixture, textAt } from '../../../support/runConfigFixtures';

function agent(id: number, inputParameters: Record<string, string> = {}): Agent {
  return { id, name: `Agent ${id}`, spaceId: 1, lastStatus: null, inputParameters };
}

suite('editTimeDiagnostics', () => {
  const text = fixture('nightly.sequentum.json');
  const doc = parseRunConfig(text);

  test('an unknown agent id is an error on the value, worded like the server, with a pick-agent fix', () => {
    const diags = editTimeDiagnostics(doc, new Map([[4711, agent(4711, { url: '', 'my.page': '1' })]]));
    assert.equal(diags.length, 1);
    const [d] = diags;
    assert.equal(textAt(text, d.range), '4712');
    assert.equal(d.message, 'Agent 4712 was not found');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.quickFix, { fix: 'pick-agent', entryIndex: 1 });
  });

  test('undeclared parameters warn on the key; declared ones without value or default inform', () => {
    const agents = new Map([
      [4711, agent(4711, { URL: 'x', category: '', region: 'eu' })],
      [4712, agent(4712, { token: '' })],
    ]);
    const diags = editTimeDiagnostics(doc, agents).map((d) => [textAt(text, d.range), d.severity, d.message]);
    assert.deepEqual(diags, [
      ['my.page', 'warning', 'Agent "Agent 4711" does not declare the input parameter "my.page"'],
      ['inputParameters', 'information', 'Input parameter "category" of agent "Agent 4711" has no value here and no default'],
      ['4712', 'information', 'Input parameter "token" of agent "Agent 4712" has no value here and no default'],
    ]);
  });

  test('a parameter given as an empty string with no default informs on its value', () => {
    const half = fixture('half-typed.sequentum.json');
    const diags = editTimeDiagnostics(parseRunConfig(half), new Map([[12, agent(12, { q: '' })], [99, agent(99)]]));
    assert.deepEqual(diags.map((d) => [textAt(half, d.range), d.severity]), [['""', 'information']]);
  });
});

suite('agent references', () => {
  const script = 'curl "$BASE/api/v1/agent/4711/start" && curl $BASE/api/v1/agent/all\nGET /api/v1/agent/99/run/5/status\n/api/v1/agent/123abc';

  test('finds agent ids in API paths, not list endpoints or ids glued to letters', () => {
    assert.deepEqual(findAgentReferences(script).map((r) => [r.agentId, textAt(script, r.range)]), [
      [4711, '4711'],
      [99, '99'],
    ]);
  });

  test('warns on ids that no agent has', () => {
    const diags = agentReferenceDiagnostics(script, new Map([[4711, agent(4711)]]));
    assert.deepEqual(diags.map((d) => [textAt(script, d.range), d.severity, d.message]), [['99', 'warning', 'Agent 99 was not found']]);
  });
});
