// Login against real parts: the test engine (DOCKER_HOST), the shared test registry (RIB_REGISTRY,
// htpasswd testuser/testpass), a private registry this file can stop, servers this file starts to
// make TLS fail or hang, and the Secret Service of the test session (test/infra/keyring.sh):
//   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && npx vitest run --project services test/services/login.test.ts'
// Under CI=true a missing part fails; elsewhere the tests that need it are skipped, saying why.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type Server as NetServer, createServer as createNetServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { AppError } from '../../electron/contract/errors';
import { LoginRecord } from '../../electron/contract/domain/registry';
import { createKeychainStore } from '../../electron/services/credentials/keychain-store';
import { SECRET_SERVICE, secretAccount } from '../../electron/services/credentials/secret-store';
import { createSessionStore } from '../../electron/services/credentials/session-store';
import { login, logout, savedCredentials } from '../../electron/services/login/login';
import { lookupKeychainItem, secretServiceMissingReason, secretServicePid } from '../fixtures/push-events/tools/keyring-session';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';
import { engineIsPodman } from '../support/engine-env';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const probeScript = join(repo, 'test/fixtures/push-events/tools/keychain-probe.ts');
const sharedRegistry = process.env.RIB_REGISTRY ?? '';
const measured: string[] = [];

let docker: Dockerode | null = null;
let engineMissing: string | null = null;
let registryMissing: string | null = null;
let keychainMissing: string | null = null;
let scratch = '';
const servers: (HttpServer | NetServer)[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rib-login-test-'));
  const dockerHost = process.env.DOCKER_HOST;
  docker = dockerHost ? await testDockerClient(dockerHost) : null;
  engineMissing = await engineUnavailableReason(docker);
  const status =
    sharedRegistry === ''
      ? 0
      : await fetch(`http://${sharedRegistry}/v2/`).then(
          (r) => r.status,
          () => 0,
        );
  registryMissing = status === 401 ? null : `the test registry RIB_REGISTRY=${sharedRegistry || '(unset)'} does not answer 401 on /v2/`;
  keychainMissing = secretServiceMissingReason();
});

afterAll(async () => {
  for (const server of servers) server.close();
  await rm(scratch, { recursive: true, force: true });
  if (measured.length > 0) console.log(`[login.test] measured: ${measured.join('; ')}`);
});

type Ctx = { skip: (note?: string) => void };
function needEngine(ctx: Ctx): Dockerode {
  if (engineMissing !== null || docker === null) unavailable(ctx, 'login tests', engineMissing ?? 'no engine');
  if (registryMissing !== null) unavailable(ctx, 'login tests', registryMissing);
  return docker;
}
function needKeychain(ctx: Ctx): void {
  if (keychainMissing !== null) unavailable(ctx, 'keychain tests', keychainMissing);
}

