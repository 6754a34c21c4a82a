// Push against real parts: the test engine (DOCKER_HOST), the shared test registry (RIB_REGISTRY),
// a private registry this file starts (empty, so layers are really uploaded; stoppable mid-push;
// with a distinctive password for the leak check), an HTTP proxy in front of it that watches each
// push from the registry's side (test/support/registry-proxy.ts: Podman says nothing until a push is
// over, so "under way", "this blob is in" and "not sent again" are read there, for every engine), a
// TCP proxy this file starts to make a connection hang, and the Secret Service of the test session:
//   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && npx vitest run --project services test/services/push.test.ts'
// Under CI=true a missing part fails; elsewhere the tests that need it are skipped, saying why.
import { createHash, randomUUID } from 'node:crypto';
import { type Server, type Socket, connect, createServer } from 'node:net';
import type Dockerode from 'dockerode';
import { PushProgress } from '../../electron/contract/domain/job';
import { PushResult, describeLayerCounts } from '../../electron/contract/domain/push';
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
import { type PrivateRegistry, privateRegistryMissingReason, registryHostname, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';
import { engineReportsPushLayers } from '../support/engine-env';
import { registryManifest } from '../support/registry-manifest';
import { RegistryProxy } from '../support/registry-proxy';

const BASE = process.env.RIB_BASE_IMAGE ?? 'python:3.11-slim';
const SHARED = process.env.RIB_REGISTRY ?? '';
const MB = 1_000_000;
// Distinctive, so the leak check can look for it anywhere.
const PASSWORD = `Leak-Canary-${randomUUID()}`;
const USER = 'rib-pusher';

let docker: Dockerode | null = null;
let registry: PrivateRegistry | null = null;
/** In front of the private registry, for the pushes of 'push to the registry'. */
let front: RegistryProxy | null = null;
/** Docker reports a push layer by layer; Podman 5 says nothing until it is over. */
let layerEvents = true;
const proxies: RegistryProxy[] = [];
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
  if (registry !== null && docker !== null) {
    front = await startProxy(registry);
    layerEvents = await engineReportsPushLayers(docker);
  }
  keychainMissing = secretServiceMissingReason();
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
  await registry?.dispose();
  for (const name of [...tags, ...builtImages])
    await docker
      ?.getImage(name)
      .remove({ force: true })
      .catch(() => undefined);
  if (measured.length > 0) console.log(`[push.test] measured: ${measured.join('; ')}`);
});

type Ctx = { skip: (note?: string) => void };
function need(ctx: Ctx, keychainToo = false): { docker: Dockerode; registry: PrivateRegistry; front: RegistryProxy } {
  if (missing !== null || docker === null || registry === null || front === null) unavailable(ctx, 'push tests', missing ?? 'no engine or registry');
  if (keychainToo && keychainMissing !== null) unavailable(ctx, 'push tests with the keychain', keychainMissing);
  return { docker, registry, front };
}

