import { CancelledError } from './errors';
import type { RequestPriority } from './sequentumApi';
import type { Slot } from './budgetWindow';

/** Extra say over one request: a run start is not sent while the server holds our requests. */
export interface RunOptions {
  startsWork?: boolean;
}

/** One request waiting for a slot. Settled exactly once: granted, cancelled or failed. */
export interface Waiter {
  lane: RequestPriority;
  /** A run start (a POST): not sent while the server is known to hold our requests. */
  startsWork: boolean;
  grant(slot: Slot): void;
  fail(error: Error): void;
}

/** The two lanes of waiting requests, user first; each waiter is settled once and only once. */
export class WaitQueues {
  readonly user: Waiter[] = [];
  readonly background: Waiter[] = [];

  get size(): number {
    return this.user.length + this.background.length;
  }

  /**
   * Adds a waiter for `lane`; resolves with its slot. Rejects with CancelledError when `signal`
   * aborts first (the waiter leaves its queue and `onLeave` runs).
   */
  enqueue(lane: RequestPriority, startsWork: boolean, signal: AbortSignal | undefined, onLeave: () => void): Promise<Slot> {
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = (): void => {
        this.remove(waiter);
        onLeave();
        reject(new CancelledError());
      };
      const waiter: Waiter = {
        lane,
        startsWork,
        grant: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this[lane].push(waiter);
    });
  }

  /**
   * Takes the next waiter that may go now: user lane first, background only when `backgroundMayGo`;
   * a run start only when `startsMayGo` (requests behind it are not held up by it).
   */
  next(backgroundMayGo: boolean, startsMayGo: boolean): Waiter | undefined {
    const pick = (queue: Waiter[]): Waiter | undefined => {
      const index = startsMayGo ? (queue.length > 0 ? 0 : -1) : queue.findIndex((w) => !w.startsWork);
      return index < 0 ? undefined : queue.splice(index, 1)[0];
    };
    return pick(this.user) ?? (backgroundMayGo ? pick(this.background) : undefined);
  }

  /** Puts a waiter back at the head of its lane (the grant did not happen after all). */
  putBack(waiter: Waiter): void {
    this[waiter.lane].unshift(waiter);
  }

  /** Fails every waiter (dispose): nobody is left waiting for a slot that will never come. */
  failAll(error: Error): void {
    for (const waiter of [...this.user.splice(0), ...this.background.splice(0)]) waiter.fail(error);
  }

  private remove(waiter: Waiter): void {
    const queue = this[waiter.lane];
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
  }
}
