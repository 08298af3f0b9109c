/**
 * The user-interface port that command handlers talk to. The VS Code adapter implements it with
 * window.* calls; unit tests implement it with scripted answers. Returning `undefined` from a
 * prompt means the user dismissed it.
 */
export interface UserInterface {
  /** A password-style input box. `validate` returns an error message or undefined. */
  askSecret(prompt: string, validate?: (value: string) => string | undefined): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
}

/** One entry of a quick pick; `value` is what the pick returns. */
export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Starts a titled group (a separator line above this item). */
  group?: string;
}

export interface PickOptions {
  title?: string;
  placeholder?: string;
  /** Also filter on the description (e.g. a status or an id). */
  matchOnDescription?: boolean;
}

export interface AskTextOptions {
  title?: string;
  prompt: string;
  /** Prefilled text. */
  value?: string;
  /** Returns an error message (the box stays open with the text kept) or undefined. */
  validate?: (value: string) => string | undefined;
}

export interface AskOptions {
  /** A modal dialog rather than a notification. */
  modal?: boolean;
  /** Second paragraph (modal dialogs only). */
  detail?: string;
  severity?: 'info' | 'warning';
}

/**
 * Richer prompts used by the run commands (quick picks, a plain input box, modal questions,
 * progress). Added to the base port so handlers keep one `ui`.
 */
export interface UserInterface {
  /** A quick pick; undefined when dismissed. */
  pick<T>(items: readonly PickItem<T>[], options?: PickOptions): Promise<T | undefined>;
  /** A plain input box; undefined when dismissed. */
  askText(options: AskTextOptions): Promise<string | undefined>;
  /** A question with buttons; undefined when dismissed (or Cancel in a modal). */
  ask(message: string, options: AskOptions, ...actions: string[]): Promise<string | undefined>;
  /** Shows `title` with a progress indicator (in the status bar / notification area) while `task` runs. */
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T>;
}

/** A quick pick whose items follow what is typed (a server-side search for large lists). */
export interface SearchPickOptions<T> extends PickOptions {
  /** Shown before anything is typed (and again when the text is cleared). */
  initial: readonly PickItem<T>[];
  /**
   * Items for a typed query, asked after the typing pauses; `signal` aborts when the text changes
   * again or the pick closes, so a slow answer never replaces a newer one.
   */
  search(query: string, signal: AbortSignal): Promise<readonly PickItem<T>[]>;
  /** ms of no typing before `search` is called. Default 300. */
  debounceMs?: number;
}

export interface UserInterface {
  /** A searchable quick pick backed by `options.search`; undefined when dismissed. */
  searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined>;
}
