/** Structural twin of vscode.Disposable, so core code can own resources without importing vscode. */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * Base for objects that own other disposables. Children registered with {@link register} are
 * disposed in reverse order, once, even if one of them throws.
 */
export class DisposableStore implements DisposableLike {
  private readonly children: DisposableLike[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  register<T extends DisposableLike>(child: T): T {
    if (this.disposed) {
      void child.dispose();
    } else {
      this.children.push(child);
    }
    return child;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const child of this.children.reverse()) {
      try {
        void child.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.children.length = 0;
    // Reaches the log (deactivation), never a notification: English like every log line.
    if (errors.length > 0) throw new AggregateError(errors, 'Errors while disposing');
  }
}
