/**
 * The one HTML page every webview of this extension gets (the table view, charts): a strict
 * Content-Security-Policy, one bundled script and its stylesheet from the extension's
 * `media/dist/` folder, nothing else. No vscode import, so it is checked in plain Node.
 *
 * Why each CSP directive:
 * - `default-src 'none'`: nothing loads unless named below — no network, no frames, no fetch.
 * - `script-src 'nonce-…'`: only our bundle runs; injected `<script>` and inline handlers
 *   (`onclick="…"`, `javascript:` URLs) are refused by the browser.
 * - `style-src <webview origin>` (a page with its stylesheet written in: `'nonce-…'`): our
 *   stylesheet only; no `'unsafe-inline'` (the script sets sizes through CSSOM, which CSP allows).
 * - `img-src` / `font-src` the webview origin (codicons, if a view bundles them), `data:` images.
 * - `form-action`, `base-uri`: 'none' — a form or `<base>` smuggled in cannot send data away.
 */
export interface WebviewPage {
  /** `webview.cspSource`: the origin our resources are served from. */
  cspSource: string;
  /** Our script and stylesheet (WebviewBundle). */
  bundle: WebviewBundle;
  /** A fresh random nonce per page (base64 or hex, no quotes). */
  nonce: string;
  /** The page title (plain text; escaped here). */
  title: string;
  /** `lang` of the page (VS Code's display language), e.g. `en`. */
  lang: string;
  /**
   * What the page starts with, so it can draw before its first message (the table's first rows):
   * JSON in a `<script type="application/json">`, which the browser never runs; the page reads it
   * as text and parses it (webview/shared/host.ts `initialData`). May hold untrusted text.
   */
  data?: unknown;
}

/**
 * Where the page's script and stylesheet come from: their webview URIs (`webview.asWebviewUri`,
 * as strings), or their text written into the page, each element carrying the nonce — one round
 * trip fewer before the first paint (the workbench fetches a webview's resources through its
 * service worker and the extension host: 50–300 ms of the table's press → first rows). Only our
 * built bundles are written in, never server text (that goes in as `data`).
 */
export type WebviewBundle = { scriptUri: string; styleUri: string } | { script: string; style: string };

/** The id of the page's data element (see WebviewPage.data). */
export const INITIAL_DATA_ID = 'initial-data';

/**
 * `value` as JSON that cannot end or escape its `<script>` element: every `<` (so no `</script>`
 * and no `<!--`), `>` and `&` is a \u escape, as are U+2028 and U+2029. JSON.parse reads the
 * same value back.
 */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The Content-Security-Policy of every webview page. */
export function contentSecurityPolicy(cspSource: string, nonce: string, inlineStyle = false): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    inlineStyle ? `style-src ${cspSource} 'nonce-${nonce}'` : `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The page: CSP, stylesheet, an empty `#root` the script fills, its data if any, the script with the nonce. */
export function webviewHtml(page: WebviewPage): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce)) throw new Error('A webview nonce must be at least 16 base64 or hex characters.');
  const { bundle } = page;
  const inline = 'script' in bundle;
  // Written-in text ends at the first `</script` or `</style` (and `<!--` changes how a script is
  // parsed): a bundle that holds one is refused rather than cut.
  if (inline && (/<\/script|<!--/i.test(bundle.script) || /<\/style/i.test(bundle.style))) throw new Error('A bundle written into a webview page must not contain </script, <!-- or </style.');
  const nonce = escapeAttribute(page.nonce);
  const style = inline ? `<style nonce="${nonce}">${bundle.style}</style>` : `<link rel="stylesheet" href="${escapeAttribute(bundle.styleUri)}">`;
  const script = inline ? `<script nonce="${nonce}">${bundle.script}</script>` : `<script nonce="${nonce}" src="${escapeAttribute(bundle.scriptUri)}"></script>`;
  const csp = contentSecurityPolicy(page.cspSource, page.nonce, inline);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style}
<title>${escapeText(page.title)}</title>
</head>
<body>
<div id="root"></div>
${page.data === undefined ? '' : `<script type="application/json" id="${INITIAL_DATA_ID}">${embeddedJson(page.data)}</script>\n`}${script}
</body>
</html>
`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
