import * as assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/api/model';
import { creditsStatus, readCredits, spendingMarkdown } from '../../../../src/core/cost/credits';
import { RunInsightsBook } from '../../../../src/core/health/runInsightsBook';
import { finishNotice } from '../../../../src/core/runs/finishNotice';
import type { AgentNode, RunNode } from '../../../../src/core/tree/nodes';
import { presentNode } from '../../../../src/core/tree/presentation';
import type { SequentumClient } from '../../../../src/core/api/client';
import type { Simulator } from '../../../../simulator/index';
import { generateRunHistory } from '../../../../simulator/runHistory';
import { useEmptySimulator } from '../../../support/simTree';

const END = Date.parse('2026-11-25T06:00:00Z');
/** Markdown with its escapes removed, to read what it says. */
const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');

function runs(breakage?: 'zeroRecords'): Run[] {
  return generateRunHistory({ runs: 21, seed: 4, ...(breakage ? { breakage: { kind: breakage, fromRun: 20 } } : {}) }, END).map((h, i) => ({
    id: 100 + i, agentId: 7, agentName: 'Products', status: h.status, created: new Date(h.createdAt).toISOString(),
    recordsExtracted: h.records, recordsExported: h.exported, errorCount: h.errors, runTimeSec: h.seconds, pageCount: h.pages,
  }));
}

const runNode = (run: Run): RunNode => ({ id: `r${run.id}`, kind: 'run', envId: 'default', agentId: 7, agentName: 'Products', run });
const agentNode: AgentNode = { id: 'a7', kind: 'agent', envId: 'default', agent: { id: 7, name: 'Products', spaceId: 1, lastStatus: 10, inputParameters: {} } };

suite('run health and cost on tree rows and in the finish notification', () => {
  test('a flagged run: warning icon, the line in its description, the unusual token; its agent too', () => {
    const book = new RunInsightsBook(() => 'normal');
    const list = runs('zeroRecords');
    book.observeRuns('default', 7, list);
    const broken = list.at(-1);
    assert.ok(broken);
    const view = presentNode(runNode(broken), { now: END, locale: 'en-US', insights: book });
    assert.equal(view.iconId, 'warning');
    assert.match(view.description ?? '', /^success · 0 records — usually ≈ \d{1,2},\d00$/);
    assert.match(view.contextValue, /\bunusual\b/);
    assert.match(unescaped(view.tooltip), /\*\*Health:\*\* unusual: 0 records/);
    const agent = presentNode(agentNode, { now: END, locale: 'en-US', insights: book });
    assert.equal(agent.iconId, 'warning');
    assert.match(agent.description ?? '', /0 records — usually ≈/);
    const normal = presentNode(runNode(list[19]), { now: END, locale: 'en-US', insights: book });
    assert.equal(normal.iconId, 'pass');
    assert.doesNotMatch(normal.contextValue, /unusual/);
  });

  test('cost once known; without enough history the tooltip says so; without insights rows are unchanged', () => {
    const book = new RunInsightsBook(() => 'normal');
    const list = runs().slice(0, 3);
    book.observeRuns('default', 7, list);
    book.setCosts('default', [{ runId: list[2].id, cost: 1.234 }]);
    const view = presentNode(runNode(list[2]), { now: END, locale: 'en-US', insights: book });
    assert.match(view.description ?? '', /· 1\.23 credits$/);
    assert.match(unescaped(view.tooltip), /not judged yet — 2 of 5 earlier successful runs needed/);
    assert.match(unescaped(view.tooltip), /\*\*Cost:\*\* 1\.23 credits/);
    const plain = presentNode(runNode(list[2]), { now: END, locale: 'en-US' });
    assert.doesNotMatch(plain.description ?? '', /credits/);
  });

  test('the finish notification says what looks wrong, as a warning, even with notifications for failures only', () => {
    const run = runs('zeroRecords').at(-1);
    assert.ok(run);
    const notice = finishNotice(run, 'failures', '0 records — usually ≈ 12,400');
    assert.equal(notice?.severity, 'warning');
    assert.equal(notice?.message, 'Products: run #120 finished (Success) but looks wrong: 0 records — usually ≈ 12,400.');
    assert.deepEqual(notice?.actions, ['Why Did It Fail?', 'Open Files', 'Open Log']);
    assert.equal(finishNotice(run, 'failures'), undefined);
  });
});

suite('credits status over the simulator', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  test('credits and this week’s spending in the status bar; a key without billing access hides it', async () => {
    const agentId = sim.control.addAgent({ name: 'Billed' }).id;
    sim.control.addRunHistory(agentId, { runs: 5, seed: 1 });
    sim.control.setCreditGrant(2000);
    const state = await readCredits(client);
    assert.equal(state.kind, 'shown');
    const status = creditsStatus(state, 'en-US');
    assert.match(status?.text ?? '', /^\$\(credit-card\) 1,9\d\d(\.\d)?$/);
    assert.match(unescaped(status?.tooltip ?? ''), /\*\*Spent this week:\*\* /);
    sim.control.setBillingAccess(sim.apiKey, false);
    assert.deepEqual(await readCredits(client), { kind: 'hidden', reason: 'noAccess' });
    assert.equal(creditsStatus({ kind: 'hidden', reason: 'noAccess' }), undefined);
    assert.deepEqual(await readCredits(undefined), { kind: 'hidden', reason: 'noKey' });
  });

  test('the spending document lists agents by cost; agent names are escaped', () => {
    const text = spendingMarkdown({ credits: { availableCredits: 12.5 }, spending: { totalSpent: 3 }, agents: { agents: [{ agentId: 1, agentName: '[x](command:evil)', cost: 2 }], total: 40 }, locale: 'en-US' });
    assert.match(unescaped(text), /\*\*Available credits:\*\* 12\.5/);
    assert.ok(text.includes('| \\[x\\]\\(command\\:evil\\) | 2 |'), text);
    assert.match(unescaped(text), /The 1 most expensive of 40 agents\./);
  });
});
