import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { type PushEngine, type PushUpdate, pushImage } from './push-image';
import { recordedLines } from './testing/recorded-push';

/** An engine whose push stream the test writes to, line by line. */
function fakeEngine(options: { tagError?: Error; pushError?: Error; checkAuth?: () => Promise<unknown> } = {}) {
  const stream = new PassThrough();
  const calls: { tag: unknown[]; push: { name: string; options: Record<string, unknown> }[]; checkAuth: unknown[] } = {
    tag: [],
    push: [],
    checkAuth: [],
  };
  let pushSignal: AbortSignal | undefined;
  const engine = {
    getImage: (name: string) => ({
      tag: async (opts: unknown) => {
        calls.tag.push({ name, ...(opts as object) });
        if (options.tagError) throw options.tagError;
      },
      push: async (opts: Record<string, unknown>) => {
        calls.push.push({ name, options: opts });
        pushSignal = opts.abortSignal as AbortSignal;
        if (options.pushError) throw options.pushError;
        return stream;
      },
    }),
    checkAuth: async (body: unknown) => {
      calls.checkAuth.push(body);
      return (options.checkAuth ?? (async () => ({ Status: 'Login Succeeded' })))();
    },
  } as unknown as PushEngine;
  return {
    engine,
    stream,
    calls,
    pushSignal: () => pushSignal,
    write: (lines: string[]) => {
      for (const line of lines) stream.write(`${line}\r\n`);
    },
  };
}

const auth = { username: 'testuser', secret: 'pw-unit', kind: 'password' as const };
const base = { image: 'python:3.11-slim', reference: '127.0.0.1:5000/rib/python:3.11-slim', auth };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
};

