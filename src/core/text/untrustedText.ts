/**
 * Server text (agent names, run messages, diagnostics) is untrusted: it may carry Markdown that
 * turns into links or command links, HTML, ANSI colour codes, control characters or bidi overrides
 * that disguise what a person reads. Everything from the server passes through here before it is
 * shown in a tooltip, a label or a Markdown document.
 */

// CSI / OSC / other ESC sequences as terminals and loggers emit them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// C0 (except tab and newline), DEL, C1, and bidi embedding/override/isolate characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes ANSI escape sequences and control/bidi characters; keeps tabs and line breaks. */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ANSI, '').replace(CONTROL, '');
}

/** One-line plain text for labels and descriptions: control-free, whitespace collapsed, capped. */
export function plainText(value: string | number | null | undefined, maxLength = 200): string {
  if (value === undefined || value === null) return '';
  const text = stripControl(String(value)).replace(/\s+/g, ' ').trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Escapes text for inline Markdown: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows that for all of them), so no emphasis, link, autolink (`https\:`), HTML tag,
 * entity (`\&`), theme icon (`\$(…)`) or command link can form. Line breaks become spaces.
 */
export function escapeMarkdownInline(value: string | number | null | undefined, maxLength = 2000): string {
  return escapePunctuation(plainText(value, maxLength));
}

/**
 * Escapes multi-line text for a Markdown block: like {@link escapeMarkdownInline} but keeps line
 * breaks as hard breaks, and removes leading indentation so no code block or list forms.
 */
export function escapeMarkdownBlock(value: string | number | null | undefined, maxLength = 20000): string {
  if (value === undefined || value === null) return '';
  let text = stripControl(String(value)).trim();
  if (text.length > maxLength) text = `${text.slice(0, maxLength - 1)}…`;
  return text
    .split('\n')
    .map((line) => escapePunctuation(line.replace(/\t/g, ' ').trim()))
    .filter((line, index, lines) => line.length > 0 || (index > 0 && lines[index - 1].length > 0))
    .join('  \n');
}

function escapePunctuation(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}
