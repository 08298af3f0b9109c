import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewHtml } from './webviewHtml';

/** The folder (under the extension) the webview bundles are built into by esbuild.js. */
const BUNDLE_FOLDER = ['media', 'dist'] as const;

export interface WebviewShellOptions {
  /**
   * The bundle's name: `media/dist/<bundle>.js` and `media/dist/<bundle>.css`, built from
   * esbuild.js's WEBVIEW_BUNDLES (add an entry there for a new view).
   */
  bundle: string;
  /** The page title (plain text). */
  title: string;
  /** Data the page starts with (webviewHtml's `data`: JSON the page parses, never runs). */
  data?: unknown;
  /** The bundle's text (bundleText) to write into the page; without it the page loads the bundle's files. */
  inline?: BundleText;
}

/** A built bundle's script and stylesheet as text. */
export interface BundleText {
  script: string;
  style: string;
}

const bundleTexts = new Map<string, Promise<BundleText>>();

/**
 * The text of `media/dist/<bundle>.js` and `.css`, read once per extension host (a failed read is
 * tried again next time), for a page that gets its bundle written in (WebviewBundle).
 */
export function bundleText(extensionUri: vscode.Uri, bundle: string): Promise<BundleText> {
  let text = bundleTexts.get(bundle);
  if (!text) {
    const root = vscode.Uri.joinPath(extensionUri, ...BUNDLE_FOLDER);
    const read = async (name: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name)));
    text = Promise.all([read(`${bundle}.js`), read(`${bundle}.css`)]).then(([script, style]) => ({ script, style }));
    bundleTexts.set(bundle, text);
    text.catch(() => bundleTexts.delete(bundle));
  }
  return text;
}

/**
 * Fills a webview (a panel's or a custom editor's) with our page: scripts on, resources only from
 * `media/dist/`, a fresh nonce each time. Untrusted content goes into this HTML only as the
 * page's JSON data (escaped so it cannot leave its element, never run); the script writes it as
 * text (textContent), as it does what comes in messages, so the CSP is a second wall.
 */
export function showWebviewBundle(webview: vscode.Webview, extensionUri: vscode.Uri, options: WebviewShellOptions): void {
  const root = vscode.Uri.joinPath(extensionUri, ...BUNDLE_FOLDER);
  webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [root] };
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    bundle: options.inline ?? {
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${options.bundle}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${options.bundle}.css`)).toString(),
    },
    nonce: randomBytes(18).toString('base64'),
    title: options.title,
    lang: vscode.env.language,
    data: options.data,
  });
}

/**
 * Subscribes to a webview's messages through `parse`: a message the parser does not recognise is
 * dropped (the page is ours, but a compromised page must not drive the host with odd shapes).
 */
export function onWebviewMessage<T>(webview: vscode.Webview, parse: (message: unknown) => T | undefined, handler: (message: T) => void | Promise<void>, onError: (error: unknown) => void): vscode.Disposable {
  return webview.onDidReceiveMessage((raw: unknown) => {
    const message = parse(raw);
    if (message === undefined) return;
    try {
      const pending = handler(message);
      if (pending) pending.catch(onError);
    } catch (error) {
      onError(error);
    }
  });
}
