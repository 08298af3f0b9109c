import * as vscode from 'vscode';
import { ProblemError } from '../core/api/errors';
import { describeError } from '../core/errors/describeError';
import type { Logger } from '../core/log';
import { RemoteFileSystem, RemoteNotFoundError, RemoteReadOnlyError } from '../core/remote/remoteFileSystem';
import { ScheduleSaveError } from '../core/schedules/scheduleFiles';
import { forPlain } from '../core/text/sinks';
import { uriOf } from './remoteUri';

export { uriOf };

/**
 * The `sequentum:` FileSystemProvider: VS Code's calls → core's RemoteFileSystem, core's errors →
 * vscode.FileSystemError. A failed save surfaces in VS Code's own "Failed to save" notification
 * (Retry, Save As, Revert) and the editor stays dirty, so nothing typed is lost.
 */
export class RemoteFileSystemProvider implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Fires after a save moved a document (new.json → the created schedule's path). */
  private readonly moved = new vscode.EventEmitter<{ from: vscode.Uri; to: vscode.Uri }>();
  readonly onDidMove = this.moved.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly core: RemoteFileSystem,
    private readonly log: Logger,
  ) {
    const listener = core.onDidChange((paths) => this.changed.fire(paths.map((path) => ({ type: vscode.FileChangeType.Changed, uri: uriOf(path) }))));
    this.subscription = new vscode.Disposable(() => listener.dispose());
  }

  watch(): vscode.Disposable {
    // Nothing to watch: the server is not a disk; changes we make are announced by onDidChange.
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const stat = this.translate(uri, () => this.core.stat(uri.path));
    return {
      type: stat.type === 'file' ? vscode.FileType.File : vscode.FileType.Directory,
      ctime: stat.mtime,
      mtime: stat.mtime,
      size: stat.size,
      ...(stat.readonly ? { permissions: vscode.FilePermission.Readonly } : {}),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      return await this.core.readFile(uri.path);
    } catch (error) {
      throw this.toFileSystemError(uri, error, 'read');
    }
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    this.log.info(`Saving ${uri.toString()}`);
    try {
      const outcome = await this.core.writeFile(uri.path, content);
      if (outcome.movedTo) this.moved.fire({ from: uri, to: uriOf(outcome.movedTo) });
    } catch (error) {
      throw this.toFileSystemError(uri, error, 'write');
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(oldUri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.moved.dispose();
  }

  private translate<T>(uri: vscode.Uri, action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw this.toFileSystemError(uri, error, 'read');
    }
  }

  private toFileSystemError(uri: vscode.Uri, error: unknown, operation: 'read' | 'write'): vscode.FileSystemError {
    if (error instanceof vscode.FileSystemError) return error;
    if (RemoteNotFoundError.is(error) || (ProblemError.is(error) && (error.status === 404 || error.status === 410))) return vscode.FileSystemError.FileNotFound(uri);
    if (RemoteReadOnlyError.is(error)) return vscode.FileSystemError.NoPermissions(uri);
    this.log.warn(`Could not ${operation} ${uri.toString()}`, error);
    // Our words (or the server's, cleaned) as VS Code shows them after "Failed to save 'x.json':".
    const message = ScheduleSaveError.is(error) ? error.message : describeError(error).message;
    return new vscode.FileSystemError(forPlain(message, { maxLength: 500 }));
  }
}
