import type { IconLabelText, NotificationText, PlainText, PromptText } from './text/sinks';

/**
 * The user-interface port that command handlers talk to. The VS Code adapter implements it with
 * window.* calls; unit tests implement it with scripted answers. Returning `undefined` from a
 * prompt means the user dismissed it. Every text is a sink type (src/core/text/sinks.ts): made by
 * that sink's neutraliser, so server text in it cannot become a link, a command or an icon.
 * Button labels (`actions`) are our own words (translated), never server text.
 */
export interface UserInterface {
  /** A password-style input box. `validate` returns an error message or undefined. */
  askSecret(prompt: PromptText, validate?: (value: string) => PromptText | undefined): Promise<string | undefined>;
  info(message: NotificationText, ...actions: string[]): Promise<string | undefined>;
  warn(message: NotificationText, ...actions: string[]): Promise<string | undefined>;
  error(message: NotificationText, ...actions: string[]): Promise<string | undefined>;
}

/** One entry of a quick pick; `value` is what the pick returns. */
export interface PickItem<T> {
  label: IconLabelText;
  description?: IconLabelText;
  detail?: IconLabelText;
  value: T;
  /** Starts a titled group (a separator line above this item). */
  group?: IconLabelText;
}

export interface PickOptions {
  title?: IconLabelText;
  placeholder?: PlainText;
  /** Also filter on the description (e.g. a status or an id). */
  matchOnDescription?: boolean;
}

export interface AskTextOptions {
  title?: IconLabelText;
  prompt: PromptText;
  /** Prefilled text (the user's own input: an editable value, not rendered). */
  value?: string;
  /** Returns an error message (the box stays open with the text kept) or undefined. */
  validate?: (value: string) => PromptText | undefined;
}

export interface AskOptions {
  /** A modal dialog rather than a notification. */
  modal?: boolean;
  /** Second paragraph (modal dialogs only). */
  detail?: NotificationText;
  severity?: 'info' | 'warning';
}

/** What a task shown with progress can do: say where it is, and see the user's Cancel. */
export interface ProgressSink {
  /** The line shown after the title ("waiting for the server's answer…"). */
  report(message: NotificationText): void;
  /** Aborts when the user presses Cancel (never without `cancellable`). */
  readonly signal: AbortSignal;
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
  ask(message: NotificationText, options: AskOptions, ...actions: string[]): Promise<string | undefined>;
  /**
   * Shows `title` with a progress indicator (in the notification area) while `task` runs. With
   * `cancellable`, a Cancel button aborts `progress.signal` (the task decides what cancelling means).
   */
  withProgress<T>(title: NotificationText, task: (progress: ProgressSink) => Promise<T>, options?: { cancellable?: boolean }): Promise<T>;
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

/** What a {@link UserInterface.pickWhileLoading} pick becomes once its items are read. */
export type LoadedPick<T> = ({ kind: 'fixed'; items: readonly PickItem<T>[] } & PickOptions) | ({ kind: 'search' } & SearchPickOptions<T>);

export interface LoadingPickOptions {
  title?: IconLabelText;
  /** Shown while the items load ("Reading agents…"). */
  loadingPlaceholder: PlainText;
}

export interface UserInterface {
  /**
   * A quick pick that opens at once, busy, while `load` reads its items — a slow first request (or
   * one queued behind a used-up request budget) never leaves the palette showing nothing — and then
   * becomes the fixed or searchable pick `load` returns; text typed meanwhile is kept. `load`'s
   * signal aborts when the user closes the pick (then: undefined, whatever `load` does after);
   * `load` returning undefined closes it (nothing to pick: the caller says why); a failure of
   * `load` closes it and is rethrown.
   */
  pickWhileLoading<T>(options: LoadingPickOptions, load: (signal: AbortSignal) => Promise<LoadedPick<T> | undefined>): Promise<T | undefined>;
}
