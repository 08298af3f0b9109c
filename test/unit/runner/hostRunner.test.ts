// The host runner must be honest: a failing test inside the extension host fails the tier with
// exit code 1 and a non-zero failed count. Runs the real runner (code-server + Chromium), ~15–30 s.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

function runHostRunner(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'runHostTests.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

suite('host test runner', function () {
  this.timeout(300_000);

  test('a deliberately failing host test fails the run with exit code 1', async () => {
    // Only the self-check and the basic suite: the point is the runner's verdict, not the features.
    const { code, output } = await runHostRunner({ SEQUENTUM_TEST_SELF_CHECK: 'fail', SEQUENTUM_TEST_LAUNCHER: '', SEQUENTUM_HOST_TESTS: 'selfCheck,extension' });
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(output.trimEnd().split('\n').at(-1) ?? '');
    assert.ok(summary, `no summary line at the end of:\n${output.slice(-2000)}`);
    assert.ok(Number(summary[2]) >= 1, `expected a failure, got "${summary[0]}"`);
    assert.match(output, /fails on purpose/);
    assert.match(output, /✔ activates and returns its API/, 'the passing tests ran too');
    assert.equal(code, 1);
  });
});
