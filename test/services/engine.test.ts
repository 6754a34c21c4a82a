// Engine discovery and probing against real engines: the test engine named by DOCKER_HOST (started by
// test/infra/up.sh), and a second dockerd behind mutual TLS that this file starts and stops itself
// (test/infra/tls-engine.sh). Under CI=true a missing engine fails; elsewhere those tests are
// skipped with the reason printed.
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type EngineCandidate, EngineStatus } from '../../electron/contract/domain/engine';
import { contextPaths } from '../../electron/services/docker-config/docker-contexts';
import { nodeFileAccess } from '../../electron/services/docker-config/file-access';
import { discoverEngines } from '../../electron/services/engine/discover-engines';
import { createDockerClient } from '../../electron/services/engine/docker-client';
import { engineStatus } from '../../electron/services/engine/engine-status';
import { probeEngine } from '../../electron/services/engine/probe-engine';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const tlsScript = join(repo, 'test/infra/tls-engine.sh');
const isCI = process.env.CI === 'true' || process.env.CI === '1';

let scratch: string;
let emptyHome: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rib-engine-test-'));
  emptyHome = join(scratch, 'home');
  await mkdir(emptyHome);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Fails under CI, skips (saying why) elsewhere. */
function unavailable(ctx: { skip: (note?: string) => void }, reason: string): never {
  if (isCI) throw new Error(`CI=true but ${reason}`);
  console.warn(`[engine.test] skipping: ${reason}`);
  ctx.skip(reason);
  throw new Error('unreachable');
}

/** Discovery as the app does it, but with only the variables given and a home of our choosing. */
function discover(env: Record<string, string>, homedir = emptyHome) {
  return discoverEngines({ env, homedir, platform: 'linux', files: nodeFileAccess });
}

describe('the local test engine (DOCKER_HOST)', () => {
  const dockerHost = process.env.DOCKER_HOST;
  let missing: string | null = null;

  beforeAll(async () => {
    if (dockerHost === undefined || dockerHost === '') {
      missing = 'DOCKER_HOST is not set: run through `npm test`, or test/infra/up.sh and source .test-env/env.sh';
      return;
    }
    const [candidate] = (await discover({ DOCKER_HOST: dockerHost })).candidates;
    const probe = candidate === undefined ? null : await probeEngine(candidate, { timeoutMs: 5000 });
    if (probe?.ok !== true) missing = `no engine answers at DOCKER_HOST=${dockerHost}: ${probe?.ok === false ? probe.error.message : 'no candidate'}`;
  });

  it('is found first, from DOCKER_HOST, and answers with its version, API, OS and arch', async (ctx) => {
    if (missing !== null) unavailable(ctx, missing);
    const { candidates } = await discover({ DOCKER_HOST: dockerHost ?? '' });
    const first = candidates[0];
    expect(first?.source).toEqual({ kind: 'docker-host' });
    expect(first?.endpoint.transport).toBe('unix');
    const probe = await probeEngine(first as EngineCandidate, { timeoutMs: 5000 });
    if (!probe.ok) throw new Error(probe.error.message);
    expect(probe.engine).toMatchObject({
      product: 'Docker Engine',
      version: expect.stringMatching(/^\d+\.\d+/),
      apiVersion: expect.stringMatching(/^1\.\d+$/),
      os: 'linux',
      endpoint: dockerHost,
      source: { kind: 'docker-host' },
    });
    expect(probe.engine.arch).not.toBe('unknown');
    expect(probe.engine.operatingSystem).not.toBeNull();
  });

  it('is selected by engineStatus with a "Connected to Docker Engine" message', async (ctx) => {
    if (missing !== null) unavailable(ctx, missing);
    const status = await engineStatus({
      env: { DOCKER_HOST: dockerHost ?? '' },
      homedir: emptyHome,
      platform: 'linux',
      files: nodeFileAccess,
      timeoutMs: 5000,
    });
    // What crosses IPC must satisfy the contract's schema.
    expect(EngineStatus.parse(status)).toEqual(status);
    expect(status.state).toBe('connected');
    if (status.state !== 'connected') return;
    expect(status.selectedId).toBe(dockerHost);
    expect(status.message).toMatch(/^Connected to Docker Engine \d+\.\d+$/);
  });

  it('gives later services a working dockerode client', async (ctx) => {
    if (missing !== null) unavailable(ctx, missing);
    const [candidate] = (await discover({ DOCKER_HOST: dockerHost ?? '' })).candidates;
    const docker = createDockerClient(candidate as EngineCandidate);
    expect(Array.isArray(await docker.listImages())).toBe(true);
  });
});

