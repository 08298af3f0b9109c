/** Which output files open as text in an editor, and with which language. */

const TEXT_LANGUAGES: Record<string, string> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  txt: 'plaintext',
  log: 'log',
  xml: 'xml',
  // HTML output is opened as source text, never rendered: it is server content.
  html: 'html',
  htm: 'html',
  md: 'markdown',
  yaml: 'yaml',
  yml: 'yaml',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True for files that open in a text editor (csv, json, txt, log, xml, html…). */
export function isTextFile(name: string): boolean {
  return extensionOf(name) in TEXT_LANGUAGES;
}

/** VS Code language id for a text file; "plaintext" when unknown. */
export function languageOf(name: string): string {
  return TEXT_LANGUAGES[extensionOf(name)] ?? 'plaintext';
}

/**
 * A file name safe to create on disk from a server-provided name: no path separators, no `..`,
 * no control or reserved characters, bounded length; falls back to `fallback`.
 */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return cleaned.length > 0 ? cleaned : fallback;
}
