import type { DisposableLike } from './lifecycle';
import type { Logger } from './log';

/** Where a failed build is reported, and what the log calls the part ("the run-config checks"). */
export interface OnDemandFailureLog {
  log: Pick<Logger, 'error'>;
  what: string;
}

/**
 * A feature (or any owned part) built on first use, once. Activation registers only what must
 * exist at once (command ids, views, providers) and hands the rest over as an OnDemand, so the
 * first command, view or document that needs it pays for building it. Concurrent callers share
 * one build; a build that throws is tried again on the next use; after dispose nothing is built.
 */
export class OnDemand<T extends DisposableLike> implements DisposableLike {
  private building: Promise<T> | undefined;
  private value: T | undefined;
  private disposed = false;

  constructor(
    private readonly build: () => T | Promise<T>,
    private readonly failures?: OnDemandFailureLog,
  ) {}

  /** The built value, or undefined while nothing asked for it (reading never builds). */
  get built(): T | undefined {
    return this.value;
  }

  /** The value, built now if this is the first use. */
  get(): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('Used after dispose (the extension is deactivating).'));
    if (!this.building) {
      const building = this.buildOnce();
      this.building = building;
      // A failed build is forgotten, so the next use tries again.
      building.catch(() => {
        if (this.building === building) this.building = undefined;
      });
    }
    return this.building;
  }

  /**
   * {@link get} for one use ("content", "hover"): a failed build is logged as "Could not load <what>
   * (<use>)" and the caller fails with it — a provider's caller is VS Code, which drops the error.
   */
  async load(use?: string): Promise<T> {
    try {
      return await this.get();
    } catch (error) {
      this.failures?.log.error(`Could not load ${this.failures.what}${use ? ` (${use})` : ''}`, error);
      throw error;
    }
  }

  dispose(): void {
    this.disposed = true;
    const value = this.value;
    this.value = undefined;
    value?.dispose();
  }

  private async buildOnce(): Promise<T> {
    const value = await this.build();
    if (this.disposed) {
      // Deactivated while an asynchronous build was on its way: nobody owns the result.
      value.dispose();
      throw new Error('Built after dispose (the extension is deactivating).');
    }
    this.value = value;
    return value;
  }
}
