import type { DisposableLike } from './lifecycle';
import type { Logger } from './log';

/** Listener registration in the shape of vscode.Event, usable from core code. */
export type EventLike<T> = (listener: (value: T) => void) => DisposableLike;

export interface EmitterOptions {
  /** Names the event in the log when a listener throws, e.g. "RunTracker.onDidChangeRun". */
  name?: string;
  /** Where a throwing listener is reported. Default: the log set with {@link setListenerErrorLog}. */
  log?: Pick<Logger, 'error'>;
}

/** Until the extension sets its output channel, listener errors go to the console: never nowhere. */
const consoleLog: Pick<Logger, 'error'> = { error: (message, ...args) => console.error(message, ...args) };
let fallbackLog: Pick<Logger, 'error'> = consoleLog;

/**
 * Sets where emitters without their own log report throwing listeners (the extension's output
 * channel). Returns a disposable that restores the previous one.
 */
export function setListenerErrorLog(log: Pick<Logger, 'error'>): DisposableLike {
  const previous = fallbackLog;
  fallbackLog = log;
  return { dispose: () => (fallbackLog = previous) };
}

interface Subscription<T> {
  listener: (value: T) => void;
  /** Captured when the listener subscribed; its stack is formatted only if the listener throws. */
  origin: { stack?: string };
}

/**
 * A minimal event emitter without a vscode dependency. A throwing listener does not stop the
 * others — one faulty subscriber must not break the tree or the poller — but its error is logged
 * with the event's name and where the listener subscribed, so it is never lost.
 */
export class Emitter<T> implements DisposableLike {
  private subscriptions = new Set<Subscription<T>>();

  constructor(private readonly options: EmitterOptions = {}) {}

  readonly event: EventLike<T> = (listener) => {
    const origin: { stack?: string } = {};
    // Frames above (and including) this function are left out: the first frame is the subscriber.
    Error.captureStackTrace(origin, this.event);
    const subscription = { listener, origin };
    this.subscriptions.add(subscription);
    return { dispose: () => this.subscriptions.delete(subscription) };
  };

  fire(value: T): void {
    for (const subscription of [...this.subscriptions]) {
      try {
        subscription.listener(value);
      } catch (error) {
        this.report(error, subscription);
      }
    }
  }

  dispose(): void {
    this.subscriptions.clear();
  }

  private report(error: unknown, subscription: Subscription<T>): void {
    const log = this.options.log ?? fallbackLog;
    const name = this.options.name ?? 'an event';
    log.error(`A listener of ${name} threw (subscribed ${subscriberOf(subscription.origin)})`, error);
  }
}

/** "at TreeModel.constructor (src/core/tree/treeModel.ts:70:5)" → that frame, trimmed; "from an unknown place" without a stack. */
function subscriberOf(origin: { stack?: string }): string {
  const frame = origin.stack
    ?.split('\n')
    .slice(1)
    .map((line) => line.trim())
    .find((line) => line.startsWith('at '));
  return frame ?? 'from an unknown place'; // a log line's words: English (see log.ts)
}
