import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import { CancelledError } from '../../../src/core/api/errors';
import type { RunFile } from '../../../src/core/api/model';
import { describeFailure, type FailureContext, type FailureNotification } from '../../../src/core/errors/failureNotification';
import { silentLogger } from '../../../src/core/log';
import type { FileNode, RunNode } from '../../../src/core/tree/nodes';
import type { PickItem } from '../../../src/core/ui';
import { downloadRunFiles } from '../../../src/features/runFiles/downloadRunFiles';
import type { RunFilesDeps } from '../../../src/features/runFiles/runFilesDeps';
import { saveFileAs } from '../../../src/features/runFiles/saveFileAs';
import { RecordingWorkbench } from '../../support/recordingWorkbench';
import { ScriptedUi, type Shown } from '../../support/scriptedUi';
import { useEmptySimulator } from '../../support/simTree';

const MB = 1024 * 1024;
const byLabel = (pattern: RegExp) => (shown: Shown) => shown.items?.find((item: PickItem<unknown>) => pattern.test(item.label))?.value;
const first = (shown: Shown) => shown.items?.[0]?.value;

suite('Save As and Download All (handlers over the simulator)', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let ui: ScriptedUi;
  let workbench: RecordingWorkbench;
  let deps: RunFilesDeps;
  /** Every failure notification shown, and the answers to give (true = Retry). */
  let failures: FailureNotification[];
  /** What the user answers each failure notification that offers Retry: true = Retry (a function runs first, e.g. to mend the fault). */
  let retryAnswers: Array<boolean | (() => boolean)>;
  let agentId: number;
  let runId: number;
  let added: RunFile[];

  useEmptySimulator(1000, (s, c) => {
    sim = s;
    client = c;
  });
  setup(() => {
    ui = new ScriptedUi();
    workbench = new RecordingWorkbench();
    failures = [];
    retryAnswers = [];
    deps = {
      ui,
      log: silentLogger,
      tree: { api: () => Promise.resolve(client), workbench, locale: 'en-US' },
      showFailure: (error: unknown, context?: FailureContext) => {
        const notification = describeFailure(error, [sim.apiKey], context);
        if (notification) failures.push(notification);
        // Like the real notification: Retry can be chosen only when it is offered.
        if (!notification?.actions.includes('retry')) return Promise.resolve(false);
        const answer = retryAnswers.shift() ?? false;
        return Promise.resolve(typeof answer === 'function' ? answer() : answer);
      },
    };
    agentId = sim.control.addAgent({ name: 'Files Agent' }).id;
    runId = sim.control.addRun(agentId, { status: 10 }).id;
    added = [];
  });

  async function add(file: Parameters<Simulator['control']['addFile']>[2]): Promise<RunFile> {
    const { id } = sim.control.addFile(agentId, runId, file);
    const listed = (await client.listRunFiles(agentId, runId)).find((candidate) => candidate.id === id)!;
    added.push(listed);
    return listed;
  }
  const fileNode = (file: RunFile): FileNode => ({ kind: 'file', id: `default/file:${file.id}`, envId: 'default', agentId, runId, file });
  const runNode = async (): Promise<RunNode> => {
    const run = (await client.listRuns(agentId, 10)).find((candidate) => candidate.id === runId)!;
    return { kind: 'run', id: `default/run:${runId}`, envId: 'default', agentId, agentName: 'Files Agent', run };
  };
  const downloadRequests = (): number => sim.control.counters().requestsPerRoute['GET /api/v1/agent/{agentId}/run/{runId}/file/{fileId}/download'] ?? 0;

  suite('Save As', () => {
    test('a file row: the save dialog proposes the safe name; the file is streamed to the chosen path byte-exact', async () => {
      const file = await add({ name: 'report\u202Etxt.exe.csv', kind: 'csv', content: 'a,b\n1,2\n' });
      const folder = workbench.tempFolder('save-as');
      workbench.saveAnswer = join(folder, 'chosen name.csv');
      await saveFileAs(deps, fileNode(file));
      assert.deepEqual(workbench.saveDialogs, [{ title: 'Save report_txt.exe.csv as…', suggestedName: 'report_txt.exe.csv' }]);
      assert.equal(await readFile(join(folder, 'chosen name.csv'), 'utf8'), 'a,b\n1,2\n');
      assert.deepEqual(await readdir(folder), ['chosen name.csv']);
      assert.deepEqual(workbench.progressTitles, ['Saving chosen name.csv']);
      assert.deepEqual(ui.of('info').map((shown) => [shown.message, shown.actions]), [['Saved chosen name.csv (8 B).', ['Reveal']]]);
      assert.equal(sim.control.counters().fileStore.withAuthorization, 0, 'the key never goes to the file store');
    });

    test('a download that starts over (no ranges after a break): the progress bar never moves back, and ends at 100 %', async () => {
      const file = await add({ name: 'restart.csv', size: 4 * MB, delivery: { dropAfterBytes: 2 * MB, noRanges: true, faultTimes: 1, pauseEveryBytes: MB / 2, pauseMs: 150 } });
      workbench.saveAnswer = join(workbench.tempFolder('save-as'), 'restart.csv');
      await saveFileAs(deps, fileNode(file));
      assert.equal(ui.of('info')[0]?.message, 'Saved restart.csv (4 MB).');
      assert.deepEqual(workbench.progressIncrements.filter((increment) => increment < 0), [], `increments: ${JSON.stringify(workbench.progressIncrements)}`);
      assert.ok(Math.abs(workbench.progressIncrements.reduce((sum, increment) => sum + increment, 0) - 100) < 1e-6);
    });

    test('dismissing the save dialog downloads nothing', async () => {
      const file = await add({ name: 'data.csv', kind: 'csv', content: 'x' });
      await saveFileAs(deps, fileNode(file));
      assert.equal(workbench.saveDialogs.length, 1);
      assert.equal(downloadRequests(), 0);
      assert.equal(sim.control.counters().fileStore.requests, 0);
    });

    test('a file gone from the server (404): named, no Retry offered, nothing left at the path', async () => {
      const file = await add({ name: 'gone.csv', kind: 'csv', content: 'back again' });
      sim.control.setFault({ route: `GET agent/${agentId}/run/${runId}/file/${file.id}/download`, kind: 'status', status: 404, times: 1 });
      const folder = workbench.tempFolder('save-as');
      workbench.saveAnswer = join(folder, 'gone.csv');
      retryAnswers = [true];
      await saveFileAs(deps, fileNode(file));
      assert.equal(failures.length, 1);
      assert.match(failures[0].message, /^gone\.csv is no longer on the server \(404\)/);
      assert.ok(!failures[0].actions.includes('retry'), 'a 404 offers no Retry');
      // The scripted Retry is not taken (no Retry button), so nothing was saved and nothing left behind.
      assert.deepEqual(await readdir(folder), []);
      assert.equal(ui.of('info').length, 0);
    });

    test('an expired link offers Retry; Retry asks the API for a new link and saves to the same path without asking again', async () => {
      const file = await add({ name: 'late.csv', kind: 'csv', content: 'on time' });
      sim.control.setFileUrlExpiry(-1000);
      const folder = workbench.tempFolder('save-as');
      workbench.saveAnswer = join(folder, 'late.csv');
      // The first attempt fails at the file store; the retry (links valid again) succeeds.
      retryAnswers = [
        () => {
          sim.control.setFileUrlExpiry(60_000);
          return true;
        },
      ];
      await saveFileAs(deps, fileNode(file));
      assert.equal(failures.length, 1);
      assert.match(failures[0].message, /^The download of late\.csv was refused \(403\).*Its download link may have expired/);
      assert.ok(failures[0].actions.includes('retry'));
      assert.equal(await readFile(join(folder, 'late.csv'), 'utf8'), 'on time');
      assert.equal(workbench.saveDialogs.length, 1, 'Retry does not ask for the path again');
    });

    test('a path that is a folder: named, and neither the folder nor a partial file changed', async () => {
      const file = await add({ name: 'data.csv', kind: 'csv', content: 'x'.repeat(1000) });
      const folder = workbench.tempFolder('save-as');
      await mkdir(join(folder, 'data.csv'));
      await mkdir(join(folder, 'data.csv', 'inside'));
      workbench.saveAnswer = join(folder, 'data.csv');
      await saveFileAs(deps, fileNode(file));
      assert.equal(failures.length, 1);
      assert.match(failures[0].message, /^data\.csv in .* is a folder; a file cannot replace it\./);
      assert.deepEqual(await readdir(folder), ['data.csv'], 'no part file left');
      assert.deepEqual(await readdir(join(folder, 'data.csv')), ['inside']);
    });

    test('Cancel mid-file: the transfer stops, no partial file is left, nothing is shown', async () => {
      const file = await add({ name: 'slow.csv', size: 8 * MB, delivery: { pauseEveryBytes: MB / 4, pauseMs: 100 } });
      const folder = workbench.tempFolder('save-as');
      workbench.saveAnswer = join(folder, 'slow.csv');
      workbench.cancelProgressWhen = (message) => /^\d/.test(message) && !message.startsWith('0 B');
      await assert.rejects(saveFileAs(deps, fileNode(file)), (error) => CancelledError.is(error));
      assert.deepEqual(await readdir(folder), []);
      assert.deepEqual([failures.length, ui.of('info').length], [0, 0]);
    });

    test('from the palette: agent → run → file', async () => {
      await add({ name: 'picked.json', kind: 'json', content: '[]' });
      const folder = workbench.tempFolder('save-as');
      workbench.saveAnswer = join(folder, 'picked.json');
      ui.answer('pick', byLabel(/Files Agent$/), first, byLabel(/^picked\.json$/));
      await saveFileAs(deps);
      assert.equal(ui.of('pick').length, 3);
      assert.equal(await readFile(join(folder, 'picked.json'), 'utf8'), '[]');
    });
  });

  suite('Download All', () => {
    async function someFiles(): Promise<void> {
      await add({ name: 'one.csv', kind: 'csv', content: 'one' });
      await add({ name: 'two.json', kind: 'json', content: '[2]' });
      await add({ name: 'three.csv', size: MB });
    }

    test('a run row: every output file into the chosen folder, progress in files and bytes, a summary with Reveal', async () => {
      await someFiles();
      const listed = await client.listRunFiles(agentId, runId);
      const folder = (workbench.folderAnswer = workbench.tempFolder('all'));
      await downloadRunFiles(deps, await runNode());
      assert.deepEqual((await readdir(folder)).sort(), listed.map((file) => file.name).sort());
      assert.deepEqual(workbench.progressTitles, [`Downloading ${listed.length} files of run #${runId}`]);
      assert.match(workbench.progressMessages[0], new RegExp(`^0 of ${listed.length} files · 0 B of `));
      assert.match(workbench.progressMessages.at(-1)!, new RegExp(`^${listed.length} of ${listed.length} files · ([\\d.]+ [KM]?B) of \\1$`));
      const [summary] = ui.of('info');
      assert.match(summary.message, new RegExp(`^Saved the ${listed.length} files of run #${runId} \\(.+\\) to ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
      assert.deepEqual(summary.actions, ['Reveal']);
    });

    test('from the palette it asks for the run (agent → run); dismissing the folder downloads nothing', async () => {
      await someFiles();
      ui.answer('pick', byLabel(/Files Agent$/), first);
      await downloadRunFiles(deps);
      assert.equal(ui.of('pick').length, 2);
      assert.equal(downloadRequests(), 0);
      assert.equal(ui.of('info').length, 0);
    });

    test('Cancel: the file in flight is removed, finished files stay, and the message says how many', async () => {
      await add({ name: 'a-small.csv', kind: 'csv', content: 'a' });
      await add({ name: 'b-slow.csv', size: 16 * MB, delivery: { pauseEveryBytes: MB / 4, pauseMs: 100 } });
      const total = (await client.listRunFiles(agentId, runId)).length;
      const folder = (workbench.folderAnswer = workbench.tempFolder('all'));
      // Cancel once 1 MB of the slow file is on disk (every other file is small).
      workbench.cancelProgressWhen = (message) => / · ([1-9][\d.]* MB)/.test(message);
      await downloadRunFiles(deps, { agentId, runId });
      const saved = await readdir(folder);
      assert.ok(!saved.includes('b-slow.csv') && saved.every((name) => !name.endsWith('.part')), JSON.stringify(saved));
      assert.ok(saved.includes('a-small.csv') || saved.length < total, 'some files were not downloaded');
      const [message] = ui.of('info');
      assert.equal(message.message, `Download cancelled: ${saved.length} of ${total} files of run #${runId} were saved to ${folder}; the files in progress were removed.`);
      assert.equal(failures.length, 0);
    });

    test('a failed file: the others are saved, the failure is named; Retry downloads only what failed', async () => {
      await someFiles();
      const gone = await add({ name: 'flaky.csv', kind: 'csv', content: 'flaky' });
      const total = (await client.listRunFiles(agentId, runId)).length;
      sim.control.setFault({ route: `GET agent/${agentId}/run/${runId}/file/${gone.id}/download`, kind: 'status', status: 503, times: 1 });
      const folder = (workbench.folderAnswer = workbench.tempFolder('all'));
      retryAnswers = [true];
      const before = downloadRequests();
      await downloadRunFiles(deps, await runNode());
      assert.equal(failures.length, 1);
      assert.match(failures[0].message, new RegExp(`^${total - 1} of ${total} files of run #${runId} were saved to .*\\. Not saved: Could not download flaky\\.csv`));
      assert.ok(failures[0].actions.includes('retry'));
      assert.equal(downloadRequests() - before, total + 1, 'the retry asked for the failed file only');
      assert.equal(await readFile(join(folder, 'flaky.csv'), 'utf8'), 'flaky');
      assert.equal((await readdir(folder)).length, total, 'no duplicates from the retry');
      assert.match(ui.of('info')[0].message, /^Saved 1 file of run/);
    });

    test('a file that breaks off after 1 MB on every attempt: the progress bar never moves back, and never past 100 %', async () => {
      await add({ name: 'small.csv', kind: 'csv', content: 'a' });
      // No ranges: every attempt starts again from byte 0 and breaks off again, until the attempts run out.
      await add({ name: 'broken.csv', size: 4 * MB, delivery: { dropAfterBytes: MB, noRanges: true } });
      workbench.folderAnswer = workbench.tempFolder('all');
      await downloadRunFiles(deps, { agentId, runId });
      assert.equal(failures.length, 1, 'the broken file failed');
      const back = workbench.progressIncrements.filter((increment) => increment < 0);
      assert.deepEqual(back, [], `increments: ${JSON.stringify(workbench.progressIncrements)}`);
      assert.ok(workbench.progressIncrements.reduce((sum, increment) => sum + increment, 0) <= 100 + 1e-9);
    });

    test('a Recent Runs row (its own row kind, carrying agentId and runId) names the run: no question asked', async () => {
      await someFiles();
      const folder = (workbench.folderAnswer = workbench.tempFolder('all'));
      const recentRow = { kind: 'recentRun', id: `recent:default:${agentId}:${runId}`, envId: 'default', agentId, runId, agentName: 'Files Agent', row: {} };
      await downloadRunFiles(deps, recentRow);
      assert.equal(ui.of('pick').length, 0);
      assert.ok((await readdir(folder)).includes('one.csv'));
    });

    test('a run without output files says so and asks for no folder', async () => {
      await client.deleteRun(agentId, runId, 'RemoveAllFiles');
      await downloadRunFiles(deps, { agentId, runId });
      assert.deepEqual(ui.of('info').map((shown) => shown.message), [`Run #${runId} has no output files.`]);
      assert.equal(workbench.progressTitles.length, 0);
    });
  });
});
