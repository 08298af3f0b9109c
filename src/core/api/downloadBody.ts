import type { FetchResponseLike } from './transport';

// What a download reads from a response: where its bytes start, the whole size, the chunks.

/** The first byte this response carries: the Content-Range start of a 206, else 0. */
export function continuedFrom(response: FetchResponseLike): number {
  if (response.status !== 206) return 0;
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range')?.trim() ?? '');
  return match ? Number(match[1]) : -1;
}

/** The whole file's size: Content-Range's total on a 206, Content-Length on a 200; unknown → undefined. */
export function totalOf(response: FetchResponseLike): number | undefined {
  // A body decoded on the way in (a server that ignored "identity") has no known length.
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return undefined;
  if (response.status === 206) {
    const total = /\/(\d+)$/.exec(response.headers.get('content-range')?.trim() ?? '')?.[1];
    return total === undefined ? undefined : Number(total);
  }
  const length = response.headers.get('content-length');
  return length && /^\d+$/.test(length) ? Number(length) : undefined;
}

export interface ChunkReader {
  /** The next chunk; undefined at the end. */
  next(): Promise<Uint8Array | undefined>;
  /** Stops the transfer and releases the connection. */
  cancel(): void;
}

/** Reads a Node Readable (node-fetch) or a web ReadableStream (global fetch) chunk by chunk. */
export function chunkReader(body: unknown): ChunkReader {
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const iterator = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    return {
      next: async () => {
        const step = await iterator.next();
        return step.done ? undefined : toBytes(step.value);
      },
      cancel: () => cancelBody(body),
    };
  }
  if (body && typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    return {
      next: async () => (await reader.read()).value,
      cancel: () => void reader.cancel().catch(() => undefined),
    };
  }
  return { next: () => Promise.resolve(undefined), cancel: () => undefined };
}

export function cancelBody(body: unknown): void {
  const stream = body as { destroy?: () => void } | null;
  if (stream && typeof stream.destroy === 'function') stream.destroy();
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  // A bug in a fetch implementation, not a server answer: English, for the log and a bug report.
  throw new TypeError('Unexpected body chunk');
}
