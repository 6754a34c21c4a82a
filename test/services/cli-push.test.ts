// `npm run cli -- push` against real parts: the test engine (DOCKER_HOST) and the shared test
// registry (RIB_REGISTRY, htpasswd testuser/testpass) from test/infra/up.sh; the keychain case also
// needs the test session's Secret Service (test/infra/keyring.sh inside dbus-run-session). Under
// CI=true a missing part fails; elsewhere the tests are skipped, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { createKeychainStore } from '../../electron/services/credentials/keychain-store';
import { SECRET_SERVICE, secretAccount } from '../../electron/services/credentials/secret-store';
import { secretServiceMissingReason } from '../fixtures/push-events/tools/keyring-session';
import { registryHostname } from '../fixtures/push-events/tools/private-registry';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { testDockerClient } from '../fixtures/push-events/tools/test-engine';
import { engineMissingReason, engineReportsPushLayers } from '../support/engine-env';
import { MANIFEST_TYPES } from '../support/registry-manifest';
import { RegistryProxy } from '../support/registry-proxy';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const missing = engineMissingReason();
const REGISTRY = process.env.RIB_REGISTRY ?? '127.0.0.1:5000';
const BASE = process.env.RIB_BASE_IMAGE ?? 'python:3.11-slim';
const USER = process.env.RIB_REGISTRY_USER ?? 'testuser';
const PASSWORD = process.env.RIB_REGISTRY_PASSWORD ?? 'testpass';
const run = `${Date.now().toString(36)}-${process.pid}`;
const pushed: string[] = [];
const built: string[] = [];
let docker: Dockerode | null = null;
/** Docker reports a push layer by layer; Podman 5 says nothing until it is over. */
let layerEvents = true;
// Empty, so the developer's own `docker login`s play no part unless a test writes one.
const dockerConfig = mkdtempSync(path.join(tmpdir(), 'rib-cli-push-'));

function cli(args: string[], input = '') {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
    input,
    timeout: 120_000,
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
  });
  return { code: result.status, out: result.stdout, err: result.stderr, ms: Date.now() - started };
}

function target(name: string, registry = REGISTRY): string {
  const reference = `${registry}/cli-test/base:${name}-${run}`;
  pushed.push(reference);
  return reference;
}

/** The digest the registry itself has for the tag, asked over its HTTP API (behind a proxy or not). */
async function registryDigest(reference: string): Promise<string | null> {
  const [, repository, tag] = /^[^/]+\/(.+):([^:]+)$/.exec(reference) ?? [];
  const answer = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      Accept: MANIFEST_TYPES,
    },
  });
  return answer.ok ? answer.headers.get('docker-content-digest') : null;
}

beforeAll(async () => {
  if (missing === null) docker = await testDockerClient(process.env.DOCKER_HOST ?? '');
  if (docker !== null) layerEvents = await engineReportsPushLayers(docker);
});

