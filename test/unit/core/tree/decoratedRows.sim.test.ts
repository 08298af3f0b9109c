// The Agents view re-renders a row only when its star, its health or its cost changed: one batch per
// arrival (a cost page, a runs list, the runs one poll finished), never the unchanged rows. Before,
// every change of the book re-rendered every row shown, and a re-render under the pointer swallowed
// clicks on inline actions and context-menu items (the UI checks needed retries for it).
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator/index';
import type { SequentumClient } from '../../../../src/core/api/client';
import { RunStatus } from '../../../../src/core/api/model';
import { RunInsightsBook } from '../../../../src/core/health/runInsightsBook';
import { DecoratedRows } from '../../../../src/core/tree/decoratedRows';
import type { AgentNode, TreeNode } from '../../../../src/core/tree/nodes';
import { presentNode } from '../../../../src/core/tree/presentation';
import { treeOver, useEmptySimulator } from '../../../support/simTree';
import { child, NOW } from '../../../support/treeSetup';

const DAY = 86_400_000;

suite('Agents view: only rows whose star, health or cost changed re-render, one batch per arrival', () => {
  let sim: Simulator;
  let client: SequentumClient;
  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });

  /** Two agents with histories, their runs listed and every row rendered, as VS Code does when they are expanded. */
  async function shownTree() {
    const space = sim.control.addSpace({ name: 'Shop' });
    const products = sim.control.addAgent({ name: 'Products', spaceId: space.id });
    sim.control.addRunHistory(products.id, { runs: 12, seed: 4, endHoursAgo: 3 });
    const prices = sim.control.addAgent({ name: 'Prices', spaceId: space.id });
    sim.control.addRunHistory(prices.id, { runs: 8, seed: 5, endHoursAgo: 3 });
    const book = new RunInsightsBook(() => 'normal');
    const watched = new Set<number>();
    const isWatched = (_envId: string, agentId: number) => watched.has(agentId);
    const { model } = treeOver(client, sim.baseUrl);
    model.onDidListRuns((event) => book.observeRuns(event.envId, event.agentId, event.runs)); // as the cost feature does
    const batches: string[][] = [];
    const checks: Array<() => void> = [];
    const rows = new DecoratedRows({ isWatched, insights: book, locale: 'en-US', render: (nodes) => batches.push(nodes.map((node) => node.id)), defer: (check) => checks.push(check) });
    book.onDidChange(() => rows.changed()); // as the Agents view's provider does
    const agents = await model.getChildren(child(await model.getChildren(), 'Shop'));
    const productsNode = child(agents, 'Products') as AgentNode;
    const pricesNode = child(agents, 'Prices') as AgentNode;
    const shown: TreeNode[] = [...agents, ...(await model.getChildren(productsNode)), ...(await model.getChildren(pricesNode))];
    shown.forEach((node) => rows.shown(node));
    /** Every shown row as VS Code would draw it now: the oracle for which rows changed. */
    const looks = () => new Map(shown.map((node) => [node.id, JSON.stringify(presentNode(node, { now: NOW, locale: 'en-US', timeZone: 'UTC', isWatched, insights: book }))]));
    const changedSince = (before: Map<string, string>) => {
      const after = looks();
      return shown.filter((node) => before.get(node.id) !== after.get(node.id)).map((node) => node.id).sort();
    };
    const flush = () => checks.splice(0).forEach((check) => check());
    return { products, prices, productsNode, pricesNode, shown, book, watched, model, rows, batches, checks, looks, changedSince, flush };
  }

  test('a cost page re-renders exactly the run rows that got a cost; the same page again, or the same runs listed again, nothing', async () => {
    const t = await shownTree();
    assert.equal(t.shown.length, 2 + (12 + 1) + (8 + 1), 'two agents, their runs and each its Versions row');
    const before = t.looks();
    const page = await client.listRunCosts(t.products.id, { startDate: new Date(Date.now() - 30 * DAY).toISOString(), endDate: new Date(Date.now() + DAY).toISOString(), recordsPerPage: 100 });
    assert.ok(page.runs.length > 0, 'the simulator bills the history runs');
    t.book.setCosts('default', page.runs);
    assert.equal(t.checks.length, 1, 'one check for the arrival');
    t.flush();
    const expected = t.changedSince(before);
    const productsRuns = t.shown.filter((node) => node.kind === 'run' && node.agentId === t.products.id).map((node) => node.id).sort();
    assert.deepEqual(expected, productsRuns, 'oracle: every Products run row shows its cost now, nothing else changed');
    assert.deepEqual(t.batches.map((batch) => [...batch].sort()), [expected], 'one batch, exactly the rows that look different');

    t.book.setCosts('default', page.runs);
    t.model.refresh(t.productsNode);
    await t.model.getChildren(t.productsNode); // the runs list is read again: the same runs
    assert.equal(t.checks.length, 0, 'the book does not report what it knew already');
    t.book.invalidate(); // e.g. the sensitivity setting was saved unchanged
    t.flush();
    assert.equal(t.batches.length, 1, 'no rows re-render when none looks different');
  });

  test('two runs finishing in one poll: one batch with the agent whose newest run is flagged, not the other agent’s rows', async () => {
    const t = await shownTree();
    const before = t.looks();
    sim.control.addRun(t.products.id, { status: RunStatus.Success, dataCount: 0 });
    sim.control.addRun(t.prices.id, { status: RunStatus.Success, dataCount: 3 });
    const [brokenRun] = await client.listRuns(t.products.id, 1);
    const [pricesRun] = await client.listRuns(t.prices.id, 1);
    assert.equal(brokenRun?.recordsExtracted, 0);
    assert.ok(pricesRun);
    t.book.observeRun('default', brokenRun); // what the cost feature does on the tracker's finish
    t.book.observeRun('default', pricesRun);
    assert.equal(t.checks.length, 1, 'both runs in one check');
    t.flush();
    const expected = t.changedSince(before);
    assert.ok(expected.includes(t.productsNode.id), `the Products row shows the flag: ${JSON.stringify(expected)}`);
    assert.deepEqual(t.batches.map((batch) => [...batch].sort()), [expected]);
    assert.ok(expected.length < t.shown.length / 2, `a few rows, not all shown: ${expected.length} of ${t.shown.length}`);
  });

  test('watching an agent re-renders that agent’s row only; after a whole-tree refresh nothing is re-rendered until shown again', async () => {
    const t = await shownTree();
    t.watched.add(t.prices.id);
    t.rows.changed();
    t.rows.changed(); // a second change before the check: still one batch
    t.flush();
    assert.deepEqual(t.batches, [[t.pricesNode.id]]);
    t.rows.reset();
    t.watched.delete(t.prices.id);
    t.rows.changed();
    t.flush();
    assert.equal(t.batches.length, 1, 'forgotten rows are not reported (VS Code renders them all after the refresh)');
    t.rows.shown(t.pricesNode);
    t.watched.add(t.prices.id);
    t.rows.changed();
    t.flush();
    assert.deepEqual(t.batches.at(-1), [t.pricesNode.id]);
  });
});
