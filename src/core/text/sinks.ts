import { stripControl } from './untrustedText';

/**
 * One function per kind of place VS Code shows text (a "sink"), each neutralising exactly the
 * grammar that sink renders, and a branded string type per sink that only these functions make.
 * The VS Code adapters accept only the branded types, so text that skipped its neutraliser is a
 * type error rather than a link, a command, HTML or an icon chosen by the server.
 *
 * What each sink renders (read from VS Code's workbench sources):
 * - notification messages and progress: `[label](http(s):|command:|file: target)` becomes a link
 *   that runs commands (linkedText); no icons, no Markdown. Modal dialog details: plain text, but
 *   treated like notifications so the two can never differ.
 * - input box prompt and validation message: linkedText links *and* `$(icon)`.
 * - quick pick label/description/detail, quick input title, status bar text, CodeLens title:
 *   `$(icon)` (a backslash before `$(` shows it as typed).
 * - tree label/description, input placeholder, plain-string tooltips, diagnostic messages: plain.
 * - MarkdownString (hovers, tooltips) and Markdown documents: links, autolinks, HTML, entities —
 *   see markdownText.ts. Webviews: HTML — see htmlText.ts.
 * - the "Sequentum" log: one line per entry (`2026-… [level] …`); a line break in server text would
 *   forge an entry that reads as ours, an ANSI escape would colour what follows. Here control
 *   characters are shown escaped rather than removed: the log is where support reads what came.
 *
 * Every function also removes control and bidi characters (so text cannot disguise what a person
 * reads) and caps the length (so one field cannot flood the UI).
 */
declare const sink: unique symbol;
type SinkText<Kind extends string> = string & { readonly [sink]: Kind };

/** Notification message or modal detail, progress title or message. */
export type NotificationText = SinkText<'notification'>;
/** Input box prompt or validation message. */
export type PromptText = SinkText<'prompt'>;
/** A label that renders `$(icon)`: quick pick items and titles, status bar text, CodeLens titles. */
export type IconLabelText = SinkText<'iconLabel'>;
/** Text shown as typed: tree labels, placeholders, plain tooltips, diagnostic messages. */
export type PlainText = SinkText<'plain'>;

/** Server text inside a log line: one line, control characters shown escaped (see {@link forLog}). */
export type LogText = SinkText<'log'>;

/** Anything a caller may hand to a sink: server values arrive as strings, numbers or nothing. */
export type SinkInput = string | number | null | undefined;

export interface SinkOptions {
  /** Longest result in characters (an ellipsis marks a cut). */
  maxLength?: number;
  /** Keep line breaks (modal details, diagnostics); otherwise all whitespace collapses to one space. */
  multiline?: boolean;
}

/** VS Code turns `[label](target)` into a link only when `]` and `(` touch: a space keeps both visible. */
function breakLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/**
 * A backslash before `$(` makes VS Code show it as typed. Every `$(` is escaped, whatever follows:
 * names VS Code may accept in later versions are covered too. A backslash already in the text
 * stays visible (`\$(x)` → `\\$(x)`, read as a backslash and an escaped `$(x)`).
 */
export function escapeIconSyntax(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Control- and bidi-free text with whitespace normalised, passed through the sink's `neutralise`,
 * then capped. The cap comes last so the result is never longer than `maxLength`; cutting a suffix
 * cannot make a link or an icon (both need their closing characters).
 */
function sinkText(value: SinkInput, defaults: Required<SinkOptions>, options: SinkOptions, neutralise: (text: string) => string): string {
  if (value === undefined || value === null) return '';
  const { maxLength, multiline } = { ...defaults, ...options };
  // Work on a bounded prefix: a megabyte of text costs no more than a few hundred characters.
  const raw = String(value);
  const bound = maxLength * 4 + 64;
  const preCut = raw.length > bound;
  let text = stripControl(preCut ? raw.slice(0, bound) : raw);
  text = multiline
    ? text
        .split('\n')
        .map((line) => line.replace(/[^\S\n]+/g, ' ').trimEnd())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  text = neutralise(text);
  if (text.length > (preCut ? maxLength - 1 : maxLength)) return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
  return preCut ? `${text}…` : text;
}

/** VS Code cuts notification messages at 1000 characters; ours stay shorter and say so with "…". */
const NOTIFICATION_DEFAULTS: Required<SinkOptions> = { maxLength: 600, multiline: false };
const PROMPT_DEFAULTS: Required<SinkOptions> = { maxLength: 300, multiline: false };
const LABEL_DEFAULTS: Required<SinkOptions> = { maxLength: 200, multiline: false };
const PLAIN_DEFAULTS: Required<SinkOptions> = { maxLength: 200, multiline: false };

/** For a notification message or detail, a progress title or message: no link can form. */
export function forNotification(value: SinkInput, options: SinkOptions = {}): NotificationText {
  return sinkText(value, NOTIFICATION_DEFAULTS, options, breakLinks) as NotificationText;
}

/** For an input box prompt or validation message: no link, no icon. */
export function forPrompt(value: SinkInput, options: SinkOptions = {}): PromptText {
  return sinkText(value, PROMPT_DEFAULTS, options, (text) => escapeIconSyntax(breakLinks(text))) as PromptText;
}

/** For a quick pick label/description/detail or title, status bar text, CodeLens title: no icon. */
export function forIconLabel(value: SinkInput, options: SinkOptions = {}): IconLabelText {
  return sinkText(value, LABEL_DEFAULTS, options, escapeIconSyntax) as IconLabelText;
}

/** For a tree label or description, a placeholder, a plain tooltip, a diagnostic message. */
export function forPlain(value: SinkInput, options: SinkOptions = {}): PlainText {
  return sinkText(value, PLAIN_DEFAULTS, options, (text) => text) as PlainText;
}

/**
 * Joins labels with our separator. Safe without a second escape: the separator starts and ends
 * with a space, so no `$(` can form across a boundary.
 */
export function joinIconLabels(parts: readonly IconLabelText[], separator: ' · ' | ' '): IconLabelText {
  return parts.filter((part) => part.length > 0).join(separator) as IconLabelText;
}

/** Names of icons we choose ourselves (codicon ids, optionally with a `~spin` style modifier). */
const ICON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:~[a-z]+)?$/;