/** A login whose secrets go to memory only, for tests about the registry side. */
function memoryStores() {
  return { keychain: createSessionStore(), session: createSessionStore() };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** An address of this machine that is not loopback: the engine does not trust it as an insecure registry. */
function externalAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

function listen(server: HttpServer | NetServer, host: string): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

describe('login to the test registry', () => {
  it('checks the credentials with the engine, saves the secret in the keychain, and returns a record without it', async (ctx) => {
    const engine = needEngine(ctx);
    needKeychain(ctx);
    const keychain = createKeychainStore({ timeoutMs: 5000 });
    const stores = { keychain, session: createSessionStore() };
    const record = await login({ registry: `http://${sharedRegistry}`, username: 'testuser', password: 'testpass' }, { docker: engine, ...stores });
    LoginRecord.parse(record);
    expect(record).toMatchObject({ username: 'testuser', storage: 'keychain', secretKind: 'password', registry: { host: sharedRegistry } });
    expect(JSON.stringify(record)).not.toContain('testpass');
    // Any other program on the machine finds it in the Secret Service, filed under our service name.
    expect(lookupKeychainItem(SECRET_SERVICE, secretAccount('testuser', sharedRegistry))).toBe('testpass');
    expect(await savedCredentials(record, stores)).toEqual({ username: 'testuser', secret: 'testpass', kind: 'password' });

    expect(await logout(record, stores)).toBe(true);
    expect(lookupKeychainItem(SECRET_SERVICE, secretAccount('testuser', sharedRegistry))).toBeNull();
    await expect(savedCredentials(record, stores)).rejects.toMatchObject({ code: 'login-required' });
  });

  it('says a wrong password is wrong within 3 seconds, and saves nothing', async (ctx) => {
    const engine = needEngine(ctx);
    const stores = memoryStores();
    const started = performance.now();
    const error = await failure(login({ registry: sharedRegistry, username: 'testuser', password: 'wrong-password' }, { docker: engine, ...stores }));
    const elapsed = performance.now() - started;
    measured.push(`wrong password answered in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(3000);
    expect(error.code).toBe('wrong-credentials');
    expect(error.message).toMatch(/did not accept the password for testuser/);
    expect(error.message).not.toContain('wrong-password');
    expect(await stores.keychain.get(SECRET_SERVICE, secretAccount('testuser', sharedRegistry))).toBeNull();
  });

  it('keeps a session-only login in memory, not in the keychain', async (ctx) => {
    const engine = needEngine(ctx);
    needKeychain(ctx);
    const stores = { keychain: createKeychainStore({ timeoutMs: 5000 }), session: createSessionStore() };
    const record = await login({ registry: sharedRegistry, username: 'testuser', password: 'testpass', sessionOnly: true }, { docker: engine, ...stores });
    expect(record.storage).toBe('session');
    expect(lookupKeychainItem(SECRET_SERVICE, secretAccount('testuser', sharedRegistry))).toBeNull();
    expect((await savedCredentials(record, stores)).secret).toBe('testpass');
    // A new session (the app restarted) has nothing: log in again.
    await expect(savedCredentials(record, { ...stores, session: createSessionStore() })).rejects.toMatchObject({ code: 'login-required' });
  });
});

describe('login failures, each with its own message', () => {
  let registry: PrivateRegistry | null = null;
  afterAll(async () => {
    await registry?.dispose();
  });

  it('a registry that is down', async (ctx) => {
    const engine = needEngine(ctx);
    const missing = privateRegistryMissingReason();
    if (missing !== null) unavailable(ctx, 'registry-down test', missing);
    registry = await startPrivateRegistry('downuser', 'downpass');
    const input = { registry: registry.host, username: 'downuser', password: 'downpass' };
    await login(input, { docker: engine, ...memoryStores() });
    await registry.stop();
    const started = performance.now();
    const error = await failure(login(input, { docker: engine, ...memoryStores() }));
    measured.push(`registry down answered in ${(performance.now() - started).toFixed(0)} ms`);
    expect(error.code).toBe('registry-down');
    expect(error.message).toBe(`Nothing answers at ${registry.host}: the registry is down, or the address or port is wrong.`);
    expect(error.detail).toMatch(/connection refused/);
    await registry.start();
    await expect(login(input, { docker: engine, ...memoryStores() })).resolves.toMatchObject({ username: 'downuser' });
  });

  it('a host name that does not exist', async (ctx) => {
    const engine = needEngine(ctx);
    const error = await failure(login({ registry: 'no-such-host.invalid', username: 'a', password: 'b' }, { docker: engine, ...memoryStores() }));
    expect(error.code).toBe('registry-unknown-host');
    expect(error.message).toMatch(/no-such-host\.invalid could not be found/);
  });

  it('a registry whose TLS certificate cannot be verified', async (ctx) => {
    const engine = needEngine(ctx);
    const address = externalAddress();
    if (address === null) unavailable(ctx, 'TLS test', 'this machine has no non-loopback IPv4 address (the engine trusts loopback registries as insecure)');
    const key = join(scratch, 'key.pem');
    const cert = join(scratch, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=rib-test'], {
      stdio: 'ignore',
    });
    const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_req, res) => res.end('{}'));
    const port = await listen(server, address);
    const error = await failure(login({ registry: `${address}:${port}`, username: 'a', password: 'b' }, { docker: engine, ...memoryStores() }));
    expect(error.code).toBe('registry-tls');
    expect(error.message).toMatch(/certificate that could not be verified/);
    expect(error.detail).toMatch(/x509/);
  });

  it('a registry elsewhere that speaks plain http: the rule of this engine and its fix', async (ctx) => {
    const engine = needEngine(ctx);
    const address = externalAddress();
    if (address === null) unavailable(ctx, 'TLS test', 'this machine has no non-loopback IPv4 address');
    const port = await listen(
      createHttpServer((_req, res) => res.writeHead(401).end()),
      address,
    );
    const host = `${address}:${port}`;
    const error = await failure(login({ registry: host, username: 'a', password: 'b' }, { docker: engine, ...memoryStores() }));
    expect(error.code).toBe('registry-tls');
    expect(error.message).toMatch(new RegExp(`^${host.replace(/\./g, '\\.')} answers with plain http, not https\\.`));
    if (await engineIsPodman(engine)) {
      expect(error.message).toMatch(/Podman uses https for every registry unless its registries\.conf marks it insecure\./);
      expect(error.message).toContain(`[[registry]] location = "${host}" insecure = true`);
      // Not on this computer: naming it localhost would not help.
      expect(error.message).not.toMatch(/localhost/);
    } else {
      expect(error.message).toMatch(/Docker uses http only for a registry on this computer/);
      expect(error.message).toContain(`"insecure-registries"`);
      expect(error.message).toContain(`Add "${host}" there`);
    }
  });

  it('a registry on this computer named by number (127.0.0.1:PORT): Docker takes http; Podman only as localhost:PORT', async (ctx) => {
    const engine = needEngine(ctx);
    const port = sharedRegistry.split(':')[1] ?? '';
    const byNumber = `127.0.0.1:${port}`;
    // Asked before the login starts: a rejection with no handler yet is an unhandled one.
    const podman = await engineIsPodman(engine);
    const attempt = login({ registry: byNumber, username: 'testuser', password: 'testpass', sessionOnly: true }, { docker: engine, ...memoryStores() });
    if (podman) {
      // Podman's /auth skips TLS only for a name starting with "localhost:" (its compat/auth.go).
      const error = await failure(attempt);
      expect(error.code).toBe('registry-tls');
      expect(error.message).toContain(`Podman accepts http when it is named localhost:${port}: use localhost:${port} instead`);
      expect(error.message).toContain(`[[registry]] location = "${byNumber}" insecure = true`);
      // And the advice works: the same registry as localhost:PORT.
      await expect(
        login({ registry: `localhost:${port}`, username: 'testuser', password: 'testpass', sessionOnly: true }, { docker: engine, ...memoryStores() }),
      ).resolves.toMatchObject({
        registry: { host: `localhost:${port}` },
      });
    } else {
      await expect(attempt).resolves.toMatchObject({ registry: { host: byNumber } });
    }
  });

  it('a registry that accepts the connection and never answers', async (ctx) => {
    const engine = needEngine(ctx);
    const address = externalAddress() ?? '127.0.0.1';
    const port = await listen(
      createNetServer(() => undefined),
      address,
    );
    const started = performance.now();
    const error = await failure(
      login({ registry: `${address}:${port}`, username: 'a', password: 'b' }, { docker: engine, ...memoryStores(), timeoutMs: 1500 }),
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error.code).toBe('registry-timeout');
    expect(error.message).toMatch(/did not answer within 2 s/);
  });
});

describe('the keychain', () => {
  it('says plainly when no Secret Service answers, and offers the session-only login', async (ctx) => {
    needKeychain(ctx);
    // In a process of its own: the native library reads the D-Bus address once per process.
    for (const bus of [undefined, `unix:path=${join(scratch, 'no-bus')}`]) {
      const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus };
      if (bus === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', probeScript], { env, cwd: repo, timeout: 30_000 });
      const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; ms: number; error?: { code: string; message: string } };
      measured.push(`no Secret Service (${bus === undefined ? 'no bus' : 'bus gone'}) answered in ${outcome.ms.toFixed(0)} ms`);
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.code).toBe('keychain-unavailable');
      expect(outcome.error?.message).toMatch(/No keychain is available: no Secret Service .* session only/);
      expect(outcome.ms).toBeLessThan(3000);
    }
  });

  it('ends a call to a keychain that hangs within its timeout, and works again once it answers', async (ctx) => {
    needKeychain(ctx);
    const pid = secretServicePid();
    if (pid === null) unavailable(ctx, 'keychain tests', 'cannot find the Secret Service process');
    const keychain = createKeychainStore({ timeoutMs: 500 });
    // The main thread must keep running while the keychain hangs (the Electron main process would freeze).
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    process.kill(pid, 'SIGSTOP'); // freeze the daemon: D-Bus calls to it get no answer, as with a prompt nobody sees
    let elapsed = 0;
    try {
      const started = performance.now();
      const error = await failure(keychain.set(SECRET_SERVICE, 'frozen@127.0.0.1:5000', 'x'));
      elapsed = performance.now() - started;
      expect(error.code).toBe('keychain-unavailable');
      expect(error.message).toMatch(/did not answer within 0\.5 s; it may be locked/);
    } finally {
      process.kill(pid, 'SIGCONT');
      clearInterval(ticker);
    }
    measured.push(`frozen keychain ended after ${elapsed.toFixed(0)} ms (timeout 500 ms), event loop ticked ${ticks}×20 ms meanwhile`);
    expect(elapsed).toBeLessThan(1500);
    expect(ticks).toBeGreaterThanOrEqual(15);
    const fresh = createKeychainStore({ timeoutMs: 5000 });
    await fresh.set(SECRET_SERVICE, 'thawed@127.0.0.1:5000', 'y');
    expect(await fresh.get(SECRET_SERVICE, 'thawed@127.0.0.1:5000')).toBe('y');
    expect(await fresh.delete(SECRET_SERVICE, 'thawed@127.0.0.1:5000')).toBe(true);
  });
});
