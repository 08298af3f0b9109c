/**
 * The one HTML page every webview of this extension gets (the table view, charts): a strict
 * Content-Security-Policy, one bundled script and its stylesheet from the extension's
 * `media/dist/` folder, nothing else. No vscode import, so it is checked in plain Node.
 *
 * Why each CSP directive:
 * - `default-src 'none'`: nothing loads unless named below — no network, no frames, no fetch.
 * - `script-src 'nonce-…'`: only our bundle runs; injected `<script>` and inline handlers
 *   (`onclick="…"`, `javascript:` URLs) are refused by the browser.
 * - `style-src <webview origin>`: our stylesheet only; no `'unsafe-inline'` (the script sets sizes
 *   through CSSOM, which CSP allows).
 * - `img-src` / `font-src` the webview origin (codicons, if a view bundles them), `data:` images.
 * - `form-action`, `base-uri`: 'none' — a form or `<base>` smuggled in cannot send data away.
 */
export interface WebviewPage {
  /** `webview.cspSource`: the origin our resources are served from. */
  cspSource: string;
  /** The script's webview URI (`webview.asWebviewUri(...)`), as a string. */
  scriptUri: string;
  /** The stylesheet's webview URI, as a string. */
  styleUri: string;
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
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
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
  const csp = contentSecurityPolicy(page.cspSource, page.nonce);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>${escapeText(page.title)}</title>
</head>
<body>
<div id="root"></div>
${page.data === undefined ? '' : `<script type="application/json" id="${INITIAL_DATA_ID}">${embeddedJson(page.data)}</script>\n`}<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
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
