// Reusing Docker's own login, with real processes and files: a fake `docker-credential-ribtest`
// helper script on PATH (the real helper protocol: action as argument, server URL on stdin, JSON on
// stdout), config.json in a temporary DOCKER_CONFIG read by the app's own reader, and the test
// engine + shared test registry to check the reused login for real.
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type Dockerode from 'dockerode';
import { createCredentialHelperRunner, runCredentialHelper } from '../../electron/services/credentials/credential-helper';
import { dockerCredentialFor, offerDockerLogins } from '../../electron/services/credentials/docker-credentials';
import { createSessionStore } from '../../electron/services/credentials/session-store';
import { readDockerConfig } from '../../electron/services/docker-config/docker-config-file';
import { nodeFileAccess } from '../../electron/services/docker-config/file-access';
import { logout, savedCredentials, useDockerLogin } from '../../electron/services/login/login';
import { parseRegistryAddress } from '../../electron/services/registry/registry-address';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';

const sharedRegistry = process.env.RIB_REGISTRY ?? '127.0.0.1:5000';
let scratch = '';
let bin = '';
let callLog = '';
let env: NodeJS.ProcessEnv = {};
let docker: Dockerode | null = null;
let engineMissing: string | null = null;

// Answers `get` for the test registry with testuser/testpass and for ghcr.io with an identity token;
// "credentials not found" (exit 1) for anything else; `list` names both. Every call is logged.
const ribtest = (registry: string) => `#!/bin/sh
echo "$1" >> "$RIB_HELPER_LOG"
case "$1" in
  get)
    url=$(cat)
    case "$url" in
      "${registry}") printf '{"ServerURL":"%s","Username":"testuser","Secret":"testpass"}' "$url" ;;
      ghcr.io) printf '{"ServerURL":"ghcr.io","Username":"<token>","Secret":"gho_identity"}' ;;
      *) printf 'credentials not found in native keychain'; exit 1 ;;
    esac ;;
  list) printf '{"${registry}":"testuser","ghcr.io":"<token>"}' ;;
  *) echo "unexpected action $1" >&2; exit 2 ;;
esac
`;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rib-docker-creds-'));
  bin = join(scratch, 'bin');
  await mkdir(bin);
  callLog = join(scratch, 'helper-calls.log');
  await writeFile(callLog, '');
  const scripts: Record<string, string> = {
    ribtest: ribtest(sharedRegistry),
    ribslow: '#!/bin/sh\nsleep 30 &\necho $! > "$RIB_HELPER_LOG.sleep"\nwait\n',
    ribbroken: '#!/bin/sh\necho "keychain exploded" >&2\nexit 3\n',
    ribchatty: '#!/bin/sh\ncat >/dev/null\nprintf "not json but maybe a secret: hunter2"\n',
  };
  for (const [name, body] of Object.entries(scripts)) {
    const file = join(bin, `docker-credential-${name}`);
    await writeFile(file, body);
    await chmod(file, 0o755);
  }
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, RIB_HELPER_LOG: callLog };
  const dockerHost = process.env.DOCKER_HOST;
  docker = dockerHost ? await testDockerClient(dockerHost) : null;
  engineMissing = await engineUnavailableReason(docker);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function dockerConfig(json: unknown) {
  const dir = await mkdtemp(join(scratch, 'docker-config-'));
  const file = join(dir, 'config.json');
  await writeFile(file, JSON.stringify(json));
  const read = await readDockerConfig({ env: { DOCKER_CONFIG: dir }, homedir: scratch, files: nodeFileAccess });
  expect(read.problems).toEqual([]);
  return { config: read.config, file };
}

