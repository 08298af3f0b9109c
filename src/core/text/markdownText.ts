import { escapeMarkdownBlock, escapeMarkdownInline } from './untrustedText';
import type { SinkInput } from './sinks';

/**
 * Markdown source for a MarkdownString (hovers, tree tooltips) or a Markdown document. Only this
 * module makes it: server text is escaped (every ASCII punctuation character backslash-escaped, so
 * no link, autolink, image, HTML tag, entity, emphasis or heading can form from it) and only
 * Markdown written in our code is kept as Markdown. Adapters render it untrusted, without HTML and
 * without theme icons (`supportThemeIcons` would read an escaped `\$\(x\)` as an icon again).
 */
declare const markdownSink: unique symbol;
export type MarkdownText = string & { readonly [markdownSink]: 'markdown' };

/** One line of server text for inline Markdown (line breaks become spaces). */
export function markdownInline(value: SinkInput, maxLength?: number): MarkdownText {
  return escapeMarkdownInline(value, maxLength) as MarkdownText;
}

/** Multi-line server text as a Markdown block: line breaks kept as hard breaks, no indentation. */
export function markdownBlock(value: SinkInput, maxLength?: number): MarkdownText {
  return escapeMarkdownBlock(value, maxLength) as MarkdownText;
}

/**
 * A tagged template whose literal parts are our Markdown and whose every `${…}` value is escaped as
 * inline text. Example: ``markdown`**${l10n.t('Status')}:** ${run.statusName}` `` — neither the
 * status nor a translation can become a link. Compose larger documents with {@link joinMarkdown}.
 */
export function markdown(literals: TemplateStringsArray, ...values: readonly SinkInput[]): MarkdownText {
  let result = literals[0];
  values.forEach((value, index) => {
    result += markdownInline(value) + literals[index + 1];
  });
  return result as MarkdownText;
}

/** Joins Markdown pieces (e.g. lines or paragraphs) with our separator. */
export function joinMarkdown(parts: readonly MarkdownText[], separator: '\n' | '\n\n' | '  \n' | ' ' | ' · ' | ', '): MarkdownText {
  return parts.join(separator) as MarkdownText;
}

/**
 * Markdown lines "**Key:** value" for present values (tree tooltips). Keys are our (translated)
 * words, escaped too; values are escaped, `block` ones keep their line breaks (run messages,
 * server details).
 */
export function markdownFacts(...entries: [string, string | number | null | undefined, 'block'?][]): MarkdownText {
  return joinMarkdown(
    entries
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([key, value, block]) => joinMarkdown([markdown`**${key}:**`, block ? markdownBlock(value, 2000) : markdownInline(value)], ' ')),
    '  \n',
  );
}
