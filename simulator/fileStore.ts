import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES } from './content';
import type { SimStore } from './state';
import type { SimFile } from './types';

export interface FileStoreCounters {
  requests: number;
  /** Requests that carried an Authorization header: must stay 0 for a well-behaved client. */
  withAuthorization: number;
  rejected: number;
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/**
 * The "cloud storage" origin that download redirects point to: a second HTTP server on another port
 * (a different origin), serving files by pre-signed, expiring URLs — and counting Authorization headers.
 */
export class FileStore {
  readonly counters: FileStoreCounters = { requests: 0, withAuthorization: 0, rejected: 0 };
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
      const body = this.store.contentOf(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[file.kind],
        'Content-Length': String(body.length),
        'Content-Disposition': `attachment; filename="${file.name}"`,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
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
    Object.assign(this.counters, { requests: 0, withAuthorization: 0, rejected: 0 });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
