import assert from 'node:assert/strict';
import { RunStatus } from '../../../../src/core/api/model';
import { ElapsedRefresh } from '../../../../src/core/tree/elapsedRefresh';
import type { AgentNode, RunNode, ScheduleNode } from '../../../../src/core/tree/nodes';
import { presentSchedule } from '../../../../src/core/tree/schedulePresentation';
import { runDescription } from '../../../../src/core/tree/presentation';
import { FakeClock } from '../../../support/fakeClock';

const runNode = (agentId: number, id: number, status: number, started: string): RunNode => ({
  id: `default/run:${agentId}:${id}`,
  kind: 'run',
  envId: 'default',
  agentId,
  agentName: `Agent ${agentId}`,
  run: { id, agentId, status, startTime: started },
});
const agentNode = (id: number): AgentNode => ({ id: `default/agent:${id}`, kind: 'agent', envId: 'default', agent: { id, name: 'A', spaceId: null, lastStatus: 1, inputParameters: {} } });

suite('ElapsedRefresh (running · 2m 10s between polls)', () => {
  test('re-renders only shown in-flight runs every 10 s, moving their elapsed text; stops when none are left', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T12:02:00Z'));
    const rendered: string[][] = [];
    const refresh = new ElapsedRefresh({ clock, render: (nodes) => rendered.push(nodes.map((node) => node.id)) });
    const running = runNode(1, 11, RunStatus.Running, '2026-01-01T12:00:00Z');
    const done = runNode(1, 10, RunStatus.Success, '2026-01-01T11:00:00Z');
    const other = runNode(2, 20, RunStatus.Running, '2026-01-01T12:01:00Z');
    assert.equal(clock.pending, 0, 'nothing shown, nothing scheduled');
    refresh.shown(done);
    assert.equal(clock.pending, 0, 'a finished run needs no clock');
    refresh.shown(running);
    refresh.shown(other);
    assert.equal(clock.pending, 1);
    assert.equal(runDescription(running, { now: clock.now() }), 'running · 2m 0s');

    await clock.advance(10_000);
    assert.deepEqual(rendered, [[running.id, other.id]]);
    assert.equal(runDescription(running, { now: clock.now() }), 'running · 2m 10s');

    refresh.collapsed(agentNode(2));
    running.run = { ...running.run, status: RunStatus.Success };
    await clock.advance(10_000);
    assert.deepEqual(rendered.length, 1, 'the finished run and the collapsed agent\'s run are dropped');
    assert.equal(refresh.size, 0);
    assert.equal(clock.pending, 0, 'no timer once nothing in flight is shown');
  });

  test('nothing ticks while the view is hidden or a run shows a pending action', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T12:02:00Z'));
    const rendered: string[][] = [];
    const refresh = new ElapsedRefresh({ clock, render: (nodes) => rendered.push(nodes.map((node) => node.id)) });
    const running = runNode(1, 11, RunStatus.Running, '2026-01-01T12:00:00Z');
    refresh.setVisible(false);
    refresh.shown(running);
    await clock.advance(60_000);
    assert.equal(rendered.length, 0);
    refresh.setVisible(true);
    await clock.advance(10_000);
    assert.equal(rendered.length, 1);
    running.pending = 'stopping';
    refresh.shown(running);
    await clock.advance(60_000);
    assert.equal(rendered.length, 1, '"Stopping…" has no clock to move');
    refresh.dispose();
    assert.equal(clock.pending, 0);
  });

  test('a schedule row\'s "in 3 hours" moves on without a request; a paused one is not refreshed', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T12:00:00Z'));
    const rendered: string[][] = [];
    const refresh = new ElapsedRefresh({ clock, render: (nodes) => rendered.push(nodes.map((node) => node.id)) });
    const schedule = (id: number, isEnabled: boolean): ScheduleNode => ({
      id: `default/schedule:1:${id}`, kind: 'schedule', envId: 'default', agentId: 1, agentName: 'A',
      schedule: { id, agentId: 1, name: 'Nightly', kind: 'cron', cronExpression: '0 15 * * *', timezone: 'UTC', isEnabled },
    });
    const nightly = schedule(1, true);
    refresh.shown(schedule(2, false));
    assert.equal(clock.pending, 0, 'paused: nothing to move');
    refresh.shown(nightly);
    assert.match(presentSchedule(nightly, { now: clock.now(), locale: 'en-US', timeZone: 'UTC' }).description ?? '', /in 3 hours$/);
    for (let i = 0; i < 6 * 60; i++) await clock.advance(10_000);
    assert.equal(rendered.length, 360);
    assert.deepEqual(rendered.at(-1), [nightly.id]);
    assert.match(presentSchedule(nightly, { now: clock.now(), locale: 'en-US', timeZone: 'UTC' }).description ?? '', /in 2 hours$/);
    refresh.collapsed(agentNode(1));
    assert.equal(clock.pending, 0, 'collapsed: no longer refreshed');
    refresh.dispose();
  });
});