describe('pushImage', () => {
  it('tags, pushes with the login, reports every event and resolves with the digest', async () => {
    const fake = fakeEngine();
    const updates: PushUpdate[] = [];
    const pushing = pushImage({ ...base, docker: fake.engine, onEvent: (u) => updates.push(u) });
    await until(() => fake.calls.push.length > 0);
    const lines = recordedLines('first-push');
    fake.write(lines);
    fake.stream.end();
    const result = await pushing;
    expect(fake.calls.tag).toEqual([{ name: 'python:3.11-slim', repo: '127.0.0.1:5000/rib/python', tag: '3.11-slim', abortSignal: expect.any(AbortSignal) }]);
    expect(fake.calls.push[0]?.name).toBe('127.0.0.1:5000/rib/python:3.11-slim');
    expect(fake.calls.push[0]?.options.authconfig).toEqual({ username: 'testuser', password: 'pw-unit', serveraddress: '127.0.0.1:5000' });
    expect(result).toEqual({
      reference: '127.0.0.1:5000/rib/python:3.11-slim',
      digest: expect.stringMatching(/^sha256:/),
      size: 529,
      pinned: `127.0.0.1:5000/rib/python@${result.digest}`,
      layersPushed: 1,
      layersReused: 0,
    });
    expect(updates).toHaveLength(lines.length);
    expect(updates.at(-1)?.progress).toMatchObject({ phase: 'done', percent: 100 });
  });

  it('fails on an error event although the stream ends normally', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    fake.write(recordedLines('wrong-password'));
    fake.stream.end();
    await expect(pushing).rejects.toMatchObject({ code: 'login-required', detail: 'unauthorized: authentication required' });
  });

  it('reads the registry being gone from the final error event', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    // Without the retry countdown (so no probe), the reason comes from the engine's final event.
    fake.write(recordedLines('registry-gone').filter((l) => !l.includes('Retrying')));
    await expect(pushing).rejects.toMatchObject({
      code: 'registry-down',
      message: expect.stringMatching(/Nothing answers at 127\.0\.0\.1:\d+ during the push/),
    });
  });

  it('ends at once when the engine starts retrying and the registry does not answer', async () => {
    const refused = Object.assign(new Error('(HTTP code 500) server error - dial tcp 127.0.0.1:5000: connect: connection refused'), { statusCode: 500 });
    const fake = fakeEngine({ checkAuth: async () => Promise.reject(refused) });
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    const started = Date.now();
    fake.write(['{"status":"Preparing","progressDetail":{},"id":"a"}', '{"status":"Retrying in 5 seconds","progressDetail":{},"id":"a"}']);
    await expect(pushing).rejects.toMatchObject({ code: 'registry-down' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(fake.calls.checkAuth).toHaveLength(1);
    expect(fake.pushSignal()?.aborted).toBe(true);
  });

  it('lets the engine retry when the registry answers, and finishes', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    fake.write(recordedLines('registry-restarted'));
    fake.stream.end();
    await expect(pushing).resolves.toMatchObject({ layersPushed: 2 });
    expect(fake.calls.checkAuth.length).toBeGreaterThanOrEqual(1);
  });

  it('ends with push-incomplete when the stream ends without a digest', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    fake.write(['{"status":"Preparing","progressDetail":{},"id":"a"}']);
    fake.stream.end();
    await expect(pushing).rejects.toMatchObject({ code: 'push-incomplete' });
  });

  it('takes the digest line when an engine sends no aux event', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine });
    await until(() => fake.calls.push.length > 0);
    fake.write(recordedLines('re-push').filter((l) => !l.includes('"aux"')));
    fake.stream.end();
    await expect(pushing).resolves.toMatchObject({ size: 529, layersReused: 1 });
  });

  it('ends a push whose stream goes silent with registry-stalled', async () => {
    const fake = fakeEngine();
    const pushing = pushImage({ ...base, docker: fake.engine, stallTimeoutMs: 100 });
    await until(() => fake.calls.push.length > 0);
    fake.write(['{"status":"Pushing","progressDetail":{"current":10,"total":100},"id":"a"}']);
    const started = Date.now();
    await expect(pushing).rejects.toMatchObject({ code: 'registry-stalled' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.stream.destroyed).toBe(true);
    expect(fake.pushSignal()?.aborted).toBe(true);
  });

  it('cancels at once: the stream is destroyed and the request aborted', async () => {
    const fake = fakeEngine();
    const controller = new AbortController();
    const pushing = pushImage({ ...base, docker: fake.engine, signal: controller.signal });
    await until(() => fake.calls.push.length > 0);
    fake.write(['{"status":"Pushing","progressDetail":{"current":10,"total":100},"id":"a"}']);
    controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
    await expect(pushing).rejects.toMatchObject({ code: 'cancelled', message: 'Cancelled by the user.' });
    expect(fake.stream.destroyed).toBe(true);
    expect(fake.pushSignal()?.aborted).toBe(true);
  });

  it('does not start when already cancelled, and checks the reference first', async () => {
    const fake = fakeEngine();
    await expect(pushImage({ ...base, docker: fake.engine, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    await expect(pushImage({ ...base, reference: 'pandas:1', docker: fake.engine })).rejects.toMatchObject({ code: 'push-reference-invalid' });
    expect(fake.calls.tag).toHaveLength(0);
  });

  it('says when the image is not there', async () => {
    const missing = Object.assign(new Error('(HTTP code 404) no such image - No such image: nope:1'), { statusCode: 404 });
    const fake = fakeEngine({ tagError: missing });
    await expect(pushImage({ ...base, image: 'nope:1', docker: fake.engine })).rejects.toMatchObject({ code: 'image-not-found' });
  });

  it('classifies push errors: denied, unknown', async () => {
    for (const [line, code] of [
      ['{"error":"denied: requested access to the resource is denied"}', 'push-denied'],
      ['{"error":"blob upload invalid"}', 'push-failed'],
    ] as const) {
      const fake = fakeEngine();
      const pushing = pushImage({ ...base, docker: fake.engine });
      await until(() => fake.calls.push.length > 0);
      fake.write([line]);
      await expect(pushing).rejects.toMatchObject({ code });
    }
  });

  it('sends the push request with no body, through the real dockerode, so an engine sees a cancel', async () => {
    // Podman's push handler never reads a request body, and Go's server notices a client that hung up
    // only once the body was read: with one, a cancelled push went on (seen on Podman 5.8).
    const seen: { method: string; url: string; body: string; auth: boolean }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body, auth: typeof req.headers['x-registry-auth'] === 'string' });
        if (req.url?.includes('/push')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(recordedLines('first-push', 'podman').join('\n'));
        } else res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const docker = new Dockerode({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' });
      await pushImage({ ...base, docker });
      const push = seen.find((r) => r.url.includes('/push'));
      expect(push).toEqual({ method: 'POST', url: '/images/127.0.0.1:5000/rib/python:3.11-slim/push?tlsVerify=false', body: '', auth: true });
    } finally {
      server.close();
    }
  });
});