afterAll(async () => {
  // Only the tags the pushes added on the engine; the base image stays.
  for (const reference of pushed)
    await docker
      ?.getImage(reference)
      .remove()
      .catch(() => undefined);
  for (const image of built)
    await docker
      ?.getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  rmSync(dockerConfig, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('npm run cli -- push on the real engine and registry', () => {
  it('pushes with --username and --password-stdin, printing progress, the reference and the digest', async () => {
    const reference = target('stdin');
    const { code, out, err } = cli(['push', BASE, '--reference', reference, '--username', USER, '--password-stdin'], `${PASSWORD}\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`==> Logged in to ${REGISTRY} with the password from stdin for ${USER}`);
    expect(out.match(/^==> 100%.*$/gm)).toHaveLength(1);
    if (layerEvents) {
      expect(out).toMatch(/^[0-9a-f]{12}: (Pushed|Layer already exists|Mounted from .+)$/m);
      expect(out).toMatch(/^==> 100% · .*\d+ of \d+ layers$/m);
      expect(out).toMatch(new RegExp(`^==> Pushed ${reference.replace(/[.]/g, '\\.')} \\(\\d+ layers? sent, \\d+ already there\\)$`, 'm'));
    } else {
      // Podman: no word about layers until the push is over; the time it took, and that it did not say.
      expect(out).not.toMatch(/^[0-9a-f]{12}: /m);
      expect(out).toMatch(/^==> 100% · in \d+ s$/m);
      expect(out).toContain(`==> Pushed ${reference} (the engine did not say which layers it sent)`);
    }
    const digest = /^digest: (sha256:[0-9a-f]{64})$/m.exec(out)?.[1];
    expect(digest).toBeDefined();
    expect(await registryDigest(reference)).toBe(digest);
    expect(out).toContain(`pinned: ${reference.replace(/:[^:]+$/, '')}@${digest}`);
    expect(out).not.toContain(PASSWORD);
  });

  it('says a wrong password is wrong within a few seconds, exit 1', () => {
    const { code, out, err, ms } = cli(
      ['push', BASE, '--registry', REGISTRY, '--namespace', 'cli-test', '--name', 'base', '--tag', `wrong-${run}`, '--username', USER, '--password-stdin'],
      'not-the-password\n',
    );
    expect(code).toBe(1);
    expect(err).toContain(`error: ${REGISTRY} did not accept the password for ${USER}.`);
    expect(err).toContain('401 Unauthorized');
    expect(ms).toBeLessThan(5_000);
    expect(out).not.toContain('==> Pushed');
  });

  it("uses Docker's own login when no --username is given", async () => {
    writeFileSync(
      path.join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [REGISTRY]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }),
    );
    try {
      const reference = target('docker-login');
      const { code, out } = cli(['push', BASE, '--reference', reference]);
      expect(code).toBe(0);
      expect(out).toContain(`with Docker's login for ${USER}`);
      expect(await registryDigest(reference)).toMatch(/^sha256:[0-9a-f]{64}$/);
    } finally {
      rmSync(path.join(dockerConfig, 'config.json'), { force: true });
    }
  });

  it('cancels on Ctrl-C mid-upload: exit 130, and the registry has no such tag', async () => {
    // Fresh random layers, so there is real uploading to interrupt (the base's layers are already there).
    const image = `rib-cli-test/random:${run}`;
    built.push(image);
    if (docker === null) throw new Error('no engine client');
    await buildRandomImage(docker, { tag: image, base: BASE, layerBytes: [150_000_000, 150_000_000] });
    // In front of the registry: the upload is seen arriving there (Podman prints no progress), and
    // slowed so that it is still going when Ctrl-C comes.
    const proxy = new RegistryProxy({ upstream: `127.0.0.1:${REGISTRY.split(':')[1]}`, hostname: registryHostname(), uploadBytesPerSecond: 40_000_000 });
    await proxy.start();
    const reference = target('cancelled', proxy.host);
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'electron/cli/main.ts', 'push', image, '--reference', reference, '--username', USER, '--password-stdin'],
        {
          cwd: repo,
          env: { ...process.env, DOCKER_CONFIG: dockerConfig },
        },
      );
      child.stdin.end(PASSWORD);
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Bytes are arriving at the registry: now is mid-upload.
      await proxy.waitForUploadBytes(5_000_000, 60_000);
      const interruptedAt = Date.now();
      child.kill('SIGINT');
      const code = await closed;
      expect(code).toBe(130);
      expect(Date.now() - interruptedAt).toBeLessThan(5_000);
      expect(err).toContain('error: The push was cancelled.');
      expect(out).not.toContain('==> Pushed');
      // Had the engine carried on, 40 MB a second would still be arriving. What it wrote before it
      // stopped reaches the proxy a moment later, out of the sockets' buffers (seen: 5.5 MB on
      // Docker 28): counted from a second after the exit.
      await new Promise((r) => setTimeout(r, 1_000));
      const settled = proxy.uploadedBytes();
      await new Promise((r) => setTimeout(r, 2_000));
      expect(proxy.uploadedBytes() - settled).toBeLessThan(1_000_000);
      expect(await registryDigest(reference)).toBeNull();
    } finally {
      await proxy.stop();
    }
  });

  it('pushes an image already named for the registry where its name says, like docker push', async () => {
    const reference = target('named');
    const colon = reference.lastIndexOf(':');
    await docker?.getImage(BASE).tag({ repo: reference.slice(0, colon), tag: reference.slice(colon + 1) });
    const { code, out, err } = cli(['push', reference, '--registry', REGISTRY, '--username', USER, '--password-stdin'], `${PASSWORD}\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`==> Pushed ${reference}`);
    expect(await registryDigest(reference)).toMatch(/^sha256:/);
  });

  it('names a local image that is not there, exit 1', () => {
    const { code, err } = cli(
      ['push', `rib-cli-test/absent:${run}`, '--registry', REGISTRY, '--namespace', 'cli-test', '--username', USER, '--password-stdin'],
      PASSWORD,
    );
    expect(code).toBe(1);
    expect(err).toContain(`error: There is no image rib-cli-test/absent:${run} on the engine`);
  });

  it("uses the app's saved login from the keychain with --username alone", async (ctx) => {
    const keychainMissing = secretServiceMissingReason();
    if (keychainMissing !== null) unavailable(ctx, 'cli push with the keychain', keychainMissing);
    const keychain = createKeychainStore({ timeoutMs: 5000 });
    const account = secretAccount(USER, REGISTRY);
    // Another test may have left the app's login for this account: put it back afterwards.
    const before = await keychain.get(SECRET_SERVICE, account);
    await keychain.set(SECRET_SERVICE, account, PASSWORD);
    try {
      const reference = target('keychain');
      const { code, out, err } = cli(['push', BASE, '--reference', reference, '--username', USER]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain(`with the app's saved login for ${USER} (keychain)`);
      expect(await registryDigest(reference)).toMatch(/^sha256:[0-9a-f]{64}$/);
      // The CLI reads the app's login; it never changes it.
      expect(await keychain.get(SECRET_SERVICE, account)).toBe(PASSWORD);
    } finally {
      if (before === null) await keychain.delete(SECRET_SERVICE, account);
      else await keychain.set(SECRET_SERVICE, account, before);
    }
  });
});
