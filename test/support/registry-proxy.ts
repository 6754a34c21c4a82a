// A registry of the test's own in front of a real one: an HTTP proxy on a free 127.0.0.1 port that
// watches a push from the registry's side. Podman reports nothing about a push until it is over, so
// "the upload is under way", "this blob is in" and "the retry did not send it again" are read here,
// where they happen, the same way for every engine:
//  - uploadedBytes(): request-body bytes of blob uploads forwarded to the registry;
//  - blobsStored(): digests of the blob uploads the registry accepted (PUT …?digest=, 201);
//  - a rate limit on upload bodies, so a push on this computer lasts long enough to act in the middle;
//  - hold(): upload requests are no longer read (the registry still answers everything else), as a
//    registry that stops taking the upload would behave.
// The Host header is kept, so the upload URLs the registry hands back point at the proxy.
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export interface RegistryProxyOptions {
  /** host:port of the real registry. */
  upstream: string;
  /** How the engine under test must name a registry on this computer ('127.0.0.1', or 'localhost' for Podman). */
  hostname: string;
  /** Upload bytes per second across all connections; none by default. */
  uploadBytesPerSecond?: number;
}

const UPLOAD = /\/v2\/.+\/blobs\/uploads\//;

export class RegistryProxy {
  private server: Server | null = null;
  private uploaded = 0;
  private stored: string[] = [];
  private held: Array<() => void> = [];
  private heldChunks: Array<() => void> = [];
  private holding = false;
  private waiters: Array<{ bytes: number; resolve: () => void }> = [];
  // The rate limit: when the next byte may go, shared by every upload.
  private nextSendAt = 0;

  /** host:port to log in to and push to, once started. */
  host = '';

  constructor(private readonly options: RegistryProxyOptions) {}

  async start(): Promise<string> {
    const [upstreamHost, upstreamPort] = this.options.upstream.split(':');
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '';
      const upload = UPLOAD.test(url) && (req.method === 'PATCH' || req.method === 'PUT');
      const forward = (): void => {
        // Held, and the engine gave up meanwhile (a cancel): nothing to pass on.
        if (req.destroyed) return;
        const upstream = request({ host: upstreamHost, port: Number(upstreamPort), method: req.method, path: url, headers: req.headers }, (answer) => {
          const digest = /[?&]digest=(sha256(?::|%3A)[a-f0-9]{64})/i.exec(url)?.[1];
          if (upload && req.method === 'PUT' && answer.statusCode === 201 && digest !== undefined) this.stored.push(decodeURIComponent(digest));
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        // The registry went away: the engine sees its connection cut, as it would without us.
        upstream.on('error', () => res.destroy());
        const meter = upload ? this.meter() : null;
        // The engine hung up (a cancel): so does the proxy, as the registry would see it, and what
        // the proxy had read ahead of the rate limit is dropped, not counted as still arriving.
        res.on('close', () => {
          if (res.writableFinished) return;
          meter?.destroy();
          upstream.destroy();
        });
        (meter === null ? req : req.pipe(meter)).pipe(upstream);
      };
      // A held upload is not read: the engine's writes back up, as with a registry that stopped taking it.
      if (upload && this.holding) this.held.push(forward);
      else forward();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.host = `${this.options.hostname}:${(this.server.address() as AddressInfo).port}`;
    return this.host;
  }

  uploadedBytes(): number {
    return this.uploaded;
  }

  blobsStored(): string[] {
    return [...this.stored];
  }

  /** Resolves once this many upload bytes went to the registry (the upload is under way), or rejects after timeoutMs. */
  waitForUploadBytes(bytes: number, timeoutMs: number): Promise<void> {
    if (this.uploaded >= bytes) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        bytes,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${bytes} bytes of upload reached the registry within ${timeoutMs} ms (${this.uploaded} did)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Uploads stop where they are and new ones are not read; everything else still goes through. */
  hold(): void {
    this.holding = true;
  }

  /** Lets everything through, held uploads included. */
  release(): void {
    this.holding = false;
    for (const forward of this.held.splice(0)) forward();
    for (const send of this.heldChunks.splice(0)) send();
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Counts upload bytes, and spaces them out to the rate limit. */
  private meter(): Transform {
    const rate = this.options.uploadBytesPerSecond;
    const meter: Transform = new Transform({
      transform: (chunk: Buffer, _encoding, callback: TransformCallback) => {
        const send = (): void => {
          if (meter.destroyed) return;
          if (this.holding) {
            this.heldChunks.push(send);
            return;
          }
          this.uploaded += chunk.length;
          for (const waiter of this.waiters.filter((w) => this.uploaded >= w.bytes)) {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            waiter.resolve();
          }
          callback(null, chunk);
        };
        if (rate === undefined) {
          send();
          return;
        }
        const now = Date.now();
        const at = Math.max(now, this.nextSendAt);
        this.nextSendAt = at + (chunk.length / rate) * 1000;
        if (at <= now) send();
        else setTimeout(send, at - now);
      },
    });
    return meter;
  }
}
