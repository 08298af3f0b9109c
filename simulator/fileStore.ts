import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES } from './content';
import { planBody, sendBody } from './fileDelivery';
import type { SimStore } from './state';
import type { SimFile } from './types';

export interface FileStoreCounters {
  requests: number;
  /** Requests that carried an Authorization header: must stay 0 for a well-behaved client. */
  withAuthorization: number;
  rejected: number;
  /** Answered 206 to a Range request (a resumed download). */
  rangeRequests: number;
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/**
 * The "cloud storage" origin that download redirects point to: a second HTTP server on another port
 * (a different origin), serving files by pre-signed, expiring URLs — and counting Authorization headers.
 */
export class FileStore {
  readonly counters: FileStoreCounters = { requests: 0, withAuthorization: 0, rejected: 0, rangeRequests: 0 };
  /** Responses per file that got the file's stall/drop (for `delivery.faultTimes`). */
  private readonly faultedResponses = new Map<number, number>();
  /** Lifetime of a signed URL in ms (wall time). */
  expiryMs = 5 * 60_000;
  private readonly secret = randomBytes(32);
  private server?: Server;
  url = '';

  constructor(private readonly store: SimStore) {}

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.counters.requests++;
      if (req.headers.authorization !== undefined) this.counters.withAuthorization++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/blob\/(\d+)\/([^/]+)$/.exec(url.pathname);
      const reject = (status: number, code: string, message: string): void => {
        this.counters.rejected++;
        res.writeHead(status, { 'Content-Type': 'application/xml' }).end(xmlError(code, message));
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return reject(405, 'UnsupportedHttpVerb', 'Only GET is supported.');
      if (!m) return reject(404, 'ResourceNotFound', 'The specified resource does not exist.');
      const fileId = Number(m[1]);
      const expires = Number(url.searchParams.get('se'));
      const sig = url.searchParams.get('sig') ?? '';
      const expected = this.sign(fileId, expires);
      if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
        return reject(403, 'AuthenticationFailed', 'Signature did not match.');
      }
      if (!Number.isFinite(expires) || Date.now() > expires) return reject(403, 'AuthenticationFailed', 'Signed expiry time has passed.');
      const file = this.store.files.get(fileId);
      if (!file) return reject(404, 'BlobNotFound', 'The specified blob does not exist.');
      const delivery = file.delivery ?? {};
      const plan = planBody(req, this.store.sizeOf(file), `"sim-${file.id}-${this.store.sizeOf(file)}"`, delivery);
      if (plan.status === 206) this.counters.rangeRequests++;
      res.writeHead(plan.status, {
        'Content-Type': CONTENT_TYPES[file.kind],
        'Content-Disposition': contentDisposition(file.name),
        ...plan.headers,
      });
      if (req.method === 'HEAD' || plan.status === 416) return void res.end();
      // Headers go out now, so a body that stalls at byte 0 is a stall, not a missing answer.
      res.flushHeaders();
      const faulty = (this.faultedResponses.get(file.id) ?? 0) < (delivery.faultTimes ?? Infinity);
      if (faulty && (delivery.stallAfterBytes !== undefined || delivery.dropAfterBytes !== undefined)) {
        this.faultedResponses.set(file.id, (this.faultedResponses.get(file.id) ?? 0) + 1);
      }
      void sendBody(res, this.store.sourceOf(file), plan.start, plan.end, delivery, faulty);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  private sign(fileId: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${fileId}:${expires}`).digest('hex');
  }

  /** A pre-signed, expiring URL for the file on this origin. */
  signedUrl(file: SimFile): string {
    const expires = Date.now() + this.expiryMs;
    return `${this.url}/blob/${file.id}/${encodeURIComponent(file.name)}?se=${expires}&sig=${this.sign(file.id, expires)}`;
  }

  resetCounters(): void {
    Object.assign(this.counters, { requests: 0, withAuthorization: 0, rejected: 0, rangeRequests: 0 });
    this.faultedResponses.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * RFC 6266: an ASCII fallback plus the UTF-8 name percent-encoded, as a blob store sends it. A name
 * with control characters or quotes (hostile-name tests) must not make the header invalid.
 */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
