// Push against real parts: the test engine (DOCKER_HOST), the shared test registry (RIB_REGISTRY),
// a private registry this file starts (empty, so layers are really uploaded; stoppable mid-push;
// with a distinctive password for the leak check), a TCP proxy this file starts to make a
// connection hang, and the Secret Service of the test session:
//   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && npx vitest run --project services test/services/push.test.ts'
// Under CI=true a missing part fails; elsewhere the tests that need it are skipped, saying why.
import { createHash, randomUUID } from 'node:crypto';
import { type Server, type Socket, connect, createServer } from 'node:net';
import type Dockerode from 'dockerode';
import { PushProgress } from '../../electron/contract/domain/job';
import { PushResult } from '../../electron/contract/domain/push';
import type { LoginRecord } from '../../electron/contract/domain/registry';
import { AppError } from '../../electron/contract/errors';
import { createKeychainStore } from '../../electron/services/credentials/keychain-store';
import { SECRET_SERVICE, secretAccount } from '../../electron/services/credentials/secret-store';
import { createSessionStore } from '../../electron/services/credentials/session-store';
import { describePushEvent } from '../../electron/services/push/push-event';
import { type PushUpdate, pushImage } from '../../electron/services/push/push-image';
import { pushWithLogin } from '../../electron/services/push/push-with-login';
import { login } from '../../electron/services/login/login';
import { deleteKeychainItem, secretServiceMissingReason } from '../fixtures/push-events/tools/keyring-session';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';

const BASE = process.env.RIB_BASE_IMAGE ?? 'python:3.11-slim';
const SHARED = process.env.RIB_REGISTRY ?? '';
const MB = 1_000_000;
// Distinctive, so the leak check can look for it anywhere.
const PASSWORD = `Leak-Canary-${randomUUID()}`;
const USER = 'rib-pusher';
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

let docker: Dockerode | null = null;
let registry: PrivateRegistry | null = null;
let missing: string | null = null;
let keychainMissing: string | null = null;
const keychain = createKeychainStore({ timeoutMs: 5000 });
const stores = { keychain, session: createSessionStore() };
const measured: string[] = [];
/** Everything the app produced that a user, a log or a file could see: the leak check searches it. */
const evidence: string[] = [];
const builtImages: string[] = [];
const tags: string[] = [];

beforeAll(async () => {
  const dockerHost = process.env.DOCKER_HOST;
  docker = dockerHost ? await testDockerClient(dockerHost) : null;
  missing = (await engineUnavailableReason(docker)) ?? privateRegistryMissingReason();
  if (missing === null) {
    try {
      await docker?.getImage(BASE).inspect();
    } catch {
      missing = `the base image ${BASE} is not on the test engine (test/infra/up.sh makes it)`;
    }
  }
  if (missing === null) registry = await startPrivateRegistry(USER, PASSWORD);
  keychainMissing = secretServiceMissingReason();
});

afterAll(async () => {
  await registry?.dispose();
  for (const name of [...tags, ...builtImages]) await docker?.getImage(name).remove({ force: true }).catch(() => undefined);
  if (measured.length > 0) console.log(`[push.test] measured: ${measured.join('; ')}`);
});

type Ctx = { skip: (note?: string) => void };
function need(ctx: Ctx, keychainToo = false): { docker: Dockerode; registry: PrivateRegistry } {
  if (missing !== null || docker === null || registry === null) unavailable(ctx, 'push tests', missing ?? 'no engine or registry');
  if (keychainToo && keychainMissing !== null) unavailable(ctx, 'push tests with the keychain', keychainMissing);
  return { docker, registry };
}

/** Logs in to the private registry the way the app does, secret into the keychain. */
async function loginToPrivate(engine: Dockerode, reg: PrivateRegistry): Promise<LoginRecord> {
  const record = await login({ registry: reg.host, username: USER, password: PASSWORD }, { docker: engine, ...stores });
  evidence.push(JSON.stringify(record));
  return record;
}

