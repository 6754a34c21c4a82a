import { PassThrough } from 'node:stream';
import { AppError } from '../../contract/errors';
import { classifyRegistryMessage } from '../registry/registry-errors';
import { parseRegistryAddress } from '../registry/registry-address';
import { type PushEngine, pushImage } from './push-image';
import { createPushAggregator } from './push-progress';
import { recordedLines, recordedPush } from './testing/recorded-push';

// The push streams of the engines users run today, as recorded from the real engines
// (test/fixtures/push-events/<engine>, test/infra/sid-engines.sh): Docker 28 with the containerd image
// store sends no aux event, Podman 5 sends two lines once the upload is over.

function replay(lines: string[]) {
  const aggregator = createPushAggregator();
  const percents: number[] = [];
  lines.forEach((line, i) => {
    aggregator.apply(line);
    percents.push(aggregator.snapshot(i * 100).percent);
  });
  return { aggregator, percents, last: aggregator.snapshot(lines.length * 100) };
}

describe('push streams of Docker 28 (containerd image store) and Podman 5', () => {
  it('Docker 28 containerd store: 100% exactly at the digest line, with its digest', () => {
    const lines = recordedLines('first-push', 'docker28cd');
    const digestAt = lines.findIndex((l) => l.includes(': digest: sha256:'));
    expect(lines.some((l) => l.includes('"aux"'))).toBe(false);
    const { aggregator, percents, last } = replay(lines);
    expect(percents.slice(0, digestAt).every((p) => p < 100)).toBe(true);
    expect(percents[digestAt]).toBe(100);
    expect(last).toMatchObject({ phase: 'done', percent: 100, layersDone: 1, layersTotal: 1, bytesSent: 199_454_720 });
    expect(aggregator.result()?.digest).toBe('sha256:571f89e06ab14d756f7ebfc5024b5913eaf020af8fff3b5308bc0de3cba28ceb');
  });

  it('Docker 28 containerd store: many layers, re-push and mount end at 100% with the digest', () => {
    for (const scenario of ['many-layers', 're-push', 'mounted'] as const) {
      const { aggregator, last } = replay(recordedLines(scenario, 'docker28cd'));
      expect(last.percent, scenario).toBe(100);
      expect(last.layersDone, scenario).toBe(last.layersTotal);
      expect(aggregator.result()?.digest, scenario).toMatch(/^sha256:[a-f0-9]{64}$/);
    }
  });

  it('Docker 28 (containerd store) on a connection that hangs: the same figures every 100 ms end in registry-stalled', async () => {
    const stream = new PassThrough();
    const engine = {
      getImage: () => ({ tag: async () => undefined, push: async () => stream }),
      checkAuth: async () => ({ Status: 'Login Succeeded' }),
    } as unknown as PushEngine;
    const line = JSON.stringify({ status: 'Pushing', progressDetail: { current: 14680064, total: 199454720 }, id: 'b403298ee969' });
    const repeat = setInterval(() => stream.write(`${line}\n`), 20);
    try {
      const started = Date.now();
      const error = await pushImage({
        image: 'x:1',
        reference: '127.0.0.1:5000/rib/x:1',
        auth: { username: 'u', secret: 'p', kind: 'password' },
        docker: engine,
        stallTimeoutMs: 200,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'registry-stalled' });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      clearInterval(repeat);
    }
  });

  it('Podman: the two-line answer is a finished push with its digest, and no layers to show', () => {
    const lines = recordedLines('first-push', 'podman');
    expect(lines).toHaveLength(2);
    const { aggregator, percents, last } = replay(lines);
    expect(percents).toEqual([0, 100]);
    expect(last).toMatchObject({ phase: 'done', percent: 100, layersTotal: 0 });
    expect(aggregator.result()?.digest).toBe('sha256:a10c1a6d19d595271f8719685fdacd5571a627e53536d41c8132fb803ffdf5e5');
  });

  it('Podman: plain http at 127.0.0.1 is explained with its own rule and fix', () => {
    const [first] = recordedPush('loopback-address', 'podman').events;
    const message = (first?.event as { thrown: { message: string } }).thrown.message;
    const registry = parseRegistryAddress('127.0.0.1:37569');
    if (!registry.ok) throw new Error('address');
    const error = classifyRegistryMessage(message, { registry: registry.address, action: 'push' });
    expect(error.code).toBe('registry-tls');
    expect(error.message).toMatch(/Podman uses https/);
    expect(error.message).toMatch(/use localhost:37569 instead/);
    expect(error.message).toMatch(/insecure = true/);
  });

  it('Podman: plain http at an address elsewhere names registries.conf, not localhost', () => {
    const registry = parseRegistryAddress('192.0.2.2:5000');
    if (!registry.ok) throw new Error('address');
    // Podman's /auth in its words (login attempt … pinging container registry …), seen on 5.8.
    const message =
      'login attempt to 192.0.2.2:5000 failed with status: pinging container registry 192.0.2.2:5000: Get "https://192.0.2.2:5000/v2/": http: server gave HTTP response to HTTPS client';
    const error = classifyRegistryMessage(message, { registry: registry.address, action: 'login' });
    expect(error.code).toBe('registry-tls');
    expect(error.message).toMatch(
      /^192\.0\.2\.2:5000 answers with plain http, not https\. Podman uses https for every registry unless its registries\.conf marks it insecure\./,
    );
    expect(error.message).toContain('[[registry]] location = "192.0.2.2:5000" insecure = true');
    expect(error.message).toContain('~/.config/containers/registries.conf');
    expect(error.message).not.toMatch(/localhost|insecure-registries/);
  });

  it('Docker: plain http elsewhere names insecure-registries', () => {
    const registry = parseRegistryAddress('192.0.2.2:5000');
    if (!registry.ok) throw new Error('address');
    const error = classifyRegistryMessage('Get "https://192.0.2.2:5000/v2/": http: server gave HTTP response to HTTPS client', {
      registry: registry.address,
      action: 'push',
    });
    expect(error.message).toMatch(/insecure-registries/);
    expect(error.message).toContain('Add "192.0.2.2:5000" there and restart Docker');
    expect(error.message).not.toMatch(/Podman|registries\.conf/);
  });
});

