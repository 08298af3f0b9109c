import { validateSchedule } from './scheduleValidation';
import type { SimStore } from './state';
import { Status } from './types';

const HOUR = 3_600_000;

/** Demo agents by id (seed.ts numbers them from 1001 in list order). */
// Agents the UI checks look at closely (Best Buy, the Travel & Hospitality space) are left alone.
const AMAZON = 1001;
const EBAY = 1005;
const ZILLOW = 1008;
const REALTOR = 1011;
const LOOPNET = 1012;
const INDEED = 1020;
const STACK_OVERFLOW = 1024;
const TREASURY = 1026;

/**
 * What `npm run demo` shows in Upcoming and Recent Runs: schedules that fire on the clock (one every
 * 5 minutes on an agent that fails, so a watched agent's failure turns up within minutes) and runs
 * of the last 24 hours started elsewhere — by schedules and by teammates, some failed, one in flight.
 */
export function seedDemoActivity(store: SimStore): void {
  const now = store.clock.now();
  const schedule = (agentId: number, body: Record<string, unknown>): void => {
    if (!store.agents.has(agentId)) return;
    const result = validateSchedule(body, now, 1);
    if ('ok' in result) store.schedules.add(agentId, result.ok);
  };
  schedule(AMAZON, { name: 'Nightly best sellers', scheduleType: 3, cronExpression: '0 2 * * *', timezone: 'Europe/Berlin' });
  schedule(STACK_OVERFLOW, { name: 'Every 5 minutes', scheduleType: 2, runEveryCount: 5, runEveryPeriod: 1, timezone: 'UTC' });
  schedule(ZILLOW, { name: 'Every 6 hours', scheduleType: 2, runEveryCount: 6, runEveryPeriod: 2, timezone: 'America/Chicago' });
  schedule(REALTOR, { name: 'Mon/Thu 09:00', scheduleType: 3, cronExpression: '0 9 * * 1,4', timezone: 'America/Los_Angeles' });
  schedule(TREASURY, { name: 'Weekdays 18:30', scheduleType: 3, cronExpression: '30 18 * * 1-5', timezone: 'America/New_York' });
  schedule(INDEED, { name: 'Hourly', scheduleType: 3, cronExpression: '15 * * * *', timezone: 'UTC' });
  schedule(INDEED, { name: 'Paused weekly', scheduleType: 3, cronExpression: '0 6 * * 1', timezone: 'UTC', isEnabled: false });

  const elsewhere = (agentId: number, hoursAgo: number, status: number, by: 'schedule' | 'teammate', message?: string): void => {
    const agent = store.agents.get(agentId);
    if (!agent) return;
    const run = store.addHistoricRun(agent, { status, createdAt: now - hoursAgo * HOUR, simSeconds: agent.durationSec, ...(message ? { message } : {}) });
    run.startedBy = by;
  };
  elsewhere(LOOPNET, 3, Status.Failure, 'schedule', 'Timeout waiting for selector ".listing-card" after 30 s');
  elsewhere(EBAY, 7, Status.Failure, 'teammate', 'HTTP 403 from www.ebay.com: blocked by bot protection');
  elsewhere(ZILLOW, 5, Status.Success, 'schedule');
  elsewhere(AMAZON, 20, Status.Success, 'schedule');
  elsewhere(TREASURY, 9, Status.Completed, 'teammate');
  const live = store.agents.get(INDEED);
  if (live) store.createRun(live).startedBy = 'teammate';
}
