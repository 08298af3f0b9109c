// What a new user sees: the Sequentum container with its welcome view, then the key set from the
// palette makes the welcome view give way. Runs on the VSIX installed into a clean code-server.
// Checks run in order on one page: later ones (and later files) rely on the key set here.
import * as assert from 'node:assert/strict';
import type { UiCheck } from '../support/uiFramework';

const welcomeButton = 'a.monaco-button:has-text("Set API Key")';

export const checks: UiCheck[] = [
  {
    name: 'the Sequentum container shows the welcome view with "Set API Key"',
    async run(ui) {
      await ui.openSequentum();
      await ui.page.locator(welcomeButton).first().waitFor({ state: 'visible' });
      await ui.page.getByText('SEQUENTUM_API_KEY').first().waitFor({ state: 'visible' });
      await ui.screenshot('welcome-view', { readme: true });
    },
  },
  {
    name: '"Sequentum: Set API Key" from the palette stores the key and the welcome view goes',
    async run(ui) {
      await ui.runCommand('Sequentum: Set API Key');
      await ui.page.locator('.quick-input-widget input[type="password"]').waitFor({ state: 'visible' });
      await ui.screenshot('set-api-key-prompt');
      await ui.answerQuickInput(ui.sim.apiKey);
      await ui.waitForToast('Sequentum API key saved.');
      await ui.page.locator(welcomeButton).first().waitFor({ state: 'hidden' });
      // The view now lists something (the simulator's spaces, or a node naming a problem).
      await ui.page.locator('.part.sidebar .monaco-list-row').first().waitFor({ state: 'visible' });
      await ui.screenshot('after-api-key', { readme: true });
    },
  },
  {
    name: 'the installed extension logs to its "Sequentum" output channel, without the key',
    async run(ui) {
      await ui.runCommand('Sequentum: Show Log');
      const output = ui.page.locator('.part.panel .monaco-editor .view-lines');
      await output.filter({ hasText: 'API key stored in SecretStorage' }).first().waitFor({ state: 'visible' });
      const text = (await output.first().innerText()).replace(/\u00a0/g, ' ');
      assert.ok(!text.includes(ui.sim.apiKey), 'the API key appears in the log');
      await ui.screenshot('output-channel');
    },
  },
];
