import * as assert from 'node:assert/strict';
import { presentActivity, type ActivityNode } from '../../../../src/core/runs/activityRows';

const context = { now: Date.parse('2026-11-30T12:00:00Z'), locale: 'en-US', timeZone: 'UTC' };

function day(count: number): ActivityNode {
  const entries = Array.from({ length: count }, (_, i) => ({
    at: context.now + (i + 1) * 60_000,
    fire: { scheduleId: i + 1, agentId: 7, agentName: 'Books', scheduleName: 'Hourly', isEnabled: true, nextRunTime: new Date(context.now + (i + 1) * 60_000).toISOString() },
  }));
  return { kind: 'upcomingDay', id: 'upcoming:2026-11-30', envId: 'default', day: { key: '2026-11-30', label: 'Today', entries } };
}

function summary(totalRuns: number): ActivityNode {
  return {
    kind: 'summary', id: 'recent:summary',
    summary: { totalRuns, completedRuns: totalRuns, failedRuns: 0, completedWithErrorsRuns: 0, runningRuns: 0, queuedRuns: 0, stoppedRuns: 0, failedRunDetails: [] },
  };
}

suite('activity rows: counts in words', () => {
  test('a day row counts its fires, "1 run" for one (the Upcoming view showed "Tomorrow 1 runs")', () => {
    assert.equal(presentActivity(day(1), context).description, '1 run');
    assert.equal(presentActivity(day(3), context).description, '3 runs');
  });

  test('the summary row says "1 run" for one, and groups larger counts', () => {
    assert.equal(presentActivity(summary(1), context).label, '1 run in the last 24 hours');
    assert.equal(presentActivity(summary(1204), context).label, '1,204 runs in the last 24 hours');
  });
});
