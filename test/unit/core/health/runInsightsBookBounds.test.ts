import * as assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/api/model';
import { KEEP_AGENTS, KEEP_COSTS, RunInsightsBook } from '../../../../src/core/health/runInsightsBook';

const run = (agentId: number, id: number): Run => ({ id, agentId, status: 5, created: new Date(Date.UTC(2026, 10, 1) + id * 60_000).toISOString(), recordsExtracted: 100 });

suite('RunInsightsBook stays bounded in a long session', () => {
  test('costs: at most KEEP_COSTS; the costs read last (the rows on screen) stay, the oldest go', () => {
    const book = new RunInsightsBook(() => 'normal');
    // The costs of the agent the person looks at are read first, then a long session reads many more.
    book.setCosts('default', [{ runId: 1, cost: 0.5 }, { runId: 2, cost: 0.25 }]);
    for (let page = 0; page < 30; page++) {
      book.setCosts('default', Array.from({ length: 500 }, (_, i) => ({ runId: 1000 + page * 500 + i, cost: 1 })));
      assert.ok(book.costCount <= KEEP_COSTS, `${book.costCount} after page ${page}`);
      // Its list is read again now and then (the tree re-reads it on refresh): its rows keep their cost.
      if (page % 5 === 0) book.setCosts('default', [{ runId: 1, cost: 0.5 }]);
    }
    assert.equal(book.costCount, KEEP_COSTS);
    assert.equal(book.costOf('default', 1), 0.5);
    assert.equal(book.costOf('default', 2), undefined, 'a cost not read again for 15,000 others is gone');
    assert.equal(book.costOf('default', 1000), undefined);
    assert.equal(book.costOf('default', 1000 + 30 * 500 - 1), 1);
  });

  test('costs: a row on screen, never listed again, keeps its cost while other agents fill the book', () => {
    const book = new RunInsightsBook(() => 'normal');
    book.setCosts('default', [{ runId: 1, cost: 0.5 }]);
    for (let page = 0; page < 30; page++) {
      book.setCosts('default', Array.from({ length: 500 }, (_, i) => ({ runId: 1000 + page * 500 + i, cost: 1 })));
      // The book changed: DecoratedRows reads the look (and so the cost) of every row shown.
      assert.equal(book.costOf('default', 1), 0.5, `the row's cost after page ${page}`);
    }
    assert.equal(book.costCount, KEEP_COSTS);
  });

  test('a cost read again is not counted twice, and environments do not share run ids', () => {
    const book = new RunInsightsBook(() => 'normal');
    book.setCosts('default', [{ runId: 5, cost: 1 }]);
    book.setCosts('default', [{ runId: 5, cost: 2 }]);
    book.setCosts('staging', [{ runId: 5, cost: 3 }]);
    assert.equal(book.costCount, 2);
    assert.equal(book.costOf('default', 5), 2);
    assert.equal(book.costOf('staging', 5), 3);
  });

  test('runs: at most KEEP_AGENTS agents; the agent listed longest ago goes first', () => {
    const book = new RunInsightsBook(() => 'normal');
    book.observeRuns('default', 1, [run(1, 1), run(1, 2)]);
    for (let agentId = 2; agentId <= KEEP_AGENTS + 100; agentId++) {
      book.observeRuns('default', agentId, [run(agentId, agentId * 10)]);
      if (agentId % 100 === 0) book.observeRuns('default', 1, [run(1, 3)]);
      assert.ok(book.agentCount <= KEEP_AGENTS);
    }
    assert.equal(book.agentCount, KEEP_AGENTS);
    assert.equal(book.knownRuns('default', 1), 3, 'the agent listed again now and then is kept');
    assert.equal(book.knownRuns('default', 2), 0);
    assert.equal(book.knownRuns('default', KEEP_AGENTS + 100), 1);
  });
});
