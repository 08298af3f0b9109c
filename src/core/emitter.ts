import type { DisposableLike } from './lifecycle';

/** Listener registration in the shape of vscode.Event, usable from core code. */
export type EventLike<T> = (listener: (value: T) => void) => DisposableLike;

/**
 * A minimal event emitter without a vscode dependency. A throwing listener does not stop the others
 * (its error is reported to `onListenerError`, default: ignored) because one faulty subscriber must
 * not break the tree or the poller.
 */
export class Emitter<T> implements DisposableLike {
  private listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: EventLike<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
