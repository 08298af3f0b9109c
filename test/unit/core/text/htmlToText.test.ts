import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeEntities, htmlTitle, htmlToText } from '../../../../src/core/text/htmlText';

/** The regular expressions htmlText.ts replaces (quadratic on unclosed openers): the oracle for its meaning. */
const regexReference = {
  text(html: string): string {
    const withoutCode = html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');
    return decodeEntities(withoutCode).replace(/\s+/g, ' ').trim();
  },
  title(html: string): string | undefined {
    const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
    return raw === undefined ? undefined : decodeEntities(raw).trim();
  },
};

/** Pieces that open, close and nest the constructs in every combination (and in both cases). */
const TOKENS = [
  '<', '>', '<>', '</', '<!--', '-->', '--', '!', '-', '<script', '<SCRIPT', '</script>', '</Script >', '</script', '<style>', '</style\n>', '<head', '</head>',
  '<title>', '<TITLE x>', '</title>', '</TiTlE>', '<p>', '</p>', '<scripts>', '<script_', ' ', '\t', '\n', 'a', 'x', '&amp;', '&#65;', '&#x4a;', '&', ';', '#', 'é', '\u00a0',
];
const htmlArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));

suite('HTML to text (linear)', () => {
  test('a proxy error page', () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><!-- x --><hr><center>nginx</center></body></html>';
    assert.equal(htmlToText(page), '502 Bad Gateway nginx');
    assert.equal(htmlTitle(page), '502 Bad Gateway');
  });

  test('property: the same text and title as the regular expressions it replaces', () => {
    fc.assert(
      fc.property(htmlArb, (html) => {
        assert.equal(htmlToText(html), regexReference.text(html), JSON.stringify(html));
        assert.equal(htmlTitle(html), regexReference.title(html), JSON.stringify(html));
      }),
      { numRuns: 5000 },
    );
  });

  test('unclosed openers of every kind are kept as text, not lost', () => {
    assert.equal(htmlToText('a <!-- b'), 'a <!-- b');
    assert.equal(htmlToText('a <script> b'), 'a b');
    assert.equal(htmlToText('a < b'), 'a < b');
    assert.equal(htmlTitle('<title>never closed'), undefined);
  });
});
