import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confirmWithIndex } from './package-index';

/** A fake PEP 503/691 index: a few projects, one that fails, one that never answers. */
function startIndex(handler?: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server; accepts: string[] }> {
  const accepts: string[] = [];
  const projects = new Set(['numpy', 'scikit-learn', 'python-dateutil', 'opencv-python']);
  const server = createServer(
    handler ??
      ((req, res) => {
        accepts.push(String(req.headers.accept));
        const match = /^\/simple\/([^/]+)\/$/.exec(req.url ?? '');
        const name = match?.[1] ?? '';
        if (name === 'flaky') {
          res.writeHead(503).end('maintenance');
        } else if (name === 'never-answers') {
          // Hold the request open: the client's timeout has to end it.
        } else if (projects.has(name) && name === 'numpy') {
          res.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' });
          res.end(JSON.stringify({ meta: { 'api-version': '1.1' }, name, files: [] }));
        } else if (projects.has(name)) {
          res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<html><body><a href="../../f/${name}-1.0.tar.gz">x</a></body></html>`);
        } else {
          res.writeHead(404).end('not found');
        }
      }),
  );
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/simple/`, server, accepts });
    });
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('confirmWithIndex', () => {
  it('says found for 200 (JSON or HTML) and not-found for 404, by normalized name', async () => {
    const index = await startIndex();
    try {
      const result = await confirmWithIndex(['numpy', 'Scikit_Learn', 'python-dateutil', 'no-such-dist', 'numpy'], {
        indexUrl: index.url,
      });
      expect(result.reachable).toBe(true);
      expect(result.message).toBeNull();
      expect(result.results.map((entry) => [entry.name, entry.normalized, entry.status])).toEqual([
        ['numpy', 'numpy', 'found'],
        ['Scikit_Learn', 'scikit-learn', 'found'],
        ['python-dateutil', 'python-dateutil', 'found'],
        ['no-such-dist', 'no-such-dist', 'not-found'],
      ]);
      // PEP 691 negotiation with an HTML fallback.
      expect(index.accepts[0]).toMatch(/^application\/vnd\.pypi\.simple\.v1\+json/);
      expect(index.accepts[0]).toMatch(/text\/html/);
    } finally {
      await stop(index.server);
    }
  });

  it('accepts an index URL without the trailing slash', async () => {
    const index = await startIndex();
    try {
      const result = await confirmWithIndex(['numpy'], { indexUrl: index.url.replace(/\/$/, '') });
      expect(result.results[0]?.status).toBe('found');
    } finally {
      await stop(index.server);
    }
  });

  it('keeps going when some answers are errors or time out', async () => {
    const index = await startIndex();
    try {
      const result = await confirmWithIndex(['numpy', 'flaky', 'never-answers', 'opencv-python'], {
        indexUrl: index.url,
        timeoutMs: 300,
      });
      expect(result.reachable).toBe(true);
      expect(result.results.map((entry) => [entry.name, entry.status, entry.detail])).toEqual([
        ['numpy', 'found', null],
        ['flaky', 'unknown', 'HTTP 503'],
        ['never-answers', 'unknown', 'no answer within 300 ms'],
        ['opencv-python', 'found', null],
      ]);
      expect(result.message).toMatch(/2 of 4 names/);
    } finally {
      await stop(index.server);
    }
  });

  it('says the index is unreachable, without failing, when nothing listens', async () => {
    const index = await startIndex();
    await stop(index.server);
    const started = Date.now();
    const result = await confirmWithIndex(['numpy', 'pandas', 'scipy'], { indexUrl: index.url, timeoutMs: 2000 });
    expect(result.reachable).toBe(false);
    expect(result.message).toMatch(/could not be reached/);
    expect(result.results.every((entry) => entry.status === 'unknown')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up after one probe when the index does not answer in time', async () => {
    const index = await startIndex(() => {
      // never answers
    });
    try {
      const started = Date.now();
      const result = await confirmWithIndex(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], {
        indexUrl: index.url,
        timeoutMs: 200,
      });
      expect(result.reachable).toBe(false);
      expect(result.message).toMatch(/no answer within 200 ms/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await stop(index.server);
    }
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(null, { status: String(input).includes('/numpy/') ? 200 : 404 });
    };
    const result = await confirmWithIndex(['numpy', 'nope'], { indexUrl: 'https://mirror.example/simple', fetch: fakeFetch });
    expect(calls.sort()).toEqual(['https://mirror.example/simple/nope/', 'https://mirror.example/simple/numpy/']);
    expect(result.results.map((entry) => entry.status)).toEqual(['found', 'not-found']);
  });

  it('returns an empty answer for no names, without any request', async () => {
    const fakeFetch: typeof fetch = () => Promise.reject(new Error('should not be called'));
    expect(await confirmWithIndex([], { indexUrl: 'https://x/simple/', fetch: fakeFetch })).toMatchObject({ reachable: true, results: [] });
  });
});
