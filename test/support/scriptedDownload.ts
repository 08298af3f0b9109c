import { appendFile, rename, writeFile } from 'node:fs/promises';
import { GrowingFile } from '../../src/core/files/growingFile';

/**
 * A download driven step by step by a test, with the real part-file protocol of
 * src/core/api/download.ts (a part file that fills, renamed to the destination when complete):
 * the table view's following of a file is then checked at exact moments, no timing involved.
 */
export class ScriptedDownload {
  readonly growing: GrowingFile;
  private readonly part: string;
  private size = 0;
  private resolve: () => void = () => undefined;
  private reject: (error: unknown) => void = () => undefined;

  constructor(readonly destination: string) {
    this.growing = new GrowingFile(destination);
    this.part = `${destination}.1234abcd.part`;
    this.growing.follow(
      new Promise<void>((resolve, reject) => {
        this.resolve = resolve;
        this.reject = reject;
      }),
    );
  }

  async start(): Promise<void> {
    await writeFile(this.part, '');
    this.growing.opened(this.part);
    this.growing.responded();
  }

  async append(text: string): Promise<void> {
    await appendFile(this.part, text);
    this.size += Buffer.byteLength(text);
    this.growing.written(this.size);
  }

  async finish(): Promise<void> {
    await this.renameOnly();
    await this.settle();
  }

  /** The first half of finishing: the part file has its final name, the download's promise has not settled yet. */
  async renameOnly(): Promise<void> {
    await rename(this.part, this.destination);
  }

  /** The second half: the download's promise resolves. */
  async settle(): Promise<void> {
    this.resolve();
    await this.growing.settled;
  }

  async fail(error: unknown): Promise<void> {
    this.reject(error);
    await this.growing.settled;
  }

  /** The download empties the part file and starts over: the server's file changed, or (`sameVersion`) it sends the same one again. */
  async restart(sameVersion = false): Promise<void> {
    this.growing.restarted(sameVersion);
    await writeFile(this.part, '');
    this.size = 0;
  }
}
