import type { Clock } from '../../src/core/clock';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** Lets queued promise callbacks (fake API answers, awaits) run before the test goes on. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A clock whose time moves only when the test says so; counts live timers to prove none leak. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  /** How far the wall clock is off the monotonic one: {@link jumpWall} moves it (sleep, NTP). */
  private wallOffset = 0;

  constructor(public time = Date.parse('2026-11-29T12:00:00Z')) {}

  /** Monotonic: moves only with {@link advance}. */
  now(): number {
    return this.time;
  }

  wallNow(): number {
    return this.time + this.wallOffset;
  }

  /** The wall clock jumps by `ms` (negative: backwards); monotonic time does not move. */
  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }

  setTimeout(callback: () => void, ms: number) {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return { dispose: () => void (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Timers scheduled and not yet fired or cancelled. */
  get pending(): number {
    return this.timers.length;
  }

  /** When the next timer fires (epoch ms), or undefined. */
  get nextAt(): number | undefined {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : undefined;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await flush();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}
