import * as assert from 'node:assert/strict';
import { insightsTexts, parseInsightsMessage } from '../../../../src/core/insights/insightsMessages';

suite('agent insights: page messages', () => {
  test('the host accepts only the page\'s two messages, by their type alone', () => {
    assert.deepEqual(parseInsightsMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseInsightsMessage({ type: 'refresh', extra: 'ignored' }), { type: 'refresh' });
    for (const raw of [undefined, null, 'refresh', 42, {}, { type: 'startRun' }, { type: ['refresh'] }]) assert.equal(parseInsightsMessage(raw), undefined);
  });

  test('the title carries the agent name made plain; the counts fill the summary', () => {
    const texts = insightsTexts('Prices\u202e\n<img src=x>', 50, 30);
    assert.equal(texts.title, 'Insights: Prices <img src=x>');
    assert.match(texts.summary, /^The last 50 finished runs and the cost of the last 30 days\./);
    assert.equal(texts.noCostDays, 'No cost recorded in the last 30 days.');
  });
});