/** A proxy in front of the private registry, named as this engine must name a registry on this computer. */
async function startProxy(reg: PrivateRegistry, uploadBytesPerSecond?: number): Promise<RegistryProxy> {
  const proxy = new RegistryProxy({ upstream: `127.0.0.1:${reg.host.split(':')[1]}`, hostname: registryHostname(), uploadBytesPerSecond });
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Logs in to the private registry (or a proxy in front of it) the way the app does, secret into the keychain. */
async function loginToPrivate(engine: Dockerode, host: string): Promise<LoginRecord> {
  const record = await login({ registry: host, username: USER, password: PASSWORD }, { docker: engine, ...stores });
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

async function manifestDigest(
  url: string,
  repository: string,
  tag: string,
  user: string,
  password: string,
): Promise<{ status: number; digest: string | null; bodyDigest: string | null }> {
  const answer = await registryManifest(url, repository, tag, user, password);
  return {
    status: answer.status,
    digest: answer.digest,
    bodyDigest: answer.status === 200 ? `sha256:${createHash('sha256').update(answer.body).digest('hex')}` : null,
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
  let firstDigest: string | null = null;
  const reference = () => `${front?.host}/rib/python:3.11-slim`;

  it('pushes the base image with the saved login; the digest is the one the registry serves', async (ctx) => {
    const { docker: engine, registry: reg, front: proxy } = need(ctx, true);
    record = await loginToPrivate(engine, proxy.host);
    const { updates, onEvent } = recorder();
    const started = performance.now();
    const result = await pushWithLogin({ docker: engine, image: BASE, reference: reference(), login: record, stores, onEvent });
    const seconds = (performance.now() - started) / 1000;
    tags.push(reference());
    evidence.push(JSON.stringify(result));
    PushResult.parse(result);
    firstDigest = result.digest;
    const last = updates.at(-1)?.progress as PushProgress;
    measured.push(`base image (${(proxy.uploadedBytes() / MB).toFixed(0)} MB reached the registry) pushed to an empty registry in ${seconds.toFixed(1)} s`);

    expect(result).toMatchObject({ reference: reference(), pinned: `${proxy.host}/rib/python@${result.digest}` });
    const served = await manifestDigest(reg.url, 'rib/python', '3.11-slim', USER, PASSWORD);
    expect(served).toEqual({ status: 200, digest: result.digest, bodyDigest: result.digest });
    // The registry's side, whatever the engine reports: the base's one layer and its config went up.
    expect(proxy.blobsStored()).toHaveLength(2);
    expect(proxy.uploadedBytes()).toBeGreaterThan(40 * MB);

    for (const update of updates) PushProgress.parse(update.progress);
    expect(last).toMatchObject({ phase: 'done', percent: 100, etaSeconds: 0 });
    if (layerEvents) {
      expect(result).toMatchObject({ layersPushed: 1, layersReused: 0 });
      expect(last).toMatchObject({ totalKnown: true });
      expect(last.bytesSent).toBe(last.bytesTotal);
      expect(last.bytesTotal).toBeGreaterThan(100 * MB);
      expect(updates.some((u) => u.progress.phase === 'pushing' && u.progress.bytesPerSecond > 0 && u.progress.etaSeconds !== null)).toBe(true);
    } else {
      // Podman: "The push refers to repository" and the digest line, once the upload is over. The app
      // counts no layers it was not told about and says so.
      expect(updates.map((u) => u.event.type)).toEqual(['ignored', 'ignored']);
      expect(result).toMatchObject({ layersPushed: 0, layersReused: 0 });
      expect(describeLayerCounts(result)).toBe('the engine did not say which layers it sent');
      expect(last).toMatchObject({ layersTotal: 0, bytesSent: 0, bytesTotal: 0 });
    }
  });

  it('re-push: every layer already exists, same digest', async (ctx) => {
    const { docker: engine, front: proxy } = need(ctx, true);
    if (record === null) unavailable(ctx, 'push tests', 'the first push did not run');
    const { updates, onEvent } = recorder();
    const stored = proxy.blobsStored().length;
    const uploaded = proxy.uploadedBytes();
    const result = await pushWithLogin({ docker: engine, image: BASE, reference: reference(), login: record, stores, onEvent });
    expect(result.digest).toBe(firstDigest);
    // The registry's side: nothing was sent again.
    expect(proxy.blobsStored()).toHaveLength(stored);
    expect(proxy.uploadedBytes()).toBe(uploaded);
    expect(updates.at(-1)?.progress).toMatchObject({ phase: 'done', percent: 100 });
    if (layerEvents) {
      expect(result).toMatchObject({ layersPushed: 0, layersReused: 1 });
      expect(updates.some((u) => u.event.type === 'layer-status' && u.event.status === 'Layer already exists')).toBe(true);
    } else {
      expect(describeLayerCounts(result)).toBe('the engine did not say which layers it sent');
    }
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
    const saved = await loginToPrivate(engine, reg.host);
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
  const auth = { username: USER, secret: PASSWORD, kind: 'password' as const };
  // Uploads through the proxy go at this rate, so a push on this computer lasts seconds, not a blink
  // (Podman sends 160 MB to a registry on this computer in well under a second).
  const RATE = 40 * MB;

  it('cancel mid-push ends within 2 s, nothing is published, and a retry skips the layers already sent', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'cancel', [2 * MB, 80 * MB, 80 * MB]);
    const proxy = await startProxy(reg, RATE);
    const reference = `${proxy.host}/rib/cancel:1`;
    tags.push(reference);
    const controller = new AbortController();
    const { updates, onEvent } = recorder();
    const pushing = settle(pushImage({ docker: engine, image, reference, auth, signal: controller.signal, onEvent }));
    // Cancel once a blob is in the registry and the upload is well under way (by 10 MB the small layer
    // is in; Docker 28 with the containerd store stores the config first), while the big layers are
    // still going: seen from the registry's side, the same on every engine.
    await until(() => proxy.blobsStored().length > 0 && proxy.uploadedBytes() >= 10 * MB, 'the first blob in the registry');
    const sentBefore = proxy.blobsStored();
    const cancelledAt = performance.now();
    controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
    const { error } = await pushing;
    const cancelMs = performance.now() - cancelledAt;
    measured.push(`cancel ended the push ${cancelMs.toFixed(0)} ms after the request, ${(proxy.uploadedBytes() / MB).toFixed(0)} MB in`);
    expect(error?.code).toBe('cancelled');
    expect(cancelMs).toBeLessThan(2000);
    if (layerEvents) expect(updates.at(-1)?.progress.phase).toBe('pushing');

    // Had the engine carried on (Podman did, until the request went without a body), the 160 MB
    // would be in within ~4 s and the tag would exist.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await manifestDigest(reg.url, 'rib/cancel', '1', USER, PASSWORD)).status).toBe(404);

    const retry = recorder();
    const storedBeforeRetry = proxy.blobsStored().length;
    const result = await pushImage({ docker: engine, image, reference, auth, onEvent: retry.onEvent });
    // What was in before the cancel is not sent again: the registry stores only the rest.
    const stored = proxy.blobsStored().slice(storedBeforeRetry);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((digest) => sentBefore.includes(digest))).toEqual([]);
    if (layerEvents) {
      expect(retry.updates.some((u) => u.event.type === 'layer-status' && u.event.status === 'Layer already exists')).toBe(true);
      expect(result.layersReused).toBeGreaterThanOrEqual(1);
    }
    expect((await manifestDigest(reg.url, 'rib/cancel', '1', USER, PASSWORD)).digest).toBe(result.digest);
  });

  it('a registry that stops mid-push ends in a clear error within 5 s', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'stopped', [80 * MB, 80 * MB]);
    const proxy = await startProxy(reg, RATE);
    const reference = `${proxy.host}/rib/stopped:1`;
    tags.push(reference);
    let reportedAt = 0;
    const { onEvent } = recorder();
    try {
      const pushing = settle(
        pushImage({
          docker: engine,
          image,
          reference,
          auth,
          onEvent: (update) => {
            onEvent(update);
            if (reportedAt === 0 && update.event.type === 'retrying') reportedAt = performance.now();
          },
        }),
      );
      await proxy.waitForUploadBytes(5 * MB, 60_000);
      await reg.stop();
      const stoppedAt = performance.now();
      const { error } = await pushing;
      const endedAt = performance.now();
      measured.push(
        `registry stopped: push ended ${(endedAt - stoppedAt).toFixed(0)} ms after the stop${reportedAt > 0 ? ` (the engine said it was retrying after ${(reportedAt - stoppedAt).toFixed(0)} ms)` : ''}`,
      );
      // Docker's own pusher says "Retrying in 5 seconds" first (then the registry is asked); Docker 28
      // with the containerd image store and Podman end with the connection's error: the same 5 s.
      expect(endedAt - stoppedAt).toBeLessThan(5000);
      expect(error?.code).toBe('registry-down');
      expect(error?.message).toBe(
        `Nothing answers at ${proxy.host} during the push: the registry is down, or the address or port is wrong. Push again when it is back; layers already sent are skipped.`,
      );
    } finally {
      await reg.start();
    }
  });

  it('a connection that hangs without a word from the engine ends with registry-stalled', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'stall', [80 * MB]);
    const upstreamPort = Number(reg.host.split(':')[1]);
    // A proxy that forwards until 5 MB went up, then stops reading, on every connection: the engine's
    // upload blocks and, as seen here, the engine goes silent for good; a check of the registry
    // through it hangs too.
    const sockets: Socket[] = [];
    let forwarded = 0;
    let stalledAt = 0;
    const proxy: Server = createServer((client) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      sockets.push(client, upstream);
      client.on('data', (chunk: Buffer) => {
        forwarded += chunk.length;
        if (forwarded > 5 * MB) {
          if (stalledAt === 0) stalledAt = performance.now();
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
    const reference = `${registryHostname()}:${port}/rib/stall:1`;
    tags.push(reference);
    // When the engine's figures last changed: Docker 28 with the containerd store repeats unchanged
    // figures every 100 ms, so the last event says nothing.
    let lastEventAt = 0;
    let lastChangeAt = 0;
    const lastLine = new Map<string, string>();
    try {
      const { error } = await settle(
        pushImage({
          docker: engine,
          image,
          reference,
          auth,
          stallTimeoutMs: 2000,
          probeTimeoutMs: 1000,
          onEvent: ({ event }) => {
            lastEventAt = performance.now();
            const key = 'layerId' in event ? event.layerId : event.type;
            const line = JSON.stringify(event);
            if (lastLine.get(key) !== line) lastChangeAt = lastEventAt;
            lastLine.set(key, line);
          },
        }),
      );
      const endedAt = performance.now();
      expect(error?.code).toBe('registry-stalled');
      expect(error?.message).toMatch(new RegExp(`^${registryHostname().replace(/\./g, '\\.')}:${port} stopped`));
      if (layerEvents) {
        // The engine reported progress until the proxy stopped reading: no change since is the stall.
        const silence = endedAt - lastChangeAt;
        measured.push(`stalled connection ended ${silence.toFixed(0)} ms after the engine's figures last changed (watchdog 2000 ms)`);
        expect(silence).toBeGreaterThanOrEqual(1900);
        expect(silence).toBeLessThan(3500);
      } else {
        // Silent until the end: the registry is asked every 2 s (the heartbeat is capped at the stall
        // timeout), and its check hangs behind the proxy for 1 s.
        const sinceStall = endedAt - stalledAt;
        measured.push(`stalled connection ended ${sinceStall.toFixed(0)} ms after the proxy stopped reading (heartbeat 2000 ms, check 1000 ms)`);
        expect(lastEventAt).toBe(0);
        expect(stalledAt).toBeGreaterThan(0);
        expect(sinceStall).toBeLessThan(2000 + 1000 + 1000);
      }
    } finally {
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });

  it('a registry that answers but takes no more of the upload: stalled on Docker; on Podman, running until cancelled', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const image = await freshImage(engine, 'held', [80 * MB, 80 * MB]);
    const proxy = await startProxy(reg, RATE);
    const reference = `${proxy.host}/rib/held:1`;
    tags.push(reference);
    const controller = new AbortController();
    const pushing = settle(pushImage({ docker: engine, image, reference, auth, signal: controller.signal, stallTimeoutMs: 2000, heartbeatMs: 500 }));
    try {
      await proxy.waitForUploadBytes(5 * MB, 60_000);
      proxy.hold();
      const heldAt = performance.now();
      if (layerEvents) {
        const { error } = await pushing;
        measured.push(`held upload: registry-stalled ${(performance.now() - heldAt).toFixed(0)} ms after the registry stopped taking it (watchdog 2000 ms)`);
        expect(error?.code).toBe('registry-stalled');
        expect(performance.now() - heldAt).toBeLessThan(2000 + 3000);
      } else {
        // Nothing outside Podman sees how far its upload is, and the registry answers every check: a
        // slow upload and a stuck one look the same. The push goes on; the user can cancel it.
        await new Promise((r) => setTimeout(r, 3000));
        expect(await Promise.race([pushing.then(() => 'ended'), Promise.resolve('running')])).toBe('running');
        const cancelledAt = performance.now();
        controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
        const { error } = await pushing;
        measured.push(
          `held upload on an engine without layer events: still running after 3 s, cancelled in ${(performance.now() - cancelledAt).toFixed(0)} ms`,
        );
        expect(error?.code).toBe('cancelled');
        expect(performance.now() - cancelledAt).toBeLessThan(2000);
      }
      // Let whatever the engine still has go through: no manifest may follow.
      proxy.release();
      await new Promise((r) => setTimeout(r, 3000));
      expect((await manifestDigest(reg.url, 'rib/held', '1', USER, PASSWORD)).status).toBe(404);
    } finally {
      proxy.release();
    }
  });
});

describe('leaks', () => {
  it('the password is in none of: login records, progress events, log lines, results, errors, the pushed image', async (ctx) => {
    const { docker: engine } = need(ctx);
    // A result and an error at least (Podman's pushes give few events, so their number says little).
    const ran = evidence.some((text) => text.includes('"pinned"')) && evidence.some((text) => text.includes('"code"'));
    if (!ran) unavailable(ctx, 'leak check', 'the push tests above did not run');
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
