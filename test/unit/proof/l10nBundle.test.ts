// Localisation: every user-visible string of src/ is an l10n.t call (core's port or
// vscode.l10n.t), and l10n/bundle.l10n.json holds exactly the strings those calls use.
// Regenerate with `npm run l10n` (scripts/exportL10n.ts, @vscode/l10n-dev's extractor).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { collectL10nBundle, formatBundle } from '../../../scripts/l10nBundle';

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return extname(entry.name) === '.ts' ? [path] : [];
  });
}

/** Lines of src/ matching `pattern`, as "file:line: text". */
function offending(pattern: RegExp): string[] {
  return sourceFiles(SRC).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => pattern.test(line) && !line.trimStart().startsWith('//') && !line.trimStart().startsWith('*'))
      .map(({ line, index }) => `${relative(ROOT, file)}:${index + 1}: ${line.trim()}`),
  );
}

suite('l10n: the bundle matches the code', function () {
  this.timeout(120_000);
  let collected: Awaited<ReturnType<typeof collectL10nBundle>>;

  suiteSetup(async () => {
    collected = await collectL10nBundle(SRC);
  });

  test('l10n/bundle.l10n.json has every string the code uses, and no other (else: npm run l10n)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const missing = Object.keys(collected).filter((key) => !(key in committed));
    const stale = Object.keys(committed).filter((key) => !(key in collected));
    assert.deepEqual(missing, [], 'strings used in code but missing from l10n/bundle.l10n.json: run `npm run l10n` and commit the bundle');
    assert.deepEqual(stale, [], 'strings in l10n/bundle.l10n.json that no code uses any more: run `npm run l10n` and commit the bundle');
    assert.equal(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'), formatBundle(collected), 'the bundle is as npm run l10n writes it');
  });

  test('the extractor sees both kinds of call: core (the l10n port) and adapters (vscode.l10n.t)', () => {
    assert.ok('{0}: run #{1} failed: {2}' in collected, 'a core string (src/core/runs/finishNotice.ts), server text as an argument');
    assert.ok('Save Here' in collected, 'an adapter string (src/platform/vscodeWorkbench.ts)');
    assert.ok(Object.keys(collected).length > 100, `${Object.keys(collected).length} strings`);
  });

  test('no sink gets an untranslated literal, and no notification is shown from a literal', () => {
    assert.deepEqual(offending(/\bfor(Notification|Prompt|IconLabel|Plain)\(\s*['"`]/), [], 'wrap the literal in l10n.t');
    assert.deepEqual(offending(/\bshow(Information|Warning|Error)Message\(\s*['"`]/), [], 'notifications take forNotification(l10n.t(…))');
    assert.deepEqual(offending(/\bl10n\.t\(\s*`[^`]*\$\{/), [], 'l10n.t takes {0} placeholders, not template substitutions');
  });
});
