import type { AskOptions, AskTextOptions, PickItem, PickOptions, SearchPickOptions, UserInterface } from '../../src/core/ui';

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
  readonly progress: string[] = [];
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
  askText(options: AskTextOptions): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'askText', message: options.prompt, options }) as string | undefined);
  }
  ask(message: string, options: AskOptions, ...actions: string[]): Promise<string | undefined> {
    return Promise.resolve(this.respond({ kind: 'ask', message, actions, options }) as string | undefined);
  }
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    this.progress.push(title);
    return task();
  }
}
