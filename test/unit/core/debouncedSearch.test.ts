import assert from 'node:assert/strict';
import { DebouncedSearch } from '../../../src/core/debouncedSearch';
import { FakeClock, flush } from '../../support/fakeClock';

suite('DebouncedSearch', () => {
  test('typing searches once after the pause; a newer query aborts the older search and wins', async () => {
    const clock = new FakeClock();
    const asked: string[] = [];
    const aborted: string[] = [];
    const answers = new Map<string, () => void>();
    const results: [string, string | undefined][] = [];
    const search = new DebouncedSearch<string>({
      clock,
      delayMs: 300,
      search: (query, signal) =>
        new Promise((resolve) => {
          asked.push(query);
          signal.addEventListener('abort', () => aborted.push(query));
          answers.set(query, () => resolve(`hits for ${query}`));
        }),
      onResults: (query, hits) => results.push([query, hits]),
    });
    search.changed('s');
    search.changed('sh');
    await clock.advance(200);
    search.changed('sho');
    await clock.advance(299);
    assert.deepEqual(asked, [], 'still typing');
    await clock.advance(1);
    assert.deepEqual(asked, ['sho']);
    search.changed('shop');
    await clock.advance(300);
    assert.deepEqual(aborted, ['sho']);
    answers.get('sho')?.();
    answers.get('shop')?.();
    await flush();
    assert.deepEqual(results, [['shop', 'hits for shop']], 'the aborted answer is dropped');
    search.changed('  ');
    assert.deepEqual(results.at(-1), ['', undefined], 'cleared text: back to the initial items at once');
    search.changed('x');
    search.dispose();
    assert.equal(clock.pending, 0);
  });
});