describe('a remote engine over tcp with mutual TLS (second dockerd)', () => {
  let cannotRun: string | null = null;
  let tlsDir = '';
  let startSeconds = 0;
  const host = 'tcp://127.0.0.1:23760';

  beforeAll(async () => {
    const root = process.getuid?.() === 0;
    const hasTools = ['dockerd', 'openssl', 'curl'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
    if (!root || !hasTools) {
      cannotRun = !root ? 'starting a second dockerd needs root' : 'dockerd, openssl or curl is not installed';
      return;
    }
    const started = performance.now();
    try {
      const { stdout } = await run('bash', [tlsScript, 'up'], { timeout: 180_000 });
      const certPath = /DOCKER_CERT_PATH=(.*)/.exec(stdout)?.[1];
      if (certPath === undefined) throw new Error(`tls-engine.sh printed no DOCKER_CERT_PATH:\n${stdout}`);
      tlsDir = resolve(certPath, '..');
    } catch (error) {
      cannotRun = `test/infra/tls-engine.sh up failed: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    startSeconds = (performance.now() - started) / 1000;
    console.info(`[engine.test] TLS dockerd (with certificates) ready in ${startSeconds.toFixed(1)} s`);
  });

  afterAll(async () => {
    if (tlsDir !== '') await run('bash', [tlsScript, 'down'], { timeout: 60_000 });
  });

  const tlsEnv = (certDir: string): Record<string, string> => ({
    DOCKER_HOST: host,
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: certDir,
  });

  it('answers through DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH', async (ctx) => {
    if (cannotRun !== null) unavailable(ctx, cannotRun);
    const { candidates } = await discover(tlsEnv(join(tlsDir, 'client')));
    const first = candidates[0] as EngineCandidate;
    expect(first).toMatchObject({ id: host, display: `${host} (TLS)`, endpoint: { transport: 'tcp', tls: { verify: true } } });
    const probe = await probeEngine(first, { timeoutMs: 5000 });
    if (!probe.ok) throw new Error(`${probe.error.code}: ${probe.error.message} (${probe.error.detail})`);
    expect(probe.engine).toMatchObject({ os: 'linux', endpoint: `${host} (TLS)`, source: { kind: 'docker-host' } });

    const docker = createDockerClient(first);
    expect(Array.isArray(await docker.listContainers({ all: true }))).toBe(true);
  });

  it('answers through the current Docker context and its TLS store (by host name)', async (ctx) => {
    if (cannotRun !== null) unavailable(ctx, cannotRun);
    const home = join(scratch, 'context-home');
    const configDir = join(home, '.docker');
    const { metaFile, tlsDir: storeDir } = contextPaths(configDir, 'rib-remote');
    await mkdir(join(metaFile, '..'), { recursive: true });
    await mkdir(storeDir, { recursive: true });
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'rib-remote' }));
    await writeFile(
      metaFile,
      JSON.stringify({
        Name: 'rib-remote',
        Metadata: { Description: 'test TLS engine' },
        Endpoints: { docker: { Host: 'tcp://localhost:23760', SkipTLSVerify: false } },
      }),
    );
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await copyFile(join(tlsDir, 'client', file), join(storeDir, file));

    const status = await engineStatus({ env: {}, homedir: home, platform: 'linux', files: nodeFileAccess, timeoutMs: 5000 });
    expect(EngineStatus.parse(status)).toEqual(status);
    expect(status).toMatchObject({
      state: 'connected',
      selectedId: 'tcp://localhost:23760',
      engine: { source: { kind: 'context', name: 'rib-remote' } },
      message: expect.stringMatching(/^Connected to Docker Engine \d+\.\d+$/),
    });
  });

  it('reports tls-failed when the engine refuses our client certificate', async (ctx) => {
    if (cannotRun !== null) unavailable(ctx, cannotRun);
    const [candidate] = (await discover(tlsEnv(join(tlsDir, 'rogue-client')))).candidates;
    const probe = await probeEngine(candidate as EngineCandidate, { timeoutMs: 5000 });
    expect(probe).toMatchObject({
      ok: false,
      error: { code: 'tls-failed', message: expect.stringMatching(/client certificate was not accepted/) },
    });
  });

  it('reports tls-failed when the engine certificate is not from the CA we trust', async (ctx) => {
    if (cannotRun !== null) unavailable(ctx, cannotRun);
    const wrongCa = join(scratch, 'wrong-ca');
    await mkdir(wrongCa, { recursive: true });
    await copyFile(join(tlsDir, 'rogue-ca', 'ca.pem'), join(wrongCa, 'ca.pem'));
    for (const file of ['cert.pem', 'key.pem']) await copyFile(join(tlsDir, 'client', file), join(wrongCa, file));
    const [candidate] = (await discover(tlsEnv(wrongCa))).candidates;
    const probe = await probeEngine(candidate as EngineCandidate, { timeoutMs: 5000 });
    expect(probe).toMatchObject({ ok: false, error: { code: 'tls-failed', message: expect.stringMatching(/could not be verified/) } });
  });

  it('says the engine needs TLS when we talk plain HTTP to it, and names a missing certificate file', async (ctx) => {
    if (cannotRun !== null) unavailable(ctx, cannotRun);
    const [plain] = (await discover({ DOCKER_HOST: host })).candidates;
    expect(await probeEngine(plain as EngineCandidate, { timeoutMs: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'tls-failed', message: expect.stringMatching(/only accepts TLS/) },
    });
    const [noFiles] = (await discover(tlsEnv(join(scratch, 'no-such-certs')))).candidates;
    expect(await probeEngine(noFiles as EngineCandidate, { timeoutMs: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'tls-files-unreadable', message: expect.stringMatching(/no-such-certs\/ca\.pem is missing/) },
    });
  });
});

describe('unix sockets that do not lead to an engine', () => {
  const unixCandidate = (socketPath: string): EngineCandidate => ({
    id: `unix://${socketPath}`,
    source: { kind: 'docker-host' },
    endpoint: { transport: 'unix', socketPath },
    display: `unix://${socketPath}`,
    productHint: null,
  });

  it('reports no-socket when nothing is at the path', async () => {
    const probe = await probeEngine(unixCandidate(join(scratch, 'absent.sock')), { timeoutMs: 2000 });
    expect(probe).toMatchObject({ ok: false, error: { code: 'no-socket', message: expect.stringMatching(/^DOCKER_HOST points to/) } });
  });

  it('reports not-answering for a stale socket file with no listener (Docker not running)', async () => {
    const stale = join(scratch, 'stale.sock');
    // Bound but never listening: what a crashed daemon leaves behind.
    const made = spawnSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', stale]);
    expect(made.status).toBe(0);
    const probe = await probeEngine(unixCandidate(stale), { timeoutMs: 2000 });
    expect(probe).toMatchObject({ ok: false, error: { code: 'not-answering', message: expect.stringMatching(/no engine behind it/) } });
  });

  it('reports not-answering within the timeout for a socket that accepts but never answers', async () => {
    const silentPath = join(scratch, 'silent.sock');
    const server = createServer(() => undefined);
    await new Promise<void>((done) => server.listen(silentPath, done));
    try {
      const started = performance.now();
      const probe = await probeEngine(unixCandidate(silentPath), { timeoutMs: 800 });
      const elapsed = performance.now() - started;
      expect(probe).toMatchObject({ ok: false, error: { code: 'not-answering', message: expect.stringMatching(/within 0.8 s/) } });
      expect(elapsed).toBeGreaterThanOrEqual(750);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      server.close();
    }
  });
});