/** An engine that, like Podman, answers the push request only when the upload is over. */
function silentEngine(options: { answerAfterMs: number | null; checkAuth: () => Promise<unknown> }) {
  const pushes: Record<string, unknown>[] = [];
  const engine = {
    getImage: () => ({
      tag: async () => undefined,
      push: (opts: Record<string, unknown>) => {
        pushes.push(opts);
        return new Promise((resolve, reject) => {
          const signal = opts.abortSignal as AbortSignal;
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          if (options.answerAfterMs === null) return;
          setTimeout(() => {
            const stream = new PassThrough();
            resolve(stream);
            for (const line of recordedLines('first-push', 'podman')) stream.write(`${line}\n`);
            stream.end();
          }, options.answerAfterMs);
        });
      },
    }),
    checkAuth: options.checkAuth,
  } as unknown as PushEngine;
  return { engine, pushes };
}

describe('pushImage on an engine that is silent until the upload is over', () => {
  const auth = { username: 'u', secret: 'p', kind: 'password' as const };
  const base = { image: 'x:1', reference: '127.0.0.1:5000/rib/x:1', auth };

  it('asks the registry when the engine is silent, and waits while it answers', async () => {
    let probes = 0;
    const fake = silentEngine({
      answerAfterMs: 250,
      checkAuth: async () => {
        probes += 1;
        return { Status: 'Login Succeeded' };
      },
    });
    const result = await pushImage({ ...base, docker: fake.engine, stallTimeoutMs: 60 });
    expect(result.digest).toBe('sha256:a10c1a6d19d595271f8719685fdacd5571a627e53536d41c8132fb803ffdf5e5');
    expect(probes).toBeGreaterThan(0);
    // A registry on this computer: the engine is asked to allow plain http (Podman needs it; Docker
    // ignores it), in the query, with no request body.
    expect(fake.pushes[0]).toMatchObject({ _query: { tlsVerify: false }, _body: {} });
  });

  it('reports a stall, naming the registry, when the registry does not answer either', async () => {
    // A registry that hangs: the login check waits until it is aborted, as dockerode does.
    const hang = (body: { abortSignal?: AbortSignal }) =>
      new Promise((_, reject) => body.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    const fake = silentEngine({ answerAfterMs: null, checkAuth: hang as () => Promise<unknown> });
    const started = Date.now();
    const error = await pushImage({ ...base, docker: fake.engine, stallTimeoutMs: 50, probeTimeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'registry-stalled', message: expect.stringMatching(/127\.0\.0\.1:5000/) });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('asks again after every heartbeat of silence while the registry answers, then finishes', async () => {
    let probes = 0;
    const fake = silentEngine({
      answerAfterMs: 400,
      checkAuth: async () => {
        probes += 1;
        return { Status: 'Login Succeeded' };
      },
    });
    const result = await pushImage({ ...base, docker: fake.engine, heartbeatMs: 50, stallTimeoutMs: 10_000 });
    expect(result.digest).toMatch(/^sha256:/);
    // 400 ms of silence, a check every 50 ms: several, not one per stall timeout.
    expect(probes).toBeGreaterThanOrEqual(4);
  });

  it("ends with the registry's own reason when nothing answers at its address any more", async () => {
    const refused = Object.assign(
      new Error(
        '(HTTP code 500) server error - login attempt to localhost:5000 failed with status: pinging container registry localhost:5000: Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused',
      ),
      { statusCode: 500 },
    );
    const fake = silentEngine({ answerAfterMs: null, checkAuth: async () => Promise.reject(refused) });
    const started = Date.now();
    const error = await pushImage({ ...base, reference: 'localhost:5000/rib/x:1', docker: fake.engine, heartbeatMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'registry-down',
      message:
        'Nothing answers at localhost:5000 during the push: the registry is down, or the address or port is wrong. Push again when it is back; layers already sent are skipped.',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('goes on while the registry answers with a refusal: it is up', async () => {
    const tls = Object.assign(
      new Error(
        '(HTTP code 500) server error - login attempt to 127.0.0.1:5000 failed with status: pinging container registry 127.0.0.1:5000: Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client',
      ),
      { statusCode: 500 },
    );
    let probes = 0;
    const fake = silentEngine({
      answerAfterMs: 300,
      checkAuth: async () => {
        probes += 1;
        return Promise.reject(tls);
      },
    });
    await expect(pushImage({ ...base, docker: fake.engine, heartbeatMs: 50 })).resolves.toMatchObject({ digest: expect.stringMatching(/^sha256:/) });
    expect(probes).toBeGreaterThanOrEqual(2);
  });

  it('asks for plain http only for a registry on this computer', async () => {
    const fake = silentEngine({ answerAfterMs: 0, checkAuth: async () => ({}) });
    await pushImage({ ...base, reference: 'registry.example.com/rib/x:1', docker: fake.engine });
    expect(fake.pushes[0]).toMatchObject({ _query: {}, _body: {} });
    expect(fake.pushes[0]?._query).not.toHaveProperty('tlsVerify');
  });
});