/**
 * Puts one of our own icons before a neutralised label, e.g. `withIcon('play', forIconLabel(…))`.
 * The icon id is ours (a literal in code); an id outside the codicon grammar is a bug and throws.
 */
export function withIcon(iconId: string, label?: IconLabelText): IconLabelText {
  // A bug in our code (the id is a literal), never shown to a user: English, for the log and a bug report.
  if (!ICON_ID.test(iconId)) throw new Error(`Not a codicon id: ${JSON.stringify(iconId)}`);
  return (label ? `$(${iconId}) ${label}` : `$(${iconId})`) as IconLabelText;
}

/** Server characters of a log line kept at most (the escaped text may be longer: `\u001b` is 6). */
const LOG_MAX_LENGTH = 2000;
// C0 (tab and line breaks too), DEL, C1, bidi marks/embeddings/overrides/isolates, and the Unicode
// line and paragraph separators (editors break lines there).
// eslint-disable-next-line no-control-regex
const LOG_ESCAPED = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LOG_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * For server text inside a log line (problem titles and details, run messages, file names): one
 * line, every control character shown escaped (`\n`, `\r`, `\t`, `\u001b`), cut after `maxLength`
 * characters with a note saying how many more there were. Backslashes stay as they are (Windows
 * paths read as typed): an escaped `\n` can at worst be confused with a typed one, never break a line.
 */
export function forLog(value: SinkInput, options: { maxLength?: number } = {}): LogText {
  if (value === undefined || value === null) return '' as LogText;
  const raw = String(value);
  const maxLength = options.maxLength ?? LOG_MAX_LENGTH;
  const kept = raw.length > maxLength ? raw.slice(0, maxLength) : raw;
  const escaped = kept.replace(LOG_ESCAPED, (char) => LOG_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return (raw.length > maxLength ? `${escaped}… (${raw.length - maxLength} more characters)` : escaped) as LogText;
}

/** A stack's frame lines (`    at f (file:1:2)`): ours, kept as they are. */
const STACK_FRAME = /^\s+at /;

/**
 * An argument of a log call as the log may show it: an Error's name and message (which carry
 * server text: a problem's title and detail) through {@link forLog}, its stack frames kept as they
 * are (a multi-line trace is ours); a string through {@link forLog}; anything else as it is (VS Code
 * writes objects as JSON, which escapes control characters itself).
 */
export function forLogArgument(arg: unknown): unknown {
  if (typeof arg === 'string') return forLog(arg);
  if (!(arg instanceof Error)) return arg;
  const safe = new Error(forLog(arg.message));
  safe.name = forLog(arg.name);
  const frames = linesAfterHeader(arg).filter((line) => STACK_FRAME.test(line));
  safe.stack = [safe.message ? `${safe.name}: ${safe.message}` : safe.name, ...frames].join('\n');
  return safe;
}

/**
 * The stack's lines after its header (`name: message`). A server message may itself hold lines
 * that look like frames (`\n    at …`): read from the whole stack, they would be kept unescaped.
 */
function linesAfterHeader(error: Error): string[] {
  const stack = error.stack ?? '';
  const at = error.message ? stack.indexOf(error.message) : -1;
  if (at >= 0) return stack.slice(at + error.message.length).split('\n');
  // The message was changed after the stack was taken: skip as many lines as the message has.
  return stack.split('\n').slice(1 + (error.message.match(/\n/g)?.length ?? 0));
}
