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
  // Own members only: a file called "x.constructor" is not text because objects have a constructor.
  return Object.hasOwn(TEXT_LANGUAGES, extensionOf(name));
}

/** VS Code language id for a text file; "plaintext" when unknown. */
export function languageOf(name: string): string {
  const extension = extensionOf(name);
  return Object.hasOwn(TEXT_LANGUAGES, extension) ? TEXT_LANGUAGES[extension] : 'plaintext';
}

/** Longest file name kept (in UTF-16 units); longer names lose the end of their stem, not the extension. */
export const MAX_FILE_NAME_CHARS = 120;
/**
 * Longest file name kept in UTF-8 bytes. File systems limit names in bytes (255 on ext4, APFS and
 * NTFS as UTF-16), and 120 characters of a 3-byte script are 360; the margin below 255 leaves room
 * for a " (n)" and the download's part-file suffix (".xxxxxxxx.part").
 */
export const MAX_FILE_NAME_BYTES = 200;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

// Windows opens a device for these whatever the extension ("nul.csv", "COM1.txt", "lpt¹.log").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// C0, DEL, C1, zero-width and bidi controls (which make "evil\u202Etxt.exe" read "evilexe.txt"),
// path separators and the characters Windows refuses in names.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff<>:"/\\|?*]/g;
// Half a surrogate pair has no UTF-8 form: the file on disk would not have the name we asked for.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The one way a file name from the server becomes a local file name or a label: no path
 * separators or `..` (it cannot leave its folder), no control, zero-width or bidi characters, no
 * Windows reserved device name, no trailing dots or spaces (Windows drops them, so two names
 * would be one file), at most MAX_FILE_NAME_CHARS and MAX_FILE_NAME_BYTES with the extension
 * kept. Falls back to `fallback` when nothing usable is left.
 */
export function safeFileName(name: string, fallback: string): string {
  let cleaned = name
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '_')
    .replace(LONE_SURROGATE, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (cleaned.length > MAX_FILE_NAME_CHARS || utf8Bytes(cleaned) > MAX_FILE_NAME_BYTES) cleaned = shorten(cleaned);
  const stem = cleaned.split('.')[0].trimEnd();
  if (WINDOWS_RESERVED.test(stem)) cleaned = `_${cleaned}`;
  return cleaned.length > 0 ? cleaned : fallback;
}

/** Cuts the stem so the name fits, keeping a short extension and never half a surrogate pair. */
function shorten(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, MAX_FILE_NAME_CHARS - extension.length);
  if (/[\ud800-\udbff]$/.test(stem)) stem = stem.slice(0, -1);
  // Then by bytes, one code point at a time (a surrogate pair goes whole).
  const budget = MAX_FILE_NAME_BYTES - utf8Bytes(extension);
  while (utf8Bytes(stem) > budget) stem = stem.slice(0, /[\udc00-\udfff]$/.test(stem) ? -2 : -1);
  return `${stem.replace(/[.\s]+$/, '')}${extension}`;
}
