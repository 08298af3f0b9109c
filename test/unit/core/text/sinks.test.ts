import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { forIconLabel, forNotification, forPlain, forPrompt, withIcon, type SinkOptions } from '../../../../src/core/text/sinks';
import { HOSTILE_CORPUS, LONG_CORPUS } from '../../../support/hostileCorpus';
import { linkedTextLinks, renderedIcons } from '../../../support/vscodeGrammar';

// C0 (but tab and newline), DEL, C1, ANSI ESC, bidi marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

interface Sink {
  name: string;
  show(value: string, options?: SinkOptions): string;
  /** The sink renders linkedText links. */
  links: boolean;
  /** The sink renders `$(icon)`. */
  icons: boolean;
  cap: number;
}

const SINKS: readonly Sink[] = [
  { name: 'notification (message, detail, progress)', show: forNotification, links: true, icons: false, cap: 600 },
  { name: 'notification, multi-line detail', show: (v, o) => forNotification(v, { ...o, multiline: true }), links: true, icons: false, cap: 600 },
  { name: 'input box prompt / validation', show: forPrompt, links: true, icons: true, cap: 300 },
  { name: 'quick pick, status bar, CodeLens title', show: forIconLabel, links: false, icons: true, cap: 200 },
  { name: 'plain (tree label, placeholder, diagnostic)', show: forPlain, links: false, icons: false, cap: 200 },
  { name: 'plain, multi-line (diagnostic message)', show: (v, o) => forPlain(v, { ...o, multiline: true }), links: false, icons: false, cap: 200 },
];

/** Letters and digits in order: what a person must still be able to read after neutralising. */
function words(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

function assertInert(sink: Sink, input: string, output: string): void {
  const where = `${sink.name} for ${JSON.stringify(input.slice(0, 80))} → ${JSON.stringify(output.slice(0, 120))}`;
  assert.doesNotMatch(output, CONTROL_OR_BIDI, `control or bidi character left: ${where}`);
  assert.ok(output.length <= sink.cap, `longer than ${sink.cap}: ${where}`);
  if (sink.links) {
    assert.deepEqual(linkedTextLinks(output), [], `VS Code would render a link: ${where}`);
    assert.ok(!output.includes(']('), `"](" left touching: ${where}`);
  }
  if (sink.icons) {
    assert.deepEqual(renderedIcons(output), [], `VS Code would render an icon: ${where}`);
    assert.doesNotMatch(output, /(^|[^\\])\$\(/, `an unescaped "$(" left: ${where}`);
  }
}

suite('Sinks: server text never becomes a link, a command or an icon', () => {
  test('negative control: the grammar checks find links and icons in the raw corpus', () => {
    const links = HOSTILE_CORPUS.flatMap(linkedTextLinks);
    const icons = HOSTILE_CORPUS.flatMap(renderedIcons);
    assert.ok(links.some((link) => link.includes('command:sequentum.killRun')), 'the killRun link is found');
    assert.ok(links.some((link) => link.startsWith('[details](COMMAND:')), 'scheme matching is case-insensitive');
    assert.ok(links.some((link) => link.includes('"Click me"')), 'a titled link is found');
    assert.ok(icons.includes('warning') && icons.includes('sync~spin'), `icons found: ${icons.join(', ')}`);
    assert.ok(!icons.includes('alert') || renderedIcons('\\$(alert)').length === 0, 'an escaped icon is not an icon');
    assert.deepEqual(renderedIcons('\\\\$(alert)'), [], 'a backslash before the escape keeps it escaped');
  });

  for (const sink of SINKS) {
    test(`${sink.name}: every hostile string is inert and still readable`, () => {
      for (const input of HOSTILE_CORPUS) {
        const output = sink.show(input);
        assertInert(sink, input, output);
        // Nothing a person needs is dropped: every letter and digit is still there, in order (up to a cut).
        // eslint-disable-next-line no-control-regex
        const readable = words(input.replace(/\u001b\[[0-9;]*m/g, ''));
        const shown = words(output);
        if (output.endsWith('…')) assert.ok(readable.startsWith(shown), `${sink.name} dropped text from ${JSON.stringify(input)}`);
        else assert.equal(shown, readable, `${sink.name} dropped text from ${JSON.stringify(input)}`);
      }
    });

    test(`${sink.name}: very long text is capped (with "…") and neutralised`, () => {
      for (const input of LONG_CORPUS) {
        const output = sink.show(input);
        assertInert(sink, input.slice(0, 40), output);
        if (words(input).length > sink.cap) assert.ok(output.endsWith('…'), `${sink.name}: the cut is marked`);
      }
      assert.ok(sink.show('x'.repeat(5000), { maxLength: 50 }).length <= 50);
    });

    test(`${sink.name}: random mixes of link, icon and control syntax are inert`, () => {
      const token = fc.constantFrom('[', ']', '(', ')', '\\', '$', '$(', '](', 'command:x', 'https://e.x', 'file:/a', '"t"', "'t'", ' ', '\n', '\t', '~', 'spin', 'a', '9', '-', '\u202e', '\u001b[1m', '<', '>', '&');
      fc.assert(
        fc.property(fc.array(token, { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (tokens, maxLength) => {
          const input = tokens.join('');
          assertInert(sink, input, sink.show(input));
          assert.ok(sink.show(input, { maxLength }).length <= maxLength);
        }),
        { numRuns: 400 },
      );
    });
  }

  test('each sink changes only its own grammar: no stray backslashes or spaces elsewhere', () => {
    assert.equal(forNotification('Costs $(5) — [a] (b)'), 'Costs $(5) — [a] (b)', 'notifications render no icons');
    assert.equal(forNotification('[Open](command:x)'), '[Open] (command:x)');
    assert.equal(forIconLabel('[Open](command:x)'), '[Open](command:x)', 'quick picks render no links');
    assert.equal(forIconLabel('$(warning) Prices'), '\\$(warning) Prices');
    assert.equal(forPrompt('$(key) [Docs](https://x.example)'), '\\$(key) [Docs] (https://x.example)');
    assert.equal(forPlain('$(x) [a](command:b)'), '$(x) [a](command:b)', 'plain sinks show text as typed');
  });

  test('an escape already in server text stays visible (VS Code reads "\\\\$(x)" as a backslash and a literal)', () => {
    assert.equal(forIconLabel('\\$(x)'), '\\\\$(x)');
  });

  test('whitespace: one line collapses, multi-line keeps paragraphs (at most one blank line)', () => {
    assert.equal(forNotification('  a\n\n b\tc  '), 'a b c');
    assert.equal(forNotification('a\r\n\r\n\r\n\r\nb  c\n', { multiline: true }), 'a\n\nb c');
    assert.equal(forPlain(null), '');
    assert.equal(forPlain(undefined), '');
    assert.equal(forPlain(4711), '4711');
  });

  test('withIcon puts one of our icons before a neutralised label; a bad icon id is a bug', () => {
    assert.equal(withIcon('play', forIconLabel('Start $(x)')), '$(play) Start \\$(x)');
    assert.equal(withIcon('sync~spin', forIconLabel('')), '$(sync~spin)');
    assert.deepEqual(renderedIcons(withIcon('debug-stop', forIconLabel('$(a)'))), ['debug-stop', 'debug-stop']);
    assert.throws(() => withIcon('play) [x](command:y', forIconLabel('a')), /Not a codicon id/);
  });
});
