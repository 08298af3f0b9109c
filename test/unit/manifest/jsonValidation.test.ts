// Which documents our JSON schemas apply to. VS Code's JSON extension turns each jsonValidation
// fileMatch into a glob as follows (json-language-features 1.9x: client getSchemaAssociations, then
// the language service's FilePatternAssociation): a pattern that does not start with `scheme://`, `/`
// or `!` gets a leading `/`; the service drops one leading `/`, prefixes `**/` and matches the
// glob against the whole document URI (`file:///…`, `sequentum:/…`). So a pattern without a scheme
// also matches local files of the same shape.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');

interface JsonValidation {
  fileMatch: string | string[];
  url: string;
}

/** `*` = one path segment's characters, `**` (a whole segment) = any number of segments. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*' && glob[index + 1] === '*' && (glob[index + 2] === '/' || index + 2 === glob.length)) {
      source += '(?:[^/]*(?:/|$))*';
      index += glob[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Whether VS Code's JSON extension applies a jsonValidation entry to a document URI. */
function vscodeAppliesSchema(fileMatch: string, documentUri: string): boolean {
  let pattern = /^(\w+:\/\/|\/|!)/.test(fileMatch) ? fileMatch : `/${fileMatch}`;
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  return globToRegExp(`**/${pattern}`).test(documentUri);
}

suite('jsonValidation: where our schemas apply', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: JsonValidation[] } };
  const scheduleEntry = manifest.contributes.jsonValidation.find((entry) => entry.url.endsWith('sequentum-schedule.schema.json'));

  test('the glob reading matches VS Code for the run-config patterns (a sanity check of the helper)', () => {
    assert.ok(vscodeAppliesSchema('**/*.sequentum.json', 'file:///home/u/project/nightly.sequentum.json'));
    assert.ok(vscodeAppliesSchema('*.sequentum.json', 'file:///home/u/nightly.sequentum.json'));
    assert.ok(!vscodeAppliesSchema('*.sequentum.json', 'file:///home/u/package.json'));
  });

  test('the schedule schema applies to sequentum: schedule documents and not to local files of the same shape', () => {
    assert.ok(scheduleEntry, 'a jsonValidation entry for the schedule schema');
    const patterns = typeof scheduleEntry.fileMatch === 'string' ? [scheduleEntry.fileMatch] : scheduleEntry.fileMatch;
    const applies = (uri: string) => patterns.some((pattern) => vscodeAppliesSchema(pattern, uri));
    assert.ok(applies('sequentum:/default/agents/1031/schedules/7.json'));
    assert.ok(applies('sequentum:/default/agents/1031/schedules/new.json'));
    assert.ok(applies('sequentum:/staging-eu/agents/5/schedules/12.json'));
    for (const local of [
      'file:///home/u/work/agents/1031/schedules/7.json',
      'file:///default/agents/1/schedules/2.json',
      'vscode-userdata:/default/agents/1/schedules/2.json',
      'untitled:/default/agents/1/schedules/2.json',
    ]) assert.ok(!applies(local), local);
  });
});
