import { stripControl } from './untrustedText';

/** Longest message we show; server text beyond this is cut (it is untrusted and may be a page of HTML). */
const MAX_MESSAGE = 500;

/**
 * Joins a title and a detail into one plain sentence pair, without doubling what the server
 * repeated ("Not Found: Not Found") and without markup or line breaks.
 */
export function plainMessage(title: string | undefined, detail?: string): string {
  const t = clean(title);
  const d = clean(detail);
  let text: string;
  if (!t) text = d;
  else if (!d || d.toLowerCase() === t.toLowerCase() || d.toLowerCase().startsWith(t.toLowerCase())) text = d || t;
  else text = /[.!?:]$/.test(t) ? `${t} ${d}` : `${t}: ${d}`;
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function clean(text: string | undefined): string {
  // ANSI colour codes and bidi overrides from the server would garble or disguise the message.
  return stripControl(text ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}
