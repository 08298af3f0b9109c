// Run-config checks for documents that were open before the extension activated (restored editors
// in a workspace with run-config files: `workspaceContains` activates it after they opened). The
// feature loads its checks on first use, so nothing but its constructor can notice those documents:
// VS Code sends no open event for them. Over the simulator, with the fake `vscode` module given the
// few document, language and diagnostics calls the feature and its checks make.
import { openDocument, published, textDocuments, useFakeDocuments, visibleTextEditors } from '../../support/fakeVscodeDocuments';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator/index';
import type { SequentumClient } from '../../../src/core/api/client';
import type { DocumentCheck } from '../../../src/core/diagnostics/documentProblems';
import { silentLogger } from '../../../src/core/log';
import { RunConfigFeature } from '../../../src/features/runConfig/runConfigFeature';
import type { CommandContext } from '../../../src/platform/commandRegistry';
import { realClient } from '../../support/simTree';

/** Waits (polled: the checks load, debounce and read the agent list in the background) until `check` holds; fails after 10 s. */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

suite('Run-config checks: documents open before activation', () => {
  let sim: Simulator;
  let client: SequentumClient;
  let feature: RunConfigFeature | undefined;
  useFakeDocuments();

  suiteSetup(async () => {
    sim = await startSimulator({ seed: 'empty', timeScale: 1000 });
    client = realClient(sim.baseUrl, sim.apiKey);
  });
  teardown(() => feature?.dispose());
  suiteTeardown(async () => {
    client.dispose();
    await sim.close();
  });

  function activate(): RunConfigFeature {
    feature = new RunConfigFeature({
      log: silentLogger,
      commandContext: { log: silentLogger } as unknown as CommandContext,
      api: () => Promise.resolve(client),
      showRun: () => Promise.resolve(),
    });
    return feature;
  }

  test('a run-config file open (not shown) at activation gets its checks without any open event', async () => {
    const known = sim.control.addAgent({ name: 'Known agent' });
    const text = JSON.stringify({ runs: [{ name: 'Good', agentId: known.id }, { name: 'Ghost', agentId: 987654 }] }, null, 2);
    const document = openDocument('/ws/restored.sequentum.json', text);
    textDocuments.push(document);

    activate();
    await until('the run-config file has diagnostics', () => (published.get(document.uri.toString())?.length ?? 0) > 0);
    const diagnostics = published.get(document.uri.toString()) ?? [];
    assert.deepEqual(diagnostics.map((d) => d.message), ['Agent 987654 was not found']);
    const range = diagnostics[0].range;
    assert.equal(text.split('\n')[range.startLine].slice(range.startCharacter, range.endCharacter), '987654', 'on the unknown id');
  });

  test('a shown script naming an unknown agent path at activation gets its reference warning', async () => {
    const text = 'curl -X POST https://example.com/api/v1/agent/55555/start\n';
    const document = openDocument('/ws/start.sh', text);
    textDocuments.push(document);
    visibleTextEditors.push({ document });

    activate();
    await until('the script has a diagnostic', () => (published.get(document.uri.toString())?.length ?? 0) > 0);
    assert.deepEqual(published.get(document.uri.toString())?.map((d) => d.message), ['Agent 55555 was not found']);
  });

  test('a check another feature adds while the checks are being built still checks its documents (whichever turn of the build it comes in)', async () => {
    const check: DocumentCheck = {
      applies: (uri) => uri.endsWith('.schedule.json'),
      check: (text) => [{ range: { start: 0, end: text.length }, message: 'schedule checked', severity: 'error', origin: 'edit' }],
    };
    // The schedule documents' machinery adds its check when its own import resolves, which can be in
    // the same turn as this one's: every microtask from the import's resolution on is tried.
    for (let turns = 0; turns <= 6; turns++) {
      published.clear();
      textDocuments.length = 0;
      const schedule = openDocument(`/ws/s${turns}.schedule.json`, '{}');
      textDocuments.push(openDocument('/ws/open.sequentum.json', '{ "runs": [] }'), schedule);
      const feature = activate();
      await import('../../../src/features/runConfig/runConfigMachinery.js');
      for (let turn = 0; turn < turns; turn++) await Promise.resolve();
      const added = feature.addDocumentCheck(check);
      await until(`the schedule document is checked (check added ${turns} turns after the import)`, () => published.get(schedule.uri.toString())?.[0]?.message === 'schedule checked');
      added.dispose();
      feature.dispose();
    }
  });
});

