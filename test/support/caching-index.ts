import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A package index in front of the test index that answers as PyPI does, and counts what it is asked. */
export interface CachingIndex {
  /** The simple index to give pip, e.g. http://127.0.0.1:40123/simple. */
  url: string;
  /** Paths asked for, in order, since the last clear. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * up.sh's index is `python3 -m http.server`, whose answers carry no caching headers, so pip's HTTP
 * cache never keeps a wheel from it. PyPI's file host sends `Cache-Control: max-age=365000000,
 * immutable` for each file (seen on files.pythonhosted.org): this proxy adds that to the wheels,
 * so a test sees what a user's pip cache does with PyPI.
 */
export async function startCachingIndex(upstreamSimpleUrl: string): Promise<CachingIndex> {
  const upstream = new URL(upstreamSimpleUrl);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    get(new URL(path, upstream.origin), (answer: IncomingMessage) => {
      const headers = { ...answer.headers };
      if (path.startsWith('/packages/')) headers['cache-control'] = 'max-age=365000000, immutable, public';
      response.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(response);
    }).on('error', (error) => {
      response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
