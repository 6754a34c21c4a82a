import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineCandidate } from '../../contract/domain/engine';
import { probeEngine } from './probe-engine';

// Small in-process stand-ins for an engine on a unix socket: they answer like the real API does.
let dir: string;
const servers: { close(): unknown }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rib-probe-'));
});
afterAll(async () => {
  for (const server of servers) server.close();
  await rm(dir, { recursive: true, force: true });
});

const dockerVersion = {
  Version: '28.2.2',
  ApiVersion: '1.50',
  MinAPIVersion: '1.24',
  Os: 'linux',
  Arch: 'arm64',
  Components: [{ Name: 'Engine', Version: '28.2.2' }],
};
const dockerInfo = { OperatingSystem: 'Docker Desktop', Name: 'docker-desktop', OSType: 'linux', Architecture: 'aarch64' };

async function fakeEngine(name: string, routes: Record<string, { status?: number; body: unknown }>): Promise<EngineCandidate> {
  const socketPath = join(dir, `${name}.sock`);
  const server: Server = createHttpServer((request, response) => {
    const route = routes[request.url ?? ''];
    response.writeHead(route?.status ?? (route === undefined ? 404 : 200), { 'Content-Type': 'application/json' });
    response.end(typeof route?.body === 'string' ? route.body : JSON.stringify(route?.body ?? { message: 'page not found' }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return unixCandidate(socketPath);
}

function unixCandidate(socketPath: string): EngineCandidate {
  return {
    id: `unix://${socketPath}`,
    source: { kind: 'known-socket', product: 'Docker Engine' },
    endpoint: { transport: 'unix', socketPath },
    display: `unix://${socketPath}`,
    productHint: 'Docker Engine',
  };
}

describe('probeEngine', () => {
  it('describes an engine that answers', async () => {
    const candidate = await fakeEngine('desktop', { '/version': { body: dockerVersion }, '/info': { body: dockerInfo } });
    const probe = await probeEngine(candidate, { timeoutMs: 2000 });
    expect(probe).toMatchObject({
      ok: true,
      candidateId: candidate.id,
      engine: {
        product: 'Docker Desktop',
        version: '28.2.2',
        apiVersion: '1.50',
        os: 'linux',
        arch: 'arm64',
        operatingSystem: 'Docker Desktop',
        name: 'docker-desktop',
        endpoint: candidate.display,
        source: candidate.source,
      },
    });
  });

  it('still succeeds when info() fails, and reports Podman with its own version', async () => {
    const podmanVersion = { ...dockerVersion, Version: '5.2.1', ApiVersion: '1.41', Components: [{ Name: 'Podman Engine', Version: '5.2.1' }] };
    const candidate = await fakeEngine('podman', { '/version': { body: podmanVersion }, '/info': { status: 500, body: { message: 'boom' } } });
    const probe = await probeEngine(candidate, { timeoutMs: 2000 });
    expect(probe).toMatchObject({ ok: true, engine: { product: 'Podman', version: '5.2.1', operatingSystem: null } });
  });

  it('refuses an engine older than API 1.41 and says which minimum', async () => {
    const old = { ...dockerVersion, Version: '19.03.15', ApiVersion: '1.40' };
    const candidate = await fakeEngine('old', { '/version': { body: old }, '/info': { body: dockerInfo } });
    const probe = await probeEngine(candidate, { timeoutMs: 2000 });
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.error).toMatchObject({
      code: 'api-too-old',
      message: expect.stringContaining('is version 19.03.15 (API 1.40); this app needs API 1.41 (Docker Engine 20.10) or newer.'),
    });
  });

  it('says when something that is not Docker answers', async () => {
    const notFound = await fakeEngine('web', {});
    expect(await probeEngine(notFound, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'unexpected-response' } });
    const html = await fakeEngine('html', { '/version': { body: '<html>hi</html>' } });
    expect(await probeEngine(html, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: { code: 'unexpected-response', detail: '<html>hi</html>' },
    });
  });

  it('gives up on a socket that accepts but never answers, within the timeout', async () => {
    const socketPath = join(dir, 'silent.sock');
    const silent = createNetServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
    const started = performance.now();
    const probe = await probeEngine(unixCandidate(socketPath), { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(probe).toMatchObject({ ok: false, error: { code: 'not-answering', message: expect.stringMatching(/within 0.3 s/) } });
  });

  it('reports a missing socket as no-socket', async () => {
    const probe = await probeEngine(unixCandidate(join(dir, 'absent.sock')), { timeoutMs: 1000 });
    expect(probe).toMatchObject({ ok: false, error: { code: 'no-socket' } });
  });
});