/** What the push job would keep: every update, and the log lines it would write. */
function recorder() {
  const updates: PushUpdate[] = [];
  const onEvent = (update: PushUpdate): void => {
    updates.push(update);
    evidence.push(JSON.stringify(update));
    const line = describePushEvent(update.event);
    if (line !== null) evidence.push(line);
  };
  return { updates, onEvent };
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T; error: null } | { value: null; error: AppError }> {
  try {
    return { value: await promise, error: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    evidence.push(JSON.stringify(error.toPayload()));
    return { value: null, error };
  }
}

async function manifestDigest(url: string, repository: string, tag: string, user: string, password: string): Promise<{ status: number; digest: string | null; bodyDigest: string | null }> {
  const response = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, accept: MANIFEST_V2 },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    digest: response.headers.get('docker-content-digest'),
    bodyDigest: response.ok ? `sha256:${createHash('sha256').update(body).digest('hex')}` : null,
  };
}

async function freshImage(engine: Dockerode, name: string, layerBytes: number[]): Promise<string> {
  const tag = `rib-push-test/${name}:${Date.now()}`;
  await buildRandomImage(engine, { tag, base: BASE, layerBytes });
  builtImages.push(tag);
  return tag;
}

describe('push to the registry', () => {
  let record: LoginRecord | null = null;
  const reference = () => `${registry?.host}/rib/python:3.11-slim`;

  it('pushes the base image with the saved login; the digest is the one the registry serves', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx, true);
    record = await loginToPrivate(engine, reg);
    const { updates, onEvent } = recorder();
    const started = performance.now();
    const result = await pushWithLogin({ docker: engine, image: BASE, reference: reference(), login: record, stores, onEvent });
    const seconds = (performance.now() - started) / 1000;
    tags.push(reference());
    evidence.push(JSON.stringify(result));
    PushResult.parse(result);
    const last = updates.at(-1)?.progress as PushProgress;
    measured.push(`base image (${(last.bytesTotal / MB).toFixed(0)} MB) pushed to an empty registry in ${seconds.toFixed(1)} s`);

    expect(result).toMatchObject({ reference: reference(), layersPushed: 1, layersReused: 0, pinned: `${reg.host}/rib/python@${result.digest}` });
    const served = await manifestDigest(reg.url, 'rib/python', '3.11-slim', USER, PASSWORD);
    expect(served).toEqual({ status: 200, digest: result.digest, bodyDigest: result.digest });

    for (const update of updates) PushProgress.parse(update.progress);
    expect(last).toMatchObject({ phase: 'done', percent: 100, totalKnown: true, etaSeconds: 0 });
    expect(last.bytesSent).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBeGreaterThan(100 * MB);
    expect(updates.some((u) => u.progress.phase === 'pushing' && u.progress.bytesPerSecond > 0 && u.progress.etaSeconds !== null)).toBe(true);
  });

  it('re-push: every layer already exists, same digest', async (ctx) => {
    const { docker: engine } = need(ctx, true);
    if (record === null) unavailable(ctx, 'push tests', 'the first push did not run');
    const { updates, onEvent } = recorder();
    const result = await pushWithLogin({ docker: engine, image: BASE, reference: reference(), login: record, stores, onEvent });
    expect(result).toMatchObject({ layersPushed: 0, layersReused: 1 });
    expect(updates.some((u) => u.event.type === 'layer-status' && u.event.status === 'Layer already exists')).toBe(true);
    expect(updates.at(-1)?.progress).toMatchObject({ phase: 'done', percent: 100 });
  });

  it('pushes to the shared test registry too (RIB_REGISTRY)', async (ctx) => {
    const { docker: engine } = need(ctx);
    if (SHARED === '') unavailable(ctx, 'push tests', 'RIB_REGISTRY is not set');
    const memory = { keychain: createSessionStore(), session: createSessionStore() };
    const shared = await login({ registry: SHARED, username: 'testuser', password: 'testpass', sessionOnly: true }, { docker: engine, ...memory });
    const target = `${SHARED}/rib-push-test/python:${Date.now()}`;
    const result = await pushWithLogin({ docker: engine, image: BASE, reference: target, login: shared, stores: memory });
    tags.push(target);
    const tag = target.slice(target.lastIndexOf(':') + 1);
    expect(await manifestDigest(`http://${SHARED}`, 'rib-push-test/python', tag, 'testuser', 'testpass')).toMatchObject({ status: 200, digest: result.digest });
    // Leave the shared registry as we found it (its config enables deletes).
    const deleted = await fetch(`http://${SHARED}/v2/rib-push-test/python/manifests/${result.digest}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from('testuser:testpass').toString('base64')}` },
    });
    expect(deleted.status).toBe(202);
  });

  it('a wrong password at push time asks to log in again', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const started = performance.now();
    const { error } = await settle(
      pushImage({ docker: engine, image: BASE, reference: `${reg.host}/rib/denied:1`, auth: { username: USER, secret: 'not-it', kind: 'password' } }),
    );
    tags.push(`${reg.host}/rib/denied:1`);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error?.code).toBe('login-required');
    expect(error?.message).toMatch(/did not accept the saved login of rib-pusher\. Log in again/);
  });

  it('after the keychain entry was deleted, a push asks to log in again', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx, true);
    const saved = await loginToPrivate(engine, reg);
    deleteKeychainItem(SECRET_SERVICE, secretAccount(USER, reg.host)); // as the user would, in their keyring manager
    const target = `${reg.host}/rib/after-delete:1`;
    const { error } = await settle(pushWithLogin({ docker: engine, image: BASE, reference: target, login: saved, stores }));
    expect(error?.code).toBe('login-required');
    expect(error?.message).toBe(`Log in to ${reg.host} again: the saved password for ${USER} is no longer in the keychain.`);
    // Nothing was started on the engine.
    await expect(engine.getImage(target).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('a push that is cancelled or loses the registry', () => {
  it('cancel mid-push ends within 2 s, nothing is published, and a retry skips the layers already sent', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'cancel', [2 * MB, 80 * MB, 80 * MB]);
    const reference = `${reg.host}/rib/cancel:1`;
    tags.push(reference);
    const auth = { username: USER, secret: PASSWORD, kind: 'password' as const };
    const controller = new AbortController();
    let cancelledAt = 0;
    let sentLayer = '';
    const { updates, onEvent } = recorder();
    const pushing = settle(
      pushImage({
        docker: engine,
        image,
        reference,
        auth,
        signal: controller.signal,
        onEvent: (update) => {
          onEvent(update);
          // Cancel as soon as the small layer is in the registry, while the big ones are still going.
          if (cancelledAt === 0 && update.event.type === 'layer-status' && update.event.outcome === 'pushed') {
            cancelledAt = performance.now();
            sentLayer = update.event.layerId;
            controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
          }
        },
      }),
    );
    const { error } = await pushing;
    const cancelMs = performance.now() - cancelledAt;
    measured.push(`cancel ended the push ${cancelMs.toFixed(0)} ms after the request`);
    expect(cancelledAt).toBeGreaterThan(0);
    expect(error?.code).toBe('cancelled');
    expect(cancelMs).toBeLessThan(2000);
    const unfinished = updates.at(-1)?.progress.layers.filter((l) => !l.done) ?? [];
    expect(unfinished.length).toBeGreaterThan(0);

    // Had the engine carried on, the 160 MB would be in within ~4 s and the tag would exist.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await manifestDigest(reg.url, 'rib/cancel', '1', USER, PASSWORD)).status).toBe(404);

    const retry = recorder();
    const result = await pushImage({ docker: engine, image, reference, auth, onEvent: retry.onEvent });
    // The layer that was in before the cancel is not sent again.
    const skipped = retry.updates.find((u) => u.event.type === 'layer-status' && u.event.layerId === sentLayer && u.event.done);
    expect(skipped?.event).toMatchObject({ status: 'Layer already exists', outcome: 'exists' });
    expect(result.layersReused).toBeGreaterThanOrEqual(1);
    expect((await manifestDigest(reg.url, 'rib/cancel', '1', USER, PASSWORD)).digest).toBe(result.digest);
  });

  it('a registry that stops mid-push ends in a clear error within 5 s of the engine reporting it', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'stopped', [80 * MB, 80 * MB]);
    const reference = `${reg.host}/rib/stopped:1`;
    tags.push(reference);
    let stopping: Promise<void> | null = null;
    let stoppedAt = 0;
    let reportedAt = 0;
    const { onEvent } = recorder();
    try {
      const { error } = await settle(
        pushImage({
          docker: engine,
          image,
          reference,
          auth: { username: USER, secret: PASSWORD, kind: 'password' },
          onEvent: (update) => {
            onEvent(update);
            if (stopping === null && update.event.type === 'progress') {
              stopping = reg.stop().then(() => {
                stoppedAt = performance.now();
              });
            }
            if (reportedAt === 0 && update.event.type === 'retrying') reportedAt = performance.now();
          },
        }),
      );
      const endedAt = performance.now();
      measured.push(
        `registry stopped: engine reported it ${(reportedAt - stoppedAt).toFixed(0)} ms after the stop, push ended ${(endedAt - reportedAt).toFixed(0)} ms after that`,
      );
      expect(reportedAt).toBeGreaterThan(0);
      expect(endedAt - reportedAt).toBeLessThan(5000);
      expect(error?.code).toBe('registry-down');
      expect(error?.message).toBe(
        `Nothing answers at ${reg.host} during the push: the registry is down, or the address or port is wrong. Push again when it is back; layers already sent are skipped.`,
      );
    } finally {
      await stopping;
      await reg.start();
    }
  });

  it('a connection that hangs without a word from the engine ends with registry-stalled', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'stall', [80 * MB]);
    const upstreamPort = Number(reg.host.split(':')[1]);
    // A proxy that forwards until 5 MB went up, then stops reading: the engine's upload blocks
    // and, as seen here, the engine goes silent for good.
    const sockets: Socket[] = [];
    let forwarded = 0;
    const proxy: Server = createServer((client) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      sockets.push(client, upstream);
      client.on('data', (chunk: Buffer) => {
        forwarded += chunk.length;
        if (forwarded > 5 * MB) {
          client.pause();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
      for (const s of [client, upstream]) s.on('error', () => undefined);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const reference = `127.0.0.1:${port}/rib/stall:1`;
    tags.push(reference);
    let lastEventAt = 0;
    try {
      const { error } = await settle(
        pushImage({
          docker: engine,
          image,
          reference,
          auth: { username: USER, secret: PASSWORD, kind: 'password' },
          stallTimeoutMs: 2000,
          onEvent: () => {
            lastEventAt = performance.now();
          },
        }),
      );
      const silence = performance.now() - lastEventAt;
      measured.push(`stalled connection ended ${silence.toFixed(0)} ms after the last event (watchdog 2000 ms)`);
      expect(error?.code).toBe('registry-stalled');
      expect(silence).toBeGreaterThanOrEqual(1900);
      expect(silence).toBeLessThan(3500);
    } finally {
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });
});

describe('leaks', () => {
  it('the password is in none of: login records, progress events, log lines, results, errors, the pushed image', async (ctx) => {
    const { docker: engine } = need(ctx);
    if (evidence.length < 50) unavailable(ctx, 'leak check', 'the push tests above did not run');
    const found = evidence.filter((text) => text.includes(PASSWORD) || text.includes(Buffer.from(PASSWORD).toString('base64')));
    expect(found).toEqual([]);
    // Every image this file tagged and pushed: its config and its history.
    let looked = 0;
    for (const tag of tags) {
      const image = engine.getImage(tag);
      const inspected = await image.inspect().catch(() => null);
      if (inspected === null) continue;
      looked += 1;
      expect(JSON.stringify(inspected)).not.toContain(PASSWORD);
      expect(JSON.stringify(await image.history())).not.toContain(PASSWORD);
    }
    expect(looked).toBeGreaterThan(0);
    // The keychain holds it (that is the point); the record that goes to electron-store does not.
    if (keychainMissing === null) expect(evidence.some((text) => text.includes('"storage":"keychain"'))).toBe(true);
  });
});
