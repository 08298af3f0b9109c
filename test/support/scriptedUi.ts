import type { AskOptions, AskTextOptions, LoadedPick, LoadingPickOptions, PickItem, PickOptions, ProgressSink, SearchPickOptions, UserInterface } from '../../src/core/ui';

/** One prompt the handler showed, with what the test answered. */
export interface Shown {
  kind: 'info' | 'warn' | 'error' | 'pick' | 'searchPick' | 'askText' | 'ask' | 'askSecret';
  message: string;
  actions?: readonly string[];
  items?: readonly PickItem<unknown>[];
  options?: AskOptions | AskTextOptions | PickOptions | SearchPickOptions<unknown>;
}

type Answer = string | undefined | ((shown: Shown) => unknown);

/**
 * A UserInterface that records every prompt and answers from a script keyed by prompt kind
 * (first queued answer first; nothing queued = dismissed).
 */
export class ScriptedUi implements UserInterface {
  readonly shown: Shown[] = [];
  /** Titles of the progress notifications, in order. */
  readonly progress: string[] = [];
  /** Each progress notification: whether it had a Cancel button, and the lines its task reported. */
  readonly progressShown: Array<{ title: string; cancellable: boolean; reports: string[]; cancel(): void }> = [];
  /** Each pick opened busy while its items loaded: its loading text, and whether the user closed it then. */
  readonly loadingPicks: Array<{ title: string; placeholder: string; closedWhileLoading: boolean }> = [];
  /** When set, the next loading pick is closed by the user this many ms after it opened (before or after its items came). */
  closeLoadingPickAfterMs: number | undefined;
  private readonly answers = new Map<Shown['kind'], Answer[]>();

  answer(kind: Shown['kind'], ...answers: Answer[]): this {
    this.answers.set(kind, [...(this.answers.get(kind) ?? []), ...answers]);
    return this;
  }

  of(kind: Shown['kind']): Shown[] {
    return this.shown.filter((s) => s.kind === kind);
  }

  private respond(shown: Shown): unknown {
    this.shown.push(shown);
    const next = this.answers.get(shown.kind)?.shift();
    return typeof next === 'function' ? next(shown) : next;
  }

  askSecret(prompt: string): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'askSecret', message: prompt }) as string | undefined);
  }
  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'info', message, actions }) as string | undefined);
  }
  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'warn', message, actions }) as string | undefined);
  }
  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'error', message, actions }) as string | undefined);
  }
  pick<T>(items: readonly PickItem<T>[], options?: PickOptions): Promise<T | undefined> {
    return Promise.resolve(this.respond({ kind: 'pick', message: options?.title ?? '', items, options }) as T | undefined);
  }
  /** Answered like a pick over the initial items; a scripted answer may call `options.search`. */
  searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined> {
    const shown = { kind: 'searchPick' as const, message: options.title ?? '', items: options.initial, options: options as SearchPickOptions<unknown> };
    return Promise.resolve(this.respond(shown)).then((value) => value as T | undefined);
  }
  /**
   * The busy phase is recorded in {@link loadingPicks}; then the pick is answered like the fixed or
   * searchable pick `load` returned (scripted as 'pick' / 'searchPick'). With
   * {@link closeLoadingPickAfterMs}, the user closes it during the load: the signal aborts and the
   * result is undefined, whatever the load does after.
   */
  async pickWhileLoading<T>(options: LoadingPickOptions, load: (signal: AbortSignal) => Promise<LoadedPick<T> | undefined>): Promise<T | undefined> {
    const controller = new AbortController();
    const record = { title: options.title ?? '', placeholder: options.loadingPlaceholder, closedWhileLoading: false };
    this.loadingPicks.push(record);
    const closeAfter = this.closeLoadingPickAfterMs;
    this.closeLoadingPickAfterMs = undefined;
    const loadedOrClosed = load(controller.signal);
    if (closeAfter !== undefined) {
      const closed = new Promise<'closed'>((resolve) => setTimeout(() => resolve('closed'), closeAfter));
      const first = await Promise.race([loadedOrClosed.then(() => 'loaded' as const, () => 'loaded' as const), closed]);
      if (first === 'closed') {
        record.closedWhileLoading = true;
        controller.abort();
        loadedOrClosed.catch(() => undefined);
        return undefined;
      }
    }
    const content = await loadedOrClosed;
    if (content === undefined) return undefined;
    if (content.kind === 'fixed') {
      const { kind: _kind, items, ...pickOptions } = content;
      return this.pick(items, pickOptions);
    }
    const { kind: _kind, ...searchOptions } = content;
    return this.searchPick(searchOptions);
  }
  askText(options: AskTextOptions): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'askText', message: options.prompt, options }) as string | undefined);
  }
  ask(message: string, options: AskOptions, ...actions: string[]): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'ask', message, actions, options }) as string | undefined);
  }
  withProgress<T>(title: string, task: (progress: ProgressSink) => Promise<T>, options?: { cancellable?: boolean }): Promise<T> {
    this.progress.push(title);
    const controller = new AbortController();
    const shown = { title, cancellable: options?.cancellable ?? false, reports: [] as string[], cancel: () => controller.abort() };
    this.progressShown.push(shown);
    return task({ report: (message) => shown.reports.push(message), signal: controller.signal });
  }

  /** The user presses Cancel on the newest cancellable progress notification (fails when there is none). */
  cancelProgress(): void {
    const open = this.progressShown.filter((shown) => shown.cancellable).at(-1);
    if (!open) throw new Error(`No cancellable progress among ${JSON.stringify(this.progress)}`);
    open.cancel();
  }
}
