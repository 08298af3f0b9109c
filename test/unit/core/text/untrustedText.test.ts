import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { escapeMarkdownBlock, escapeMarkdownInline, plainText, stripControl } from '../../../../src/core/text/untrustedText';

// markdown-it (a devDependency) renders what an escaped string becomes, with every
// dangerous feature switched ON (HTML, linkify), so the assertions hold for stricter renderers too.
interface MarkdownIt {
  render(source: string): string;
}
const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => MarkdownIt;
const renderer = markdownIt({ html: true, linkify: true });

const HOSTILE = [
  '[Open terminal](command:workbench.action.terminal.new)',
  '<img src=x onerror="alert(1)"> <script>alert(2)</script>',
  'see https://evil.example/steal?k=1 and www.evil.example',
  '![pixel](https://evil.example/p.png)',
  '&lt;b&gt;entity&lt;/b&gt; &#x3C;i&#x3E;',
  '<https://evil.example>',
  '[ref]: https://evil.example\n[x][ref]',
  '# heading\n---\n* item\n1. one\n    code',
];

suite('untrustedText', () => {
  test('escaped inline text renders as plain text: no links, images, HTML or command links', () => {
    for (const text of HOSTILE) {
      const html = renderer.render(escapeMarkdownInline(text));
      assert.doesNotMatch(html, /<(a|img|script|h1|hr|ul|ol|li|pre|code|b|i)\b/i, `for ${JSON.stringify(text)}: ${html}`);
    }
  });

  test('escaped block text keeps line breaks but forms no structure', () => {
    for (const text of HOSTILE) {
      const html = renderer.render(escapeMarkdownBlock(text));
      assert.doesNotMatch(html, /<(a|img|script|h1|hr|ul|ol|li|pre|code|b|i)\b/i, `for ${JSON.stringify(text)}: ${html}`);
    }
    assert.match(renderer.render(escapeMarkdownBlock('line one\nline two')), /line one<br>\s*line two/);
  });

  test('the visible text is preserved', () => {
    const html = renderer.render(escapeMarkdownInline('a_b *c* [d](e)'));
    assert.equal(html.trim(), '<p>a_b *c* [d](e)</p>');
  });

  test('theme-icon syntax is escaped', () => {
    assert.equal(escapeMarkdownInline('$(alert) x'), '\\$\\(alert\\) x');
  });

  test('ANSI sequences, control and bidi characters are removed', () => {
    assert.equal(stripControl('\u001b[31mred\u001b[0m \u0007bell\u0000 \u202eevil\u202c'), 'red bell evil');
    assert.equal(stripControl('a\r\nb\tc'), 'a\nb\tc');
  });

  test('plainText collapses whitespace and caps the length', () => {
    assert.equal(plainText('  a \n\n b  '), 'a b');
    assert.equal(plainText('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
    assert.equal(plainText(undefined), '');
  });
});
