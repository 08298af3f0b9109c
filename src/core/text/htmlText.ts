import { stripControl } from './untrustedText';
import type { SinkInput } from './sinks';

/*
 * Both directions of HTML and server text live here: writing it (forHtml, html, joinHtml: server
 * text escaped into HTML for a webview) and reading it (htmlToText, htmlTitle: plain text out of an
 * HTML error page).
 */

/**
 * HTML for a webview. Only this module makes it: server text is entity-escaped (`& < > " '`), so it
 * can be neither markup nor leave an attribute value; only HTML written in our code stays HTML.
 * Webviews still set a Content-Security-Policy without inline scripts: escaping is one layer.
 */
declare const htmlSink: unique symbol;
export type HtmlText = string & { readonly [htmlSink]: 'html' };

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Server text as HTML text content or a quoted attribute value. */
export function forHtml(value: SinkInput, maxLength = 20_000): HtmlText {
  if (value === undefined || value === null) return '' as HtmlText;
  let text = stripControl(String(value));
  if (text.length > maxLength) text = `${text.slice(0, maxLength - 1)}…`;
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]) as HtmlText;
}

/** A tagged template: literal parts are our HTML, every `${…}` value is escaped with {@link forHtml}. */
export function html(literals: TemplateStringsArray, ...values: readonly SinkInput[]): HtmlText {
  let result = literals[0];
  values.forEach((value, index) => {
    result += forHtml(value) + literals[index + 1];
  });
  return result as HtmlText;
}

/** Joins HTML pieces built with {@link html}. */
export function joinHtml(parts: readonly HtmlText[], separator: '' | '\n' = ''): HtmlText {
  return parts.join(separator) as HtmlText;
}

/*
 * Plain text out of an HTML error page (a proxy's 502, a captive portal) — in time linear in the
 * page's length, whatever it holds. The obvious regular expressions (`<!--[\s\S]*?-->`,
 * `<[^>]+>`, `<script\b[\s\S]*?<\/script\s*>`) rescan the rest of the page from every opener that
 * is never closed, so 64 KB of `<` or `<!--` took seconds. Each pass here is a forward scan with the
 * same meaning as those expressions (a property test checks them against each other on small
 * inputs), and no position is looked at more than a fixed number of times.
 */

/** Elements whose content is code or metadata, never message text. */
const SKIPPED_ELEMENTS = ['script', 'style', 'head'] as const;

/** Drops comments, scripts, styles, `<head>` and tags; decodes common entities; collapses whitespace. */
export function htmlToText(page: string): string {
  const withoutCode = stripTags(stripSkippedElements(stripComments(page)));
  return decodeEntities(withoutCode).replace(/\s+/g, ' ').trim();
}

/**
 * The text of the first `<title…>…</title>` (as `/<title[^>]*>([\s\S]*?)<\/title>/i` finds it),
 * entities decoded and trimmed; undefined when there is none.
 */
export function htmlTitle(page: string): string | undefined {
  const open = indexOfIgnoringCase(page, '<title', 0);
  if (open < 0) return undefined;
  const openEnd = page.indexOf('>', open + 6);
  if (openEnd < 0) return undefined;
  // A later `<title` has its `>` and its closing tag further on: if this one has no closing tag, none has.
  const close = indexOfIgnoringCase(page, '</title>', openEnd + 1);
  return close < 0 ? undefined : decodeEntities(page.slice(openEnd + 1, close)).trim();
}

/** `&amp;`, `&#39;`, `&#x27;` and a few more named entities; anything else stays as written. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  // Linear: every `&` scans only the run of letters or digits after it, and runs do not overlap.
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : match;
    }
    const name = entity.toLowerCase();
    return Object.hasOwn(named, name) ? named[name] : match;
  });
}

/** `<!--[\s\S]*?-->` → ' ': each comment ends at the first `-->` after its opener. */
function stripComments(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    // No `-->` after this opener means none after any later one either.
    if (close < 0) break;
    parts.push(text.slice(from, open), ' ');
    from = close + 3;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * `<(script|style|head)\b[\s\S]*?<\/\1\s*>` (case-insensitive) → ' '. The search for each
 * element's closing tag only moves forward; once an element has no closing tag left, later
 * openers of it are plain text to the next pass.
 */
function stripSkippedElements(text: string): string {
  // Per element: the first closing tag found at or after `searchedFrom` (undefined: there is none).
  // Openers come in increasing order, so an answer stays valid until an opener lies beyond it.
  const found = new Map<string, { searchedFrom: number; close: { start: number; end: number } | undefined }>();
  const closingTag = (name: string, from: number): { start: number; end: number } | undefined => {
    const known = found.get(name);
    if (known && known.searchedFrom <= from && (known.close === undefined || known.close.start >= from)) return known.close;
    const close = findClosingTag(text, name, from);
    found.set(name, { searchedFrom: from, close });
    return close;
  };
  const dead = new Set<string>();
  const parts: string[] = [];
  let copied = 0;
  let position = text.indexOf('<');
  while (position >= 0 && dead.size < SKIPPED_ELEMENTS.length) {
    const name = SKIPPED_ELEMENTS.find((candidate) => !dead.has(candidate) && startsWithIgnoringCase(text, position + 1, candidate) && !isWordChar(text.charCodeAt(position + 1 + candidate.length)));
    if (name) {
      const close = closingTag(name, position + 1 + name.length);
      if (close) {
        parts.push(text.slice(copied, position), ' ');
        copied = close.end;
        position = text.indexOf('<', close.end);
        continue;
      }
      dead.add(name);
    }
    position = text.indexOf('<', position + 1);
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The first `</name\s*>` at or after `from` (name case-insensitive). */
function findClosingTag(text: string, name: string, from: number): { start: number; end: number } | undefined {
  let candidate = text.indexOf('</', from);
  while (candidate >= 0) {
    if (startsWithIgnoringCase(text, candidate + 2, name)) {
      let end = candidate + 2 + name.length;
      while (end < text.length && /\s/.test(text[end])) end++;
      if (text[end] === '>') return { start: candidate, end: end + 1 };
      // The whitespace just skipped holds no `</`: continue after it.
      candidate = text.indexOf('</', end);
    } else {
      candidate = text.indexOf('</', candidate + 1);
    }
  }
  return undefined;
}

/** `<[^>]+>` → ' ': a `<` up to the next `>`, when at least one other character lies between. */
function stripTags(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let open = text.indexOf('<');
  while (open >= 0) {
    const close = text.indexOf('>', open + 1);
    // No `>` after this `<` means none after any later one.
    if (close < 0) break;
    if (close === open + 1) {
      open = text.indexOf('<', open + 1);
      continue;
    }
    parts.push(text.slice(copied, open), ' ');
    copied = close + 1;
    open = text.indexOf('<', close + 1);
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

function startsWithIgnoringCase(text: string, at: number, lowerAscii: string): boolean {
  if (at + lowerAscii.length > text.length) return false;
  for (let k = 0; k < lowerAscii.length; k++) {
    const code = text.charCodeAt(at + k);
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if (lower !== lowerAscii.charCodeAt(k)) return false;
  }
  return true;
}

function indexOfIgnoringCase(text: string, lowerAscii: string, from: number): number {
  // Candidates start with `<` (both needles do): jump between them with indexOf.
  for (let at = text.indexOf(lowerAscii[0], from); at >= 0; at = text.indexOf(lowerAscii[0], at + 1)) {
    if (startsWithIgnoringCase(text, at, lowerAscii)) return at;
  }
  return -1;
}

/** `\w` without the `u` flag: ASCII letters, digits and `_` (NaN past the end is not one). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