const address = (input: string) => {
  const parsed = parseRegistryAddress(input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.address;
};

/** Running, not a zombie waiting to be reaped (Linux /proc). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/^\d+ \(.*\) Z/.test(stat);
}

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('the credential-helper protocol with a real helper process', () => {
  it('get: the server URL goes on stdin, JSON comes back; "not found" is null', async () => {
    const out = await runCredentialHelper('ribtest', 'get', sharedRegistry, { env });
    expect(JSON.parse(out ?? '')).toEqual({ ServerURL: sharedRegistry, Username: 'testuser', Secret: 'testpass' });
    expect(await runCredentialHelper('ribtest', 'get', 'quay.io', { env })).toBeNull();
  });

  it('a helper that hangs is killed after the timeout, with what it started', async () => {
    const started = performance.now();
    await expect(runCredentialHelper('ribslow', 'get', 'x', { env, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'docker-credentials-unavailable',
      message: expect.stringMatching(/docker-credential-ribslow did not answer/),
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const sleeper = Number(await readFile(`${callLog}.sleep`, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await isRunning(sleeper)).toBe(false); // the helper's own child is gone too
  });

  it('a helper that fails or is missing is a plain error, with no stdout in it', async () => {
    await expect(runCredentialHelper('ribbroken', 'get', 'x', { env })).rejects.toMatchObject({
      code: 'docker-credentials-unavailable',
      detail: 'keychain exploded',
    });
    await expect(runCredentialHelper('ribnothere', 'get', 'x', { env })).rejects.toMatchObject({
      message: expect.stringMatching(/docker-credential-ribnothere, but it is not installed/),
    });
    const { config } = await dockerConfig({ credsStore: 'ribchatty' });
    const error = await dockerCredentialFor(address('quay.io'), { config, runHelper: createCredentialHelperRunner({ env }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'docker-credentials-unavailable' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('refuses a helper name that could be a path', async () => {
    await expect(runCredentialHelper('../../bin/sh', 'get', 'x', { env })).rejects.toMatchObject({ code: 'docker-credentials-unavailable' });
  });
});

describe("offering and using Docker's own login", () => {
  it('offers the logins of a credsStore and of credHelpers, without secrets', async () => {
    const { config } = await dockerConfig({ credsStore: 'ribtest', auths: { [sharedRegistry]: {} } });
    const offers = await offerDockerLogins({ config, runHelper: createCredentialHelperRunner({ env }) });
    expect(offers.map((o) => o.question)).toEqual([
      'Use your Docker login with an access token on GitHub Container Registry?',
      `Use your Docker login as testuser on ${sharedRegistry}?`,
    ]);
    expect(JSON.stringify(offers)).not.toMatch(/testpass|gho_identity/);
  });

  it('uses a helper login for real: checked by the engine, read again at push time, never erased by log out', async (ctx) => {
    if (engineMissing !== null || docker === null) unavailable(ctx, 'docker credentials', engineMissing ?? 'no engine');
    const { config, file } = await dockerConfig({ credHelpers: { [sharedRegistry]: 'ribtest' } });
    const before = await sha(file);
    const dockerCredentials = { config, runHelper: createCredentialHelperRunner({ env }) };
    const [offer] = await offerDockerLogins(dockerCredentials);
    expect(offer?.question).toBe(`Use your Docker login as testuser on ${sharedRegistry}?`);
    const record = await useDockerLogin(address(sharedRegistry), { docker, dockerCredentials });
    expect(record).toMatchObject({ storage: 'docker', username: 'testuser', dockerSource: { kind: 'cred-helper', helper: 'ribtest' } });
    expect(JSON.stringify(record)).not.toContain('testpass');

    const stores = { keychain: createSessionStore(), session: createSessionStore(), dockerCredentials };
    expect(await savedCredentials(record, stores)).toEqual({ username: 'testuser', secret: 'testpass', kind: 'password' });
    expect(await logout(record, stores)).toBe(false);
    // Only reads: the helper was asked list/get, never store or erase; config.json is unchanged.
    const actions = (await readFile(callLog, 'utf8')).split('\n').filter(Boolean);
    expect(new Set(actions)).toEqual(new Set(['get', 'list']));
    expect(await sha(file)).toBe(before);
  });

  it('uses an auths entry of config.json (base64 user:password) for real', async (ctx) => {
    if (engineMissing !== null || docker === null) unavailable(ctx, 'docker credentials', engineMissing ?? 'no engine');
    const { config } = await dockerConfig({ auths: { [sharedRegistry]: { auth: Buffer.from('testuser:testpass').toString('base64') } } });
    const dockerCredentials = { config, runHelper: createCredentialHelperRunner({ env }) };
    expect((await offerDockerLogins(dockerCredentials)).map((o) => o.question)).toEqual([`Use your Docker login as testuser on ${sharedRegistry}?`]);
    const record = await useDockerLogin(address(sharedRegistry), { docker, dockerCredentials });
    expect(record.dockerSource).toEqual({ kind: 'config-file' });
  });

  it('a stale Docker login is refused by the registry, and a missing one asks to log in', async (ctx) => {
    if (engineMissing !== null || docker === null) unavailable(ctx, 'docker credentials', engineMissing ?? 'no engine');
    const stale = await dockerConfig({ auths: { [sharedRegistry]: { auth: Buffer.from('testuser:old-password').toString('base64') } } });
    await expect(
      useDockerLogin(address(sharedRegistry), { docker, dockerCredentials: { config: stale.config, runHelper: createCredentialHelperRunner({ env }) } }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
    const none = await dockerConfig({});
    await expect(
      useDockerLogin(address('quay.io'), { docker, dockerCredentials: { config: none.config, runHelper: createCredentialHelperRunner({ env }) } }),
    ).rejects.toMatchObject({ code: 'login-required' });
  });
});
