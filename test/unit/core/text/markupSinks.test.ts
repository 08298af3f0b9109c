import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fc from 'fast-check';
import { forHtml, html, joinHtml } from '../../../../src/core/text/htmlText';
import { joinMarkdown, markdown, markdownBlock, markdownInline } from '../../../../src/core/text/markdownText';
import { HOSTILE_CORPUS, LONG_CORPUS } from '../../../support/hostileCorpus';

// markdown-it renders with every dangerous feature ON (raw HTML, linkify), so what holds here holds
// for VS Code's stricter MarkdownString rendering (untrusted, no HTML) too.
interface MarkdownIt {
  render(source: string): string;
}
const renderer = (createRequire(__filename)('markdown-it') as (options: object) => MarkdownIt)({ html: true, linkify: true });

/** Tags escaped server text may produce: paragraphs and (in blocks) hard line breaks. Nothing else. */
function unexpectedTags(rendered: string, allowed: readonly string[]): string[] {
  return [...rendered.matchAll(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi)].map((match) => match[1].toLowerCase()).filter((tag) => !allowed.includes(tag));
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
}

suite('Markup sinks: server text in Markdown and HTML is text', () => {
  test('negative control: the raw corpus does render links, images and HTML', () => {
    const tags = HOSTILE_CORPUS.flatMap((text) => unexpectedTags(renderer.render(text), ['p', 'br']));
    for (const tag of ['a', 'img', 'script', 'h1', 'code']) assert.ok(tags.includes(tag), `raw corpus renders <${tag}>`);
  });

  test('markdownInline and markdownBlock: no link, autolink, image, HTML or structure from any hostile string', () => {
    for (const text of [...HOSTILE_CORPUS, ...LONG_CORPUS.map((long) => long.slice(0, 5000))]) {
      assert.deepEqual(unexpectedTags(renderer.render(markdownInline(text)), ['p']), [], `inline ${JSON.stringify(text.slice(0, 80))}`);
      assert.deepEqual(unexpectedTags(renderer.render(markdownBlock(text)), ['p', 'br']), [], `block ${JSON.stringify(text.slice(0, 80))}`);
    }
  });

  test('random mixes of Markdown syntax stay text', () => {
    const token = fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '*', '_', '`', '#', '-', '\\', '&', ';', 'a', ' ', '\n', 'https://e.x', 'www.e.x', 'a@b.cd', 'command:x', '$(x)', '|', '~', '    ');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 50 }), (tokens) => {
        const text = tokens.join('');
        assert.deepEqual(unexpectedTags(renderer.render(markdownInline(text)), ['p']), []);
        assert.deepEqual(unexpectedTags(renderer.render(markdownBlock(text)), ['p', 'br']), []);
      }),
      { numRuns: 400 },
    );
  });

  test('the markdown tag keeps our Markdown and escapes every value', () => {
    const doc = markdown`**${'Status'}:** ${'[Kill](command:sequentum.killRun)'} — ${42}`;
    const rendered = renderer.render(doc);
    assert.match(rendered, /<strong>Status:<\/strong>/);
    assert.deepEqual(unexpectedTags(rendered, ['p', 'strong']), []);
    assert.match(rendered, /\[Kill\]\(command:sequentum\.killRun\)/, 'shown as typed');
    const joined = joinMarkdown([markdown`### ${'<b>x</b>'}`, markdownBlock('a\nb')], '\n\n');
    assert.deepEqual(unexpectedTags(renderer.render(joined), ['p', 'br', 'h3']), []);
  });

  test('forHtml / html: markup and attribute breakouts become text; decoding gives the text back', () => {
    for (const text of HOSTILE_CORPUS) {
      const escaped = forHtml(text);
      assert.doesNotMatch(escaped, /[<>"']/, JSON.stringify(text));
      // eslint-disable-next-line no-control-regex
      assert.equal(decodeEntities(escaped), text.replace(/\r\n?/g, '\n').replace(/\u001b\[[0-9;]*m/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''));
    }
    const page = html`<p title="${'" onmouseover="alert(1)'}">${'<script>x</script>'}</p>`;
    assert.equal(page, '<p title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;x&lt;/script&gt;</p>');
    assert.equal(joinHtml([html`<li>${'a&b'}</li>`, html`<li>${2}</li>`]), '<li>a&amp;b</li><li>2</li>');
    assert.ok(forHtml('x'.repeat(50_000)).length <= 20_000);
  });
});
