import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GateMode = 'open' | 'hold' | 'deny';

/**
 * A registry of the test's own in front of the shared one (an HTTP proxy on a free 127.0.0.1 port,
 * which the engine treats as insecure like the real one). Logins pass through to the real registry;
 * the test decides what happens to the blob uploads of a push: 'open' lets them through, 'hold'
 * stalls them until `open()` (the push stays running, part way), 'deny' answers the manifest (the last
 * request of a push) with 403 DENIED: the engine retries refused layer uploads for a minute, but not
 * the manifest, so the push fails at once. Nothing shared is stopped or changed.
 */
export class RegistryGate {
  private server: Server | null = null;
  private mode: GateMode = 'open';
  private waiting: Array<() => void> = [];

  constructor(private readonly upstream: string) {}

  /** host:port of the gate, to log in to and push to. */
  address = '';

  async start(): Promise<string> {
    const [upstreamHost, upstreamPort] = this.upstream.split(':');
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const upload = /\/blobs\/uploads\//.test(req.url ?? '');
      const manifest = req.method === 'PUT' && /\/manifests\//.test(req.url ?? '');
      if (manifest && this.mode === 'deny') {
        res.writeHead(403, { 'Content-Type': 'application/json', 'Docker-Distribution-API-Version': 'registry/2.0' });
        res.end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }));
        req.resume();
        return;
      }
      const forward = () => {
        // The Host header is kept, so the upload URLs the registry hands back point at the gate.
        const upstream = request({ host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      };
      // Held uploads are not read: the engine's writes back up and its progress stops where it is.
      if (upload && this.mode === 'hold' && req.method !== 'POST') this.waiting.push(forward);
      else forward();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.address = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.address;
  }

  hold(): void {
    this.mode = 'hold';
  }

  deny(): void {
    this.mode = 'deny';
  }

  /** Lets everything through, held uploads included. */
  open(): void {
    this.mode = 'open';
    for (const forward of this.waiting.splice(0)) forward();
  }

  /** How many uploads are waiting (the push has reached the gate). */
  held(): number {
    return this.waiting.length;
  }

  async stop(): Promise<void> {
    this.open();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
