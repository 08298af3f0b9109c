// The webview side of the shell (src/platform/webview/): the one handle to the extension host.
// Runs in the webview's browser sandbox; bundled by esbuild.js into media/dist/<bundle>.js.

import { INITIAL_DATA_ID } from '../../src/platform/webview/webviewHtml';

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Typed messages to and from the extension host; VS Code allows acquireVsCodeApi() once per page. */
export interface HostLink<ToHost, FromHost, State> {
  post(message: ToHost): void;
  onMessage(handler: (message: FromHost) => void): void;
  /** Survives the view being hidden and shown again (not a reload of the extension). */
  state(): State | undefined;
  saveState(state: State): void;
}

export function connectToHost<ToHost, FromHost, State>(): HostLink<ToHost, FromHost, State> {
  const api = acquireVsCodeApi<State>();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) => window.addEventListener('message', (event: MessageEvent<FromHost>) => handler(event.data)),
    state: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}

/**
 * The data the host put into the page (src/platform/webview/webviewHtml.ts `data`), if any: the
 * element's text parsed as JSON, never run. What it holds is untrusted like any message.
 */
export function initialData<T>(): T | undefined {
  const text = document.getElementById(INITIAL_DATA_ID)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * An element with text content only: the one way our webviews put words on the page (never
 * innerHTML), so HTML, `javascript:` URLs or Markdown in a value stay visible characters.
 */
export function textElement<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}
