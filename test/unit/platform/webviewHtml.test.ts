// The one webview page (src/platform/webview/webviewHtml.ts): its CSP lets only our nonce'd bundle
// run and loads nothing from the network; the title and URIs cannot break out of their places.
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, embeddedJson, INITIAL_DATA_ID, webviewHtml, type WebviewPage } from '../../../src/platform/webview/webviewHtml';

const linked = {
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/table.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/table.css',
};
const page: WebviewPage = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  bundle: linked,
  nonce: 'c2VxdWVudHVtLW5vbmNlLTEyMzQ1Ng==',
  title: 'orders.csv',
  lang: 'en',
};

/** The directives of the page's CSP meta tag, by name. */
function directivesOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'no CSP meta tag');
  return new Map(content.replace(/&#39;/g, "'").split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/);
    return [name, values];
  }));
}

suite('Webview page: CSP and shell', () => {
  test('default-src none; scripts only by nonce; styles, images and fonts only from the webview origin', () => {
    const csp = directivesOf(webviewHtml(page));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${page.nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [page.cspSource]);
    assert.deepEqual(csp.get('img-src'), [page.cspSource, 'data:']);
    assert.deepEqual(csp.get('connect-src'), ["'none'"]);
    assert.deepEqual(csp.get('form-action'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    for (const values of csp.values()) {
      assert.ok(!values.some((value) => /unsafe|^\*$|^https?:$/.test(value)), `a loose source in ${values.join(' ')}`);
    }
  });

  test('exactly one script: the bundle, carrying the nonce; no inline handler anywhere', () => {
    const html = webviewHtml(page);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.deepEqual(scripts, [`<script nonce="${page.nonce}" src="${linked.scriptUri}">`]);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${linked.styleUri.replace(/[.+]/g, '\\$&')}">`));
  });

  test('a title with markup stays text; a quote cannot leave an attribute', () => {
    const html = webviewHtml({ ...page, title: '</title><script>alert(1)</script>', bundle: { ...linked, styleUri: 'x" onload="alert(1)' } });
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.match(html, /href="x&quot; onload=&quot;alert\(1\)"/);
  });

  test('data goes in as JSON no cell can end or escape: one data element the browser never runs, read back equal', () => {
    const data = [{ type: 'page', rows: [['</script><script>alert(1)</script>', '<!--<script>', '</SCRIPT >', 'a & b > c', 'line\u2028break', '\\</script>']] }];
    const html = webviewHtml({ ...page, data });
    const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
    assert.deepEqual(tags, [`<script type="application/json" id="${INITIAL_DATA_ID}">`, `<script nonce="${page.nonce}" src="${linked.scriptUri}">`]);
    assert.equal([...html.matchAll(/<\/script/gi)].length, 2, 'no cell closes an element');
    assert.doesNotMatch(html, /<!--/);
    // What the browser's parser gives the page: the text up to the first `</script`.
    const start = html.indexOf(tags[0]) + tags[0].length;
    const text = html.slice(start, html.toLowerCase().indexOf('</script', start));
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), data);
    assert.equal(embeddedJson(data), text);
  });

  test('a bundle written into the page: its script and stylesheet carry the nonce, which the CSP names for styles too; nothing is loaded', () => {
    const inline = { script: 'document.body.dataset.ran = "yes";', style: '.cell { color: red; }' };
    const html = webviewHtml({ ...page, bundle: inline, data: [{ type: 'init' }] });
    const csp = directivesOf(html);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${page.nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [page.cspSource, `'nonce-${page.nonce}'`]);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), [`<script type="application/json" id="${INITIAL_DATA_ID}">`, `<script nonce="${page.nonce}">`]);
    assert.ok(html.includes(`<script nonce="${page.nonce}">${inline.script}</script>`));
    assert.ok(html.includes(`<style nonce="${page.nonce}">${inline.style}</style>`));
    assert.doesNotMatch(html, /\b(src|href)=/, 'no resource to load');
    // The page linking its files keeps styles to the webview origin alone.
    assert.deepEqual(directivesOf(webviewHtml(page)).get('style-src'), [page.cspSource]);
  });

  test('a bundle that would end its element early is refused, not cut', () => {
    for (const bundle of [
      { script: 'const s = "</script><script>alert(1)";', style: '' },
      { script: 'x = 1; /* </SCRIPT > */', style: '' },
      { script: 'if (a <!--b) {}', style: '' },
      { script: '', style: 'a::after { content: "</style>"; }' },
    ]) {
      assert.throws(() => webviewHtml({ ...page, bundle }), /must not contain/, JSON.stringify(bundle));
    }
  });

  test('without data the page has no data element', () => {
    assert.doesNotMatch(webviewHtml(page), new RegExp(INITIAL_DATA_ID));
  });

  test('a short or quoted nonce is refused (it would weaken or break the policy)', () => {
    assert.throws(() => webviewHtml({ ...page, nonce: 'abc' }), /nonce/);
    assert.throws(() => webviewHtml({ ...page, nonce: "abcdefghijklmnop' 'unsafe-inline" }), /nonce/);
  });

  test('contentSecurityPolicy is what the page carries', () => {
    const html = webviewHtml(page);
    assert.ok(html.includes(contentSecurityPolicy(page.cspSource, page.nonce).replace(/'/g, '&#39;')));
  });
});
