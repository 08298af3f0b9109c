import { stripControl } from './untrustedText';
import type { SinkInput } from './sinks';

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
