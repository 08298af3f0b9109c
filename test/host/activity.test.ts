// Runs nobody started here, inside a real VS Code against the simulator: the Upcoming view (S8,
// grouped by day, a click reveals the agent), the Recent Runs view (N1 plus what the tree listed,
// failures first, with Why Did It Fail? / Open Output File on its rows), and watching: a watched
// agent's run fired by a schedule fails → the run-finished notification; unwatched → none.
// The views are read through the extension's API as VS Code reads them (getChildren/getTreeItem).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SequentumExtensionApi } from '../../src/container';
import type { ActivityNode } from '../../src/core/runs/activityRows';
import type { AgentNode } from '../../src/core/tree/nodes';
import type { ShownPrompt } from '../../src/platform/vscodeUserInterface';
import { activate, control, extension, until } from '../support/hostSupport';

type Notification = Extract<ShownPrompt, { kind: 'notification' }>;
type Fire = Extract<ActivityNode, { kind: 'upcomingFire' }>;
type Recent = Extract<ActivityNode, { kind: 'recentRun' }>;

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The calendar day of an instant in this extension host's zone, as the view keys its groups. */
const dayKey = (ms: number) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

async function finished(runId: number): Promise<void> {
  const end = Date.now() + 20_000;
  while ([1, 2, 3, 4, 5, 12].includes((await control<{ status: number }>('getRun', runId)).status)) {
    assert.ok(Date.now() < end, `run ${runId} did not finish on the simulator`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a menu entry's `when` clause of the view would show for a row with this context value. */
function menuShows(command: string, view: string, contextValue: string): boolean {
  const menus = (extension().packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } }).contributes.menus['view/item/context'];
  return menus.some((entry) => {
    if (entry.command !== command || !entry.when?.includes(`view == ${view}`)) return false;
    const patterns = [...entry.when.matchAll(/viewItem =~ \/(.+?)\/(?:\s|$)/g)].map((match) => new RegExp(match[1]));
    return patterns.length > 0 && patterns.every((pattern) => pattern.test(contextValue));
  });
}

suite('activity views and watching in a real VS Code', () => {
  let api: SequentumExtensionApi;
  const config = () => vscode.workspace.getConfiguration('sequentum');
  const spaceName = `Host Activity ${Date.now()}`;
  let spaceId: number;
  const notifications: Notification[] = [];
  let listening: vscode.Disposable | undefined;

  suiteSetup(async () => {
    api = await activate();
    spaceId = (await control<{ id: number }>('addSpace', { name: spaceName })).id;
    // The simulator's window (100 per 3 s): the watcher polls N1 every 3 s instead of every 30 s.
    await config().update('rateLimit.windowSeconds', 3, vscode.ConfigurationTarget.Global);
    await config().update('polling.intervalSeconds', 1, vscode.ConfigurationTarget.Global);
    listening = api.onDidShowPrompt((prompt) => {
      if (prompt.kind === 'notification') notifications.push(prompt);
    });
  });

  suiteTeardown(async () => {
    listening?.dispose();
    for (const key of ['rateLimit.windowSeconds', 'polling.intervalSeconds', 'upcoming.days', 'watch.notify']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function addAgent(name: string, behaviour: 'success' | 'failure', failureMessage?: string): Promise<number> {
    return (await control<{ id: number }>('addAgent', { name, spaceId, behaviour, durationSec: 30, isExclusive: false, ...(failureMessage ? { failureMessage } : {}) })).id;
  }

  async function agentNode(agentId: number): Promise<AgentNode> {
    api.tree.refresh();
    const space = (await api.tree.getChildren()).find((node) => node.kind === 'space' && node.space.id === spaceId);
    assert.ok(space, `${spaceName} not listed`);
    const agent = (await api.tree.getChildren(space)).find((node): node is AgentNode => node.kind === 'agent' && node.agent.id === agentId);
    assert.ok(agent, `agent ${agentId} not listed`);
    return agent;
  }

  async function upcomingFires(agentId: number): Promise<Array<{ day: Extract<ActivityNode, { kind: 'upcomingDay' }>; fire: Fire }>> {
    await vscode.commands.executeCommand('sequentum.refreshUpcoming');
    const days = await api.activity.upcoming.getChildren();
    const result: Array<{ day: Extract<ActivityNode, { kind: 'upcomingDay' }>; fire: Fire }> = [];
    for (const day of days) {
      assert.equal(day.kind, 'upcomingDay', `a day row, got ${JSON.stringify(day)}`);
      if (day.kind !== 'upcomingDay') continue;
      for (const fire of await api.activity.upcoming.getChildren(day)) if (fire.kind === 'upcomingFire' && fire.agentId === agentId) result.push({ day, fire });
    }
    return result;
  }

  test('Upcoming: the next fires grouped by calendar day, soonest first; paused ones and those past the horizon left out; a click reveals the agent', async () => {
    const agentId = await addAgent('Host Upcoming Agent', 'success');
    const now = Date.now();
    const soon = now + 2 * HOUR;
    const later = now + 3 * 24 * HOUR;
    await control('addSchedule', agentId, { name: 'Host In Three Days', scheduleType: 1, startTime: iso(later), timezone: 'UTC' });
    await control('addSchedule', agentId, { name: 'Host Soon', scheduleType: 1, startTime: iso(soon), timezone: 'UTC' });
    await control('addSchedule', agentId, { name: 'Host Paused', scheduleType: 1, startTime: iso(now + HOUR), timezone: 'UTC', isEnabled: false });

    // Default horizon: 24 hours.
    const nextDay = await upcomingFires(agentId);
    assert.deepEqual(nextDay.map(({ fire }) => fire.entry.fire.scheduleName), ['Host Soon']);
    assert.equal(nextDay[0].day.day.key, dayKey(soon));
    assert.equal(nextDay[0].fire.entry.at, soon);

    await config().update('upcoming.days', 7, vscode.ConfigurationTarget.Global);
    const week = await upcomingFires(agentId);
    assert.deepEqual(week.map(({ fire }) => fire.entry.fire.scheduleName), ['Host Soon', 'Host In Three Days'], 'soonest first, the paused one left out');
    assert.deepEqual(week.map(({ day }) => day.day.key), [dayKey(soon), dayKey(later)], 'each under its own day');
    const days = (await api.activity.upcoming.getChildren()).flatMap((node) => (node.kind === 'upcomingDay' ? [node.day.key] : []));
    assert.deepEqual(days, [...days].sort(), 'days in order');
    assert.equal(new Set(days).size, days.length, 'one row per day');
    const dayItem = api.activity.upcoming.getTreeItem(week[1].day);
    assert.equal(dayItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.notEqual(dayItem.label, 'Today');

    const item = api.activity.upcoming.getTreeItem(week[0].fire);
    assert.match(typeof item.label === 'string' ? item.label : '', /^\d\d:\d\d Host Upcoming Agent$/);
    assert.match(String(item.description), /^Host Soon · in 2 hours$/);
    assert.ok(item.command, 'a click does something');
    await vscode.commands.executeCommand('workbench.view.extension.sequentum');
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const selected = api.treeSelection();
    assert.deepEqual(selected.map((node) => node.id), [(await agentNode(agentId)).id], 'the agent is revealed and selected');
  });

  test('Recent Runs: runs started elsewhere, failures first, with Why Did It Fail? and Open Output File on the row (Open in Dashboard: the UI check)', async () => {
    const okId = await addAgent('Host Recent Fine', 'success');
    const brokenId = await addAgent('Host Recent Broken', 'failure', 'Selector .price matched nothing');
    const ok = await control<{ id: number }>('foreignStart', okId, { by: 'teammate' });
    const broken = await control<{ id: number }>('foreignStart', brokenId, { by: 'schedule' });
    await finished(ok.id);
    await finished(broken.id);
    // N1 lists only failures; the successful run is known because the tree listed it.
    await api.tree.getChildren(await agentNode(okId));
    await vscode.commands.executeCommand('sequentum.refreshRecentRuns');

    const rows = await api.activity.recentRuns.getChildren();
    assert.equal(rows[0]?.kind, 'summary', 'the account summary heads the view');
    const runs = rows.filter((row): row is Recent => row.kind === 'recentRun');
    const failedFlags = runs.map((row) => /\bfailed\b/.test(api.activity.recentRuns.getTreeItem(row).contextValue ?? ''));
    assert.ok(failedFlags.includes(true) && failedFlags.includes(false), `both kinds listed: ${JSON.stringify(failedFlags)}`);
    assert.equal(failedFlags.indexOf(false), failedFlags.lastIndexOf(true) + 1, `failures first: ${JSON.stringify(failedFlags)}`);
    const brokenRow = runs.find((row) => row.runId === broken.id);
    const okRow = runs.find((row) => row.runId === ok.id);
    assert.ok(brokenRow && okRow, `both runs listed: ${JSON.stringify(runs.map((row) => row.id))}`);

    const brokenItem = api.activity.recentRuns.getTreeItem(brokenRow);
    assert.equal(brokenItem.label, 'Host Recent Broken');
    assert.match(String(brokenItem.description), new RegExp(`^failure · .+ · ${spaceName} · Selector \\.price matched nothing$`));
    const okItem = api.activity.recentRuns.getTreeItem(okRow);
    assert.equal(okItem.label, 'Host Recent Fine');
    assert.match(String(okItem.description), new RegExp(`^success · .+ · ${spaceName}$`));
    const brokenMenu = brokenItem.contextValue ?? '';
    const okMenu = okItem.contextValue ?? '';
    assert.ok(menuShows('sequentum.showRunDiagnostics', 'sequentum.recentRuns', brokenMenu), `Why Did It Fail? on a failed row (${brokenMenu})`);
    assert.ok(!menuShows('sequentum.showRunDiagnostics', 'sequentum.recentRuns', okMenu), `not on a successful one (${okMenu})`);
    for (const command of ['sequentum.openFile', 'sequentum.openInDashboard']) {
      assert.ok(menuShows(command, 'sequentum.recentRuns', brokenMenu) && menuShows(command, 'sequentum.recentRuns', okMenu), `${command} on every run row`);
    }

    // Why Did It Fail? with the row as its argument (as the menu passes it).
    await vscode.commands.executeCommand('sequentum.showRunDiagnostics', brokenRow);
    const diagnostics = vscode.Uri.from({ scheme: 'sequentum-diagnostics', path: `/agent-${brokenId}/run-${broken.id}.md` });
    const why = (await vscode.workspace.openTextDocument(diagnostics)).getText();
    assert.match(why, /^# Why did Host Recent Broken fail/);
    assert.ok(why.includes(`- **Run:** \\#${broken.id}\n`), `about run ${broken.id}: ${why.slice(0, 200)}`);

    // Open Output File with the row: the run's files to pick from, then the chosen one opens.
    const pickShown = new Promise<ShownPrompt>((resolve) => {
      const subscription = api.onDidShowPrompt((prompt) => {
        if (prompt.kind !== 'pick') return;
        subscription.dispose();
        resolve(prompt);
      });
    });
    const opening = vscode.commands.executeCommand('sequentum.openFile', brokenRow);
    const pick = await pickShown;
    // The failed run's own files (the simulator leaves a log, a page and a screenshot).
    assert.deepEqual(pick.kind === 'pick' ? pick.labels : [], ['run.log', 'run.html', 'error-screenshot.png']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await opening;
    const opened = vscode.window.activeTextEditor?.document;
    assert.ok(opened, 'an editor opened');
    assert.ok(opened.uri.path.endsWith('/run.log'), `the log in an editor, got ${opened.uri.toString()}`);
    assert.ok(opened.getText().length > 0, 'with its content');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Watch Agent stars the agent; its run fired by a schedule fails → the run-finished notification; Unwatch stops it', async () => {
    const name = 'Host Watched Nightly';
    const agentId = await addAgent(name, 'failure', 'Login page changed');
    const node = await agentNode(agentId);
    assert.match(api.treeItem(node).contextValue ?? '', /\bwatchable\b/);
    await vscode.commands.executeCommand('sequentum.watchAgent', node);
    try {
      const watchedItem = api.treeItem(node);
      assert.match(String(watchedItem.description), /^★ watched · /);
      assert.match(watchedItem.contextValue ?? '', /\bwatched\b/);
      assert.ok(menuShows('sequentum.unwatchAgent', 'sequentum.agents', watchedItem.contextValue ?? ''), 'Unwatch Agent on a watched agent');
      assert.ok(!menuShows('sequentum.watchAgent', 'sequentum.agents', watchedItem.contextValue ?? ''), 'no Watch Agent on it');

      // A schedule fires on the simulator's clock two seconds from now; nobody here started or follows the run.
      const scheduleId = (await control<{ id: number }>('addSchedule', agentId, { name: 'Host Soon Once', scheduleType: 2, runEveryCount: 1000, runEveryPeriod: 'Days', startTime: iso(Date.now() + 2_000), timezone: 'UTC' })).id;
      let shown: Notification | undefined;
      await until('the run-finished notification', () => (shown = notifications.find((n) => n.message.startsWith(`${name}: run #`))) !== undefined, 25_000);
      assert.ok(shown);
      const fired = (await control<{ firedRunIds: number[] }>('getSchedule', scheduleId)).firedRunIds;
      assert.equal(fired.length, 1, 'the schedule fired once');
      assert.equal(shown.message, `${name}: run #${fired[0]} failed: Login page changed`);
      assert.equal(shown.severity, 'error');
      assert.deepEqual(shown.actions, ['Why Did It Fail?', 'Run Again', 'Open Log', 'Open in Dashboard'], 'the same buttons as for a run started here');
      assert.equal(api.runs.get({ agentId, runId: fired[0] }), undefined, 'not followed by this window');
    } finally {
      await vscode.commands.executeCommand('sequentum.unwatchAgent', { agentId, agentName: name });
    }
    const unwatchedItem = api.treeItem(node);
    assert.doesNotMatch(String(unwatchedItem.description), /★/);
    assert.match(unwatchedItem.contextValue ?? '', /\bwatchable\b/);

    const before = notifications.length;
    const teammate = await control<{ id: number }>('foreignStart', agentId, { by: 'teammate' });
    await finished(teammate.id);
    await vscode.commands.executeCommand('sequentum.refreshRecentRuns'); // resolves once the poll's answer is in
    const listed = (await api.activity.recentRuns.getChildren()).some((row) => row.kind === 'recentRun' && row.runId === teammate.id);
    assert.ok(listed, 'the poll saw the failure (listed in Recent Runs)');
    assert.deepEqual(notifications.slice(before).filter((n) => n.message.startsWith(`${name}: run #`)), [], 'no longer watched: not announced');

    // `allFailures`: any failure of the account is announced, watched or not.
    await config().update('watch.notify', 'allFailures', vscode.ConfigurationTarget.Global);
    const another = await control<{ id: number }>('foreignStart', agentId, { by: 'teammate' });
    await finished(another.id);
    await until('the allFailures notification', () => notifications.some((n) => n.message === `${name}: run #${another.id} failed: Login page changed`), 25_000);
  });

  test('Delete Schedule (confirm: false, as scripts call it) removes it on the server and from the agent\'s list', async () => {
    const agentId = await addAgent('Host Delete Schedule Agent', 'success');
    const scheduleId = (await control<{ id: number }>('addSchedule', agentId, { name: 'Host To Delete', scheduleType: 3, cronExpression: '0 3 * * *', timezone: 'UTC' })).id;
    const listedSchedules = async () => (await api.tree.getChildren(await agentNode(agentId))).filter((node) => node.kind === 'schedule').map((node) => (node.kind === 'schedule' ? node.schedule.id : 0));
    assert.deepEqual(await listedSchedules(), [scheduleId]);
    const deleted = await vscode.commands.executeCommand<boolean>('sequentum.deleteSchedule', { agentId, scheduleId, confirm: false });
    assert.equal(deleted, true);
    assert.equal(await control('getSchedule', scheduleId), null, 'gone on the server');
    assert.deepEqual(await listedSchedules(), []);
  });
});
