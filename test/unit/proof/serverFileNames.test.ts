// File names and member names from the server: whatever the server calls a file, the local name
// stays in its folder, opens the file it names on every OS, and reads as what it is; server
// member names never hit a property every object inherits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAgent, parseRunFiles } from '../../../src/core/api/wire';
import { UNKNOWN_STATUS_NAME_CODE } from '../../../src/core/api/model';
import { parseRunStatus } from '../../../src/core/api/wireValues';
import { diagnosticsMarkdown } from '../../../src/core/failures/diagnosticsMarkdown';
import { isTextFile, languageOf, MAX_FILE_NAME_BYTES, MAX_FILE_NAME_CHARS, safeFileName } from '../../../src/core/tree/fileKinds';
import { presentNode } from '../../../src/core/tree/presentation';
import { NodeId } from '../../../src/core/tree/nodes';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** What must hold of every local name, whatever the server sent. */
function assertSafe(local: string, from: string): void {
  const why = `${JSON.stringify(from)} → ${JSON.stringify(local)}`;
  assert.ok(local.length > 0 && local.length <= MAX_FILE_NAME_CHARS, why);
  // File systems count bytes (255 on ext4); the margin is for " (n)" and the part-file suffix.
  assert.ok(Buffer.byteLength(local, 'utf8') <= MAX_FILE_NAME_BYTES, `longer than ${MAX_FILE_NAME_BYTES} UTF-8 bytes: ${why}`);
  assert.ok(!/[/\\<>:"|?*]/.test(local), `separator or reserved character: ${why}`);
  assert.ok(!CONTROL_OR_BIDI.test(local), `control or bidi character: ${why}`);
  assert.ok(!/^[.\s]/.test(local) && !/[.\s]$/.test(local), `leading/trailing dot or space: ${why}`);
  assert.ok(local !== '.' && local !== '..', why);
  assert.ok(!WINDOWS_RESERVED.test(local.split('.')[0].trimEnd()), `Windows device name: ${why}`);
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(local), `half a surrogate pair: ${why}`);
}

suite('Proof: file and member names from the server', () => {
  test('Windows device names, trailing dots and spaces, bidi and control characters, separators, ..', () => {
    const cases: Array<[string, string]> = [
      ['CON', '_CON'],
      ['nul.csv', '_nul.csv'],
      ['Com1.TXT', '_Com1.TXT'],
      ['lpt¹.log', '_lpt¹.log'],
      ['AUX .json', '_AUX .json'],
      ['console.csv', 'console.csv'],
      ['report.csv.', 'report.csv'],
      ['report.csv . .', 'report.csv'],
      ['invoice\u202Etxt.exe', 'invoice_txt.exe'],
      ['a\u0000b\u001bc\u200bd.csv', 'a_b_c_d.csv'],
      ['../../etc/passwd', '_.._etc_passwd'],
      ['..\\..\\Windows\\win.ini', '_.._Windows_win.ini'],
      ['..', 'file-9'],
      [' . ', 'file-9'],
      ['C:evil.csv', 'C_evil.csv'],
    ];
    for (const [from, expected] of cases) {
      const local = safeFileName(from, 'file-9');
      assert.equal(local, expected, JSON.stringify(from));
      assertSafe(local, from);
    }
  });

  test('a long name keeps its extension and never splits a surrogate pair', () => {
    const local = safeFileName(`${'😀'.repeat(100)}.csv`, 'f');
    assert.ok(local.endsWith('.csv') && local.length <= MAX_FILE_NAME_CHARS, local);
    assertSafe(local, 'emoji');
    assert.equal(isTextFile(local), true);
  });

  test('property: any name the server sends becomes a safe local name', () => {
    const pieces = fc.constantFrom('CON', 'nul', 'com1', 'LPT9', '.', '..', ' ', '/', '\\', ':', '\u202e', '\u2066', '\u200f', '\u0000', '\u007f', '\u0085', '\ufeff', 'a', 'report', '.csv', '😀', '\ud800', 'é', 'e\u0301');
    const nameArb = fc.oneof(fc.string({ maxLength: 300 }), fc.array(pieces, { maxLength: 80 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(nameArb, (name) => assertSafe(safeFileName(name, 'file-1'), name)),
      { numRuns: 3000 },
    );
  });

  test('the tree label is the local name: what is shown is what is saved', () => {
    const [file] = parseRunFiles([{ id: 5, name: 'summary\u202Evsc.exe', fileSize: 10 }], 'files');
    assert.ok(file);
    const view = presentNode({ kind: 'file', id: NodeId.file('d', 1, 2, 5), envId: 'd', agentId: 1, runId: 2, file }, { now: 0, locale: 'en-US' });
    assert.equal(view.label, safeFileName(file.name, 'x'));
    assert.ok(!CONTROL_OR_BIDI.test(view.label));
  });

  test('names that are also members of every object are data, not inherited properties', () => {
    // isTextFile/languageOf looked the extension up with `in` / []: "constructor" was text, with a function as language.
    assert.equal(isTextFile('x.constructor'), false);
    assert.equal(languageOf('x.constructor'), 'plaintext');
    assert.equal(languageOf('x.__proto__'), 'plaintext');
    // A status called "Constructor" is an unknown status, not Object.
    assert.deepEqual(parseRunStatus('Constructor'), { code: UNKNOWN_STATUS_NAME_CODE, name: 'Constructor' });
    // A stat called "constructor" is shown by its name, not as "function Object() { [native code] }".
    const markdown = diagnosticsMarkdown({ stats: { constructor: 3 } as Record<string, number>, possibleCauses: [], suggestedActions: [] }, { agentId: 1, locale: 'en-US' });
    assert.ok(!markdown.includes('native code'), markdown);
    // An input parameter called "__proto__" is kept (assignment to a plain object dropped it).
    const agent = parseAgent({ id: 1, name: 'A', inputParameters: '{"__proto__":"x","url":"u"}' }, 'agent');
    assert.deepEqual(Object.entries(agent.inputParameters ?? {}), [['__proto__', 'x'], ['url', 'u']]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
