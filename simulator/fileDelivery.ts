import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How the file store sends one file's body: a slow link, a stall, a dropped connection, no Range
 * support, an unknown size. Set per file (`addFile({ delivery })`, `setFileDelivery(fileId, …)`).
 */
export interface FileDelivery {
  /** A slow link: after every `pauseEveryBytes` bytes of a response, wait `pauseMs`. */
  pauseEveryBytes?: number;
  pauseMs?: number;
  /** After this many body bytes of a response, send nothing more; the connection stays open. */
  stallAfterBytes?: number;
  /** After this many body bytes of a response, destroy the connection. */
  dropAfterBytes?: number;
  /** How many responses the stall/drop applies to (default: every one). */
  faultTimes?: number;
  /** Ignore `Range` (always 200 with the whole body), like a store without range support. */
  noRanges?: boolean;
  /** No `Content-Length` (chunked) and no `fileSize` in the file list: the size is unknown. */
  unknownSize?: boolean;
}

/** Reads `length` bytes of a file from `offset`; generated files never exist whole in memory. */
export type ByteSource = (offset: number, length: number) => Buffer;

/** Bytes per write: small enough that a stall or drop lands close to the byte asked for. */
const WRITE_BYTES = 64 * 1024;
const BLOCK_BYTES = 64 * 1024;
const FILLER_LINE = 'sequentum-simulator generated output, one line of many,0123456789\n';

let fillerBlock: Buffer | undefined;

/**
 * Byte source of a generated ("big") file: 64 KiB blocks, each starting with its block number as a
 * 15-digit line, then filler lines. Any range can be produced (and checked by tests) without the
 * file ever existing whole — a 1 GB body costs the simulator one block at a time.
 */
export function generatedBytes(offset: number, length: number): Buffer {
  fillerBlock ??= Buffer.from(FILLER_LINE.repeat(Math.ceil(BLOCK_BYTES / FILLER_LINE.length))).subarray(0, BLOCK_BYTES);
  const out = Buffer.allocUnsafe(length);
  let written = 0;
  while (written < length) {
    const position = offset + written;
    const block = Math.floor(position / BLOCK_BYTES);
    const within = position - block * BLOCK_BYTES;
    const take = Math.min(BLOCK_BYTES - within, length - written);
    const header = Buffer.from(`${String(block).padStart(15, '0')}\n`);
    const headerEnd = Math.min(header.length, within + take);
    if (within < headerEnd) header.copy(out, written, within, headerEnd);
    const fillerStart = Math.max(within, header.length);
    if (fillerStart < within + take) fillerBlock.copy(out, written + fillerStart - within, fillerStart, within + take);
    written += take;
  }
  return out;
}

export interface BodyPlan {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * Status, headers and byte range for a GET: honours one `bytes=a-` / `bytes=a-b` range when the
 * store supports ranges and `If-Range` (when sent) still names this version.
 */
export function planBody(req: IncomingMessage, size: number, etag: string, delivery: FileDelivery): BodyPlan {
  const headers: Record<string, string> = { ETag: etag };
  if (!delivery.noRanges) headers['Accept-Ranges'] = 'bytes';
  const whole = (): BodyPlan => ({ status: 200, headers: withLength(headers, size, delivery), start: 0, end: size });
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range?.trim() ?? '');
  const ifRange = req.headers['if-range'];
  if (!range || delivery.noRanges || (ifRange !== undefined && ifRange !== etag)) return whole();
  const start = Number(range[1]);
  const last = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start >= size || last < start) return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` }, start: 0, end: 0 };
  const partial = { ...headers, 'Content-Range': `bytes ${start}-${last}/${size}` };
  return { status: 206, headers: withLength(partial, last + 1 - start, delivery), start, end: last + 1 };
}

function withLength(headers: Record<string, string>, length: number, delivery: FileDelivery): Record<string, string> {
  return delivery.unknownSize ? headers : { ...headers, 'Content-Length': String(length) };
}

/**
 * Writes bytes [start, end) with backpressure (a slow reader holds the simulator to one write in
 * flight), applying the slow link, and — when `faulty` — the stall or drop.
 */
export async function sendBody(res: ServerResponse, source: ByteSource, start: number, end: number, delivery: FileDelivery, faulty: boolean): Promise<void> {
  const stallAt = faulty ? delivery.stallAfterBytes : undefined;
  const dropAt = faulty ? delivery.dropAfterBytes : undefined;
  const pauseEvery = delivery.pauseMs && delivery.pauseEveryBytes ? delivery.pauseEveryBytes : undefined;
  let sent = 0;
  let sinceByPause = 0;
  while (start + sent < end) {
    if (res.destroyed) return;
    let take = Math.min(WRITE_BYTES, end - start - sent);
    for (const limit of [stallAt, dropAt, pauseEvery === undefined ? undefined : sent + pauseEvery - sinceByPause]) {
      if (limit !== undefined && limit >= sent) take = Math.min(take, limit - sent);
    }
    if (take > 0 && !(await write(res, source(start + sent, take)))) return;
    sent += take;
    sinceByPause += take;
    if (dropAt !== undefined && sent >= dropAt) {
      res.destroy();
      return;
    }
    // Stalled: the response stays open with nothing more to say until the client gives up.
    if (stallAt !== undefined && sent >= stallAt) return;
    if (pauseEvery !== undefined && sinceByPause >= pauseEvery) {
      sinceByPause = 0;
      await new Promise((resolve) => setTimeout(resolve, delivery.pauseMs));
    }
  }
  res.end();
}

/** Resolves false when the connection closed instead of draining. */
function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
