import { Emitter, type EventLike } from '../emitter';
import { REMOTE_SCHEME } from './remoteScheme';

/**
 * The `sequentum:` file system without VS Code: remote resources served as documents at
 * `/<environment>/<kind's own path>`, e.g. `/default/agents/4711/schedules/7001.json`. Each kind of
 * resource (schedules today; run logs, agent definitions later) is one {@link RemoteResourceKind}
 * that claims the paths it serves; this class routes, keeps the stat values VS Code compares on
 * save stable, and tells the editor when a saved document's text changed on the way (the server's
 * answer differs from what was typed). The adapter (features/remoteFiles) maps errors to
 * vscode.FileSystemError.
 */

export { REMOTE_SCHEME };

/** One document a kind serves. */
export interface RemoteResource {
  /** The text the document opens with (reads the server: user lane). */
  read(): Promise<string>;
  /** Save. Omitted for read-only resources. */
  write?(text: string): Promise<RemoteWriteOutcome>;
}

export interface RemoteWriteOutcome {
  /** What the document holds now (the server's answer as a document). */
  text: string;
  /** The saved resource lives at another path from now on (new.json → 7002.json). */
  movedTo?: string;
}

/** A family of resources, e.g. schedules: resolves the path segments after the environment. */
export interface RemoteResourceKind {
  readonly name: string;
  resolve(envId: string, segments: readonly string[]): RemoteResource | undefined;
}

export interface RemoteStat {
  type: 'file' | 'directory';
  /** Epoch ms; constant between reads and writes, so VS Code's "changed on disk" check stays quiet. */
  mtime: number;
  size: number;
  readonly: boolean;
}

/** No resource at this path. */
export class RemoteNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`Nothing is served at ${REMOTE_SCHEME}:${path}`);
    this.name = 'RemoteNotFoundError';
  }
  static is(value: unknown): value is RemoteNotFoundError {
    return value instanceof RemoteNotFoundError;
  }
}

/** The resource exists but cannot be written (read-only kind, delete, rename, folders). */
export class RemoteReadOnlyError extends Error {
  constructor(readonly path: string) {
    super(`${REMOTE_SCHEME}:${path} cannot be changed this way`);
    this.name = 'RemoteReadOnlyError';
  }
  static is(value: unknown): value is RemoteReadOnlyError {
    return value instanceof RemoteReadOnlyError;
  }
}

interface Entry {
  mtime: number;
  size: number;
}

const encoder = new TextEncoder();

export class RemoteFileSystem {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Emitter<string[]>({ name: 'RemoteFileSystem.onDidChange' });
  /** Paths whose text changed without the editor writing it (after a save: the server's version). */
  readonly onDidChange: EventLike<string[]> = this.changed.event;

  constructor(
    private readonly kinds: readonly RemoteResourceKind[],
    private readonly now: () => number = Date.now,
  ) {}

  /** `/default/agents/1/schedules/2.json` → the environment and the rest; undefined for `/`. */
  static split(path: string): { envId: string; segments: string[] } | undefined {
    const parts = path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    const [envId, ...segments] = parts;
    return envId === undefined ? undefined : { envId, segments };
  }

  private resolve(path: string): RemoteResource | undefined {
    const where = RemoteFileSystem.split(path);
    if (!where || where.segments.length === 0) return undefined;
    for (const kind of this.kinds) {
      const resource = kind.resolve(where.envId, where.segments);
      if (resource) return resource;
    }
    return undefined;
  }

  /**
   * Without a request: a file the router serves, or a folder for every other path (VS Code stats
   * parents for breadcrumbs). mtime and size change only with a save: VS Code derives its "changed
   * on disk since you opened it" etag from both, so a size learnt by reading would make the next save
   * fail as a conflict (the server's own changes are checked by the kind, before it writes).
   */
  stat(path: string): RemoteStat {
    const resource = this.resolve(path);
    if (!resource) {
      if (/\.json$/i.test(path)) throw new RemoteNotFoundError(path);
      return { type: 'directory', mtime: 0, size: 0, readonly: true };
    }
    let entry = this.entries.get(path);
    if (!entry) {
      entry = { mtime: this.now(), size: 0 };
      this.entries.set(path, entry);
    }
    return { type: 'file', mtime: entry.mtime, size: entry.size, readonly: !resource.write };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const resource = this.resolve(path);
    if (!resource) throw new RemoteNotFoundError(path);
    return encoder.encode(await resource.read());
  }

  /** Saves; rejects with the kind's error (nothing is lost: the editor keeps the dirty text). */
  async writeFile(path: string, content: Uint8Array): Promise<RemoteWriteOutcome> {
    const resource = this.resolve(path);
    if (!resource) throw new RemoteNotFoundError(path);
    if (!resource.write) throw new RemoteReadOnlyError(path);
    const written = new TextDecoder().decode(content);
    const outcome = await resource.write(written);
    if (outcome.movedTo) {
      this.entries.delete(path);
      return outcome;
    }
    const previous = this.entries.get(path)?.mtime ?? 0;
    this.entries.set(path, { mtime: Math.max(this.now(), previous + 1), size: encoder.encode(outcome.text).length });
    // The editor holds what it wrote; when the server's version reads differently, it reloads.
    if (outcome.text !== written) queueMicrotask(() => this.changed.fire([path]));
    return outcome;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
