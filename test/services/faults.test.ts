// The fault suite (issue 7): each fault staged on the real parts while the app core does what the UI
// does through its dispatch API (build:start, push:start, job:cancel, registry:login, …). For each:
// the clear error state arrives within 5 s of the fault (no hang), its code and message are the
// specific ones, no container of the test is left behind, and once the fault is cleared a retry works.
// Real parts: the shared test engine (stopped and restarted: RIB_ENGINE_STOP/START), a private
// registry (stopped and started), the package index, the Secret Service of the test session, and a
// third dockerd on a small tmpfs (test/infra/small-disk-engine.sh) for "disk full".
//   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && . .test-env/env.sh && CI=true npx vitest run --project services test/services/faults.test.ts'
// Under CI=true a missing part fails; elsewhere the tests that need it are skipped, saying why.
import { exec, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { BuildJobResult } from '../../electron/contract/domain/build';
import type { JobSnapshot, JobUpdate, PushProgress } from '../../electron/contract/domain/job';
import { PushResult } from '../../electron/contract/domain/push';
import type { Recipe } from '../../electron/contract/domain/recipe';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../electron/contract/domain/settings';
import { listEngineContainers } from '../../electron/services/build';
import { secretServiceMissingReason } from '../fixtures/push-events/tools/keyring-session';
import { type PrivateRegistry, privateRegistryMissingReason, registryHostname, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';
import { engineMissingReason, engineReportsPushLayers } from '../support/engine-env';
import { registryManifest } from '../support/registry-manifest';
import { RegistryProxy } from '../support/registry-proxy';
import { type FaultCore, startFaultCore, withTimeout } from '../support/fault-core';
import type { KeychainFaultOutcome } from '../support/keychain-fault-child';

const sh = promisify(exec);
const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const smallDiskScript = join(repo, 'test/infra/small-disk-engine.sh');
const keychainChild = join(repo, 'test/support/keychain-fault-child.ts');

const BASE = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';
const INDEX = process.env['RIB_INDEX_URL'] ?? '';
const STAMP = Date.now();
const MB = 1_000_000;
/** Every fault must end in a clear error state within this long (issue 7). */
const FAULT_DEADLINE_MS = 5000;
const CANCEL_DEADLINE_MS = 2000;
const LOGIN_DEADLINE_MS = 3000;
/** How long a wait may last before it counts as a hang (long enough to measure, not to stall the suite). */
const HANG_MS = 30_000;
const RETRY_MS = 150_000;
const USER = 'rib-faults';
const PASSWORD = `faults-${STAMP}`;
const INSTALL_LABEL = 'installing your packages';

const engineMissing = engineMissingReason();

interface Row {
  fault: string;
  detectionMs: number | null;
  code: string;
  retryOk: boolean;
}
const rows: Row[] = [];
/** A row of the summary table for this fault, filled in as the test goes. */
function tableRow(fault: string): Row {
  const row: Row = { fault, detectionMs: null, code: '-', retryOk: false };
  rows.push(row);
  return row;
}
const notes: string[] = [];
const cores: FaultCore[] = [];
const images: string[] = [];
let docker: Dockerode | null = null;
let missing: string | null = engineMissing;
let registry: PrivateRegistry | null = null;
let smallDiskUp = false;
/** Docker reports a push layer by layer; Podman 5 says nothing until it is over. */
let layerEvents = true;
const proxies: RegistryProxy[] = [];

beforeAll(async () => {
  if (missing !== null) return;
  docker = await testDockerClient(process.env['DOCKER_HOST'] ?? '');
  missing = await engineUnavailableReason(docker);
  if (missing === null && INDEX === '') missing = 'RIB_INDEX_URL is not set: the builds need the test package index (test/infra/up.sh starts it)';
  if (missing === null && (process.env['RIB_ENGINE_STOP'] ?? '') === '') missing = 'RIB_ENGINE_STOP/START are not set: source .test-env/env.sh';
  if (
    missing === null &&
    !(await docker
      .getImage(BASE)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  ) {
    missing = `the base image ${BASE} is not on the test engine (test/infra/up.sh makes it)`;
  }
  missing ??= privateRegistryMissingReason();
  if (missing === null) registry = await startPrivateRegistry(USER, PASSWORD);
  if (missing === null) layerEvents = await engineReportsPushLayers(docker);
});

afterAll(async () => {
  for (const app of cores) await app.dispose().catch(() => undefined);
  for (const proxy of proxies) await proxy.stop();
  await registry?.dispose();
  for (const image of images)
    await docker
      ?.getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  if (smallDiskUp) await run('bash', [smallDiskScript, 'down']).catch((error: unknown) => console.warn(`small-disk down: ${String(error)}`));
  if (rows.length > 0) printTable();
});

function printTable(): void {
  const header = ['fault', 'detection ms', 'error code', 'retry ok'];
  const body = rows.map((r) => [r.fault, r.detectionMs === null ? '-' : r.detectionMs.toFixed(0), r.code, r.retryOk ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(['[faults]', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ...notes.map((n) => `  note: ${n}`)].join('\n'));
}

type Ctx = { skip: (note?: string) => void };
function need(ctx: Ctx): { docker: Dockerode; registry: PrivateRegistry } {
  if (missing !== null || docker === null || registry === null) unavailable(ctx, 'fault tests', missing ?? 'set-up did not finish');
  return { docker, registry };
}
function needKeychain(ctx: Ctx): void {
  const reason = secretServiceMissingReason();
  if (reason !== null) unavailable(ctx, 'keychain fault tests', reason);
}

/** The preferences of the test set-up: the local index (trusted), reached over the host network. */
function testSettings(): SettingsPatch {
  const index = new URL(INDEX);
  return {
    packageIndex: { indexUrl: INDEX, extraIndexUrls: [], trustedHosts: [index.host] },
    elyraVersion: 'main',
    pythonVersion: '3.11',
    buildNetwork: 'host',
    firstRunDone: true,
  };
}

function appOn(dockerHost: string): FaultCore {
  const app = startFaultCore({ env: { ...process.env, DOCKER_HOST: dockerHost }, settings: testSettings() });
  cores.push(app);
  return app;
}

/** The recipe as the UI makes it: recipe:default (from the settings), then the user's choices. */
async function recipe(app: FaultCore, name: string, packages: string[]): Promise<Recipe> {
  const start = await app.value('recipe:default', {});
  const imageName = `rib-faults/${name}:${STAMP}`;
  images.push(imageName);
  return {
    ...start,
    pythonVersion: '3.11',
    base: { kind: 'slim' },
    imageName,
    packages: packages.map((text, i) => ({ id: `p${i}`, text, origin: { file: null, line: null } })),
  };
}

/**
 * ribdemo-big (a 20 MB wheel) with a specifier that excludes a version that does not exist: the
 * same install, but a package list of its own, so the install step is never a cache hit.
 */
function bigPackage(tag: string): string {
  return `ribdemo-big!=0.0.${STAMP % 1_000_000}${tag}`;
}

/** Every container, Podman's build (buildah) working containers included. */
async function containerIds(engine: Dockerode): Promise<Set<string>> {
  return new Set((await listEngineContainers(engine)).map((c) => c.Id));
}

/**
 * Containers of this build that were not there before: the ones its log named (" ---> Running in
 * <id>") and any made from one of its step images (" ---> <id>", the base excepted), which covers
 * one the engine created after the last line it sent. On Podman, whose log names no container and
 * no image for step 1 ("--> <id>"), any new working container of its builder made from the base or
 * a step image. Other tests' containers on the shared engine are not ours and are not counted.
 */
async function buildLeftovers(engine: Dockerode, before: ReadonlySet<string>, log: readonly string[]): Promise<string[]> {
  const running = log.flatMap((l) => /^ ---> Running in ([0-9a-f]{12,64})\s*$/.exec(l)?.[1] ?? []);
  const layers = log.flatMap((l) => /^ ---> ([0-9a-f]{12,64})\s*$/.exec(l)?.[1] ?? []).slice(1);
  const podmanLayers = log.flatMap((l) => /^--> ([0-9a-f]{12,64})\s*$/.exec(l)?.[1] ?? []);
  const base = (await engine.getImage(BASE).inspect()).Id.replace('sha256:', '');
  return (await listEngineContainers(engine))
    .filter((c) => {
      const image = c.ImageID.replace('sha256:', '');
      if (running.some((id) => c.Id.startsWith(id))) return true;
      if (before.has(c.Id)) return false;
      if (layers.some((id) => image.startsWith(id))) return true;
      return c.builder === true && (image === base || podmanLayers.some((id) => image.startsWith(id)));
    })
    .map((c) => `${c.Id.slice(0, 12)} (${c.State}: ${c.Command.slice(0, 80)})`);
}

/** Containers made from the given images since `before` (a push must start none). */
async function containersFrom(engine: Dockerode, before: ReadonlySet<string>, imageNames: readonly string[]): Promise<string[]> {
  const ids = await Promise.all(
    imageNames.map((name) =>
      engine
        .getImage(name)
        .inspect()
        .then(
          (i) => i.Id,
          () => name,
        ),
    ),
  );
  return (await engine.listContainers({ all: true }))
    .filter((c) => !before.has(c.Id) && (ids.includes(c.ImageID) || imageNames.includes(c.Image)))
    .map((c) => `${c.Id.slice(0, 12)} (${c.State}: ${c.Image})`);
}

async function waitForEngine(engine: Dockerode, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await engine.ping();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function startEngine(engine: Dockerode): Promise<void> {
  await sh(process.env['RIB_ENGINE_START'] ?? '');
  await waitForEngine(engine);
}

/**
 * The install step has begun: the engine sent its step line and is creating and starting the
 * step's container. With the local index the whole step lasts ~0.7 s (measured).
 */
function installStepStarted(update: JobUpdate): boolean {
  const progress = update.snapshot.progress;
  return progress?.kind === 'build' && progress.label === INSTALL_LABEL;
}

/** The install step is running: its step line came, then pip's first words in its container. */
function pipRunning(update: JobUpdate, log: readonly string[]): boolean {
  const progress = update.snapshot.progress;
  if (progress?.kind !== 'build' || progress.label !== INSTALL_LABEL) return false;
  // Docker's classic builder and Podman's step headers; BuildKit's plan runs pip with a cache mount
  // ("RUN --mount=type=cache,… python3 -m pip install --cache-dir=… -r …").
  const step = log.findLastIndex((l) =>
    /^(Step \d+\/\d+ :|STEP \d+\/\d+:) RUN (--mount=\S+ )?python3 -m pip install (--cache-dir=\S+ )?-r \/tmp\/runtime-image-builder\/requirements\.txt/.test(l),
  );
  return step >= 0 && log.slice(step + 1).some((l) => /Looking in indexes|Collecting ribdemo-big/.test(l));
}

function pushing(update: JobUpdate): boolean {
  const progress = update.snapshot.progress;
  return progress?.kind === 'push' && progress.bytesSent > 0 && progress.phase === 'pushing';
}

async function startJob(started: Promise<JobSnapshot>): Promise<JobSnapshot> {
  const snapshot = await started;
  expect(snapshot.status).toBe('running');
  return snapshot;
}

/** A retry that must work: the job succeeds (a build also passes its check). */
/** The user's Retry: the build succeeds, its image passes the check, and it leaves no container behind. */
async function retryBuild(app: FaultCore, engine: Dockerode, r: Recipe): Promise<BuildJobResult> {
  const before = await containerIds(engine);
  const job = await startJob(app.value('build:start', { recipe: r }));
  const done = await app.waitForJob(job.id, RETRY_MS);
  expect(done.status, `retry failed: ${JSON.stringify(done.error)}\n${app.log(job.id).slice(-15).join('\n')}`).toBe('succeeded');
  const result = BuildJobResult.parse(done.result);
  expect(result.verify.status).not.toBe('fail');
  expect(await buildLeftovers(engine, before, app.log(job.id))).toEqual([]);
  return result;
}

async function loginForPush(app: FaultCore, host: string): Promise<void> {
  const record = await app.value('registry:login', { registry: host, username: USER, password: PASSWORD, sessionOnly: true });
  expect(record.storage).toBe('session');
}

/**
 * The start of a push fault: a fresh image, the user logged in (this session only), the push running
 * through a proxy in front of the registry, which sees the upload arrive (Podman reports none) and
 * slows it so that it is still going when the fault comes.
 */
async function startPush(
  app: FaultCore,
  engine: Dockerode,
  reg: PrivateRegistry,
  imageName: string,
  repoAndTag: string,
): Promise<{ image: string; reference: string; before: Set<string>; job: JobSnapshot; proxy: RegistryProxy }> {
  const image = await freshImage(engine, imageName);
  const proxy = new RegistryProxy({ upstream: `127.0.0.1:${reg.host.split(':')[1]}`, hostname: registryHostname(), uploadBytesPerSecond: 40 * MB });
  await proxy.start();
  proxies.push(proxy);
  await loginForPush(app, proxy.host);
  const reference = `${proxy.host}/${repoAndTag}`;
  images.push(reference);
  const before = await containerIds(engine);
  const job = await startJob(app.value('push:start', { image, reference }));
  return { image, reference, before, job, proxy };
}

/** The upload is under way: bytes reach the registry, and an engine with layer events says so in the job. */
async function uploadUnderWay(app: FaultCore, job: JobSnapshot, proxy: RegistryProxy): Promise<void> {
  await proxy.waitForUploadBytes(5 * MB, 60_000);
  if (layerEvents) await app.waitForUpdate(job.id, 'the first bytes of the push', pushing, 60_000);
}

async function freshImage(engine: Dockerode, name: string): Promise<string> {
  const tag = `rib-faults/${name}:${STAMP}`;
  images.push(tag);
  await buildRandomImage(engine, { tag, base: BASE, layerBytes: [60 * MB, 60 * MB] });
  return tag;
}

describe('faults on the real parts, through the app core', () => {
  it('1. engine stopped before a build: engine-unavailable at once; restarted, the build works', async (ctx) => {
    const { docker: engine } = need(ctx);
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const r = await recipe(app, 'engine-before', ['ribdemo-alpha==1.1.0']);
    const row = tableRow('1 engine stopped before a build');
    await sh(process.env['RIB_ENGINE_STOP'] ?? '');
    try {
      // The fault is in place from here: the build request is the user's first contact with it.
      const started = Date.now();
      const error = await withTimeout(app.failure('build:start', { recipe: r }), HANG_MS, 'build:start with the engine stopped');
      row.detectionMs = Date.now() - started;
      row.code = error.code;
      expect(error.code).toBe('engine-unavailable');
      expect(error.message).toBe("Docker isn't running. Start Docker Desktop, Colima or Rancher Desktop, then press Retry.");
      expect(row.detectionMs).toBeLessThan(FAULT_DEADLINE_MS);
      expect(app.core.jobs.list()).toEqual([]);
    } finally {
      await startEngine(engine);
    }
    const built = await retryBuild(app, engine, r);
    expect(built.build.tag).toBe(r.imageName);
    row.retryOk = true;
  });

  // Two moments inside the install step: as it starts (the step's container is being created and
  // started while the engine shuts down), and once pip runs in it (the stop kills pip: exit 137).
  // Both are "the engine stopped mid-build" to the user, and must be reported as such.
  const midBuild = [
    { id: '2a', moment: 'as the install step starts', trigger: installStepStarted, what: 'the install step' },
    { id: '2b', moment: 'while pip runs in the install step', trigger: pipRunning, what: 'pip running in the install step' },
  ] as const;
  for (const { id, moment, trigger, what } of midBuild) {
    it(`${id}. engine stopped mid-build, ${moment}: engine-unavailable within 5 s; restarted, the build works, nothing left`, async (ctx) => {
      const { docker: engine } = need(ctx);
      const app = appOn(process.env['DOCKER_HOST'] ?? '');
      const r = await recipe(app, `engine-mid-${id}`, [bigPackage(id === '2a' ? '21' : '22')]);
      const row = tableRow(`${id} engine stopped mid-build (${moment})`);
      const before = await containerIds(engine);
      const job = await startJob(app.value('build:start', { recipe: r }));
      let stopping: Promise<unknown> | null = null;
      try {
        await app.waitForUpdate(job.id, what, trigger, 120_000);
        const faultAt = Date.now();
        stopping = sh(process.env['RIB_ENGINE_STOP'] ?? '');
        const done = await app.waitForJob(job.id, HANG_MS);
        row.detectionMs = (done.endedAt ?? Date.now()) - faultAt;
        row.code = done.error?.code ?? done.status;
        console.log(
          `[faults] ${id} engine stopped mid-build: ${done.error?.code ?? done.status}: ${done.error?.message ?? ''}\n  detail: ${done.error?.detail ?? ''}`,
        );
        // Soft: the retry and the leftover check below still run, so the table tells all of it.
        expect.soft(done.status).toBe('failed');
        expect.soft(done.error?.code, `${id}: the wrong error for an engine that stopped`).toBe('engine-unavailable');
        // The engine may go while the build runs or, when the install step is quick, during the check
        // that follows it; either way the user is told the engine went, not that the recipe failed.
        expect
          .soft(done.error?.message)
          .toMatch(
            /^The Docker engine (stopped answering during the build \(at step \d+ of \d+\)\. Start Docker|is not running, so the image could not be checked)/,
          );
        expect.soft(row.detectionMs).toBeLessThan(FAULT_DEADLINE_MS);
      } finally {
        await stopping?.catch(() => undefined);
        await startEngine(engine);
      }
      const left = await buildLeftovers(engine, before, app.log(job.id));
      // A container stopped with the engine (a build step's, a check's) cannot be removed while it
      // is down; the retry clears it first, so what counts is that nothing is left once it is done.
      if (left.length > 0)
        notes.push(`${id}: after the engine restarted and before the retry, the interrupted job's stopped containers were still there: ${left.join(', ')}`);
      await retryBuild(app, engine, r);
      expect.soft(await buildLeftovers(engine, before, app.log(job.id)), 'the interrupted build left containers behind after the retry').toEqual([]);
      row.retryOk = true;
    });
  }

  it('3. registry stopped mid-push: a clear error within 5 s; started again, the retry pushes and skips what is there', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const row = tableRow('3 registry stopped mid-push');
    const { image, reference, before, job, proxy } = await startPush(app, engine, reg, 'registry-stopped', 'rib-faults/stopped:1');
    let firstAttempt: PushProgress | null = null;
    let storedBefore: string[] = [];
    try {
      await uploadUnderWay(app, job, proxy);
      const faultAt = Date.now();
      await reg.stop();
      const done = await app.waitForJob(job.id, HANG_MS);
      row.detectionMs = (done.endedAt ?? Date.now()) - faultAt;
      row.code = done.error?.code ?? done.status;
      firstAttempt = done.progress?.kind === 'push' ? done.progress : null;
      console.log(`[faults] registry stopped mid-push: ${done.error?.message ?? ''} (${done.error?.detail ?? ''})`);
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('registry-down');
      expect(done.error?.message).toBe(
        `Nothing answers at ${proxy.host} during the push: the registry is down, or the address or port is wrong. Push again when it is back; layers already sent are skipped.`,
      );
      expect(row.detectionMs).toBeLessThan(FAULT_DEADLINE_MS);
    } finally {
      storedBefore = proxy.blobsStored();
      await reg.start();
    }
    const retry = await startJob(app.value('push:start', { image, reference }));
    const done = await app.waitForJob(retry.id, RETRY_MS);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const pushed = PushResult.parse(done.result);
    const doneBefore = firstAttempt?.layers.filter((l) => l.done).length ?? 0;
    // The registry's side, on every engine: what it stored before the stop was not sent again.
    const storedByRetry = proxy.blobsStored().slice(storedBefore.length);
    notes.push(
      `3: the registry stored ${storedBefore.length} blobs before the stop and ${storedByRetry.length} on the retry; the engine said the first attempt finished ${doneBefore} of ${firstAttempt?.layersTotal ?? '?'} layers, the retry pushed ${pushed.layersPushed} and skipped ${pushed.layersReused}`,
    );
    expect(storedByRetry.filter((digest) => storedBefore.includes(digest))).toEqual([]);
    if (layerEvents) {
      expect(pushed.layersPushed + pushed.layersReused).toBe(3);
      expect(pushed.layersReused).toBeGreaterThanOrEqual(doneBefore);
    }
    expect(await containersFrom(engine, before, [image, reference])).toEqual([]);
    row.retryOk = true;
  });

  it('4. wrong password: wrong-credentials within 3 s; the right one then logs in (keychain)', async (ctx) => {
    const { registry: reg } = need(ctx);
    needKeychain(ctx);
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const row = tableRow('4 wrong password');
    const started = Date.now();
    const error = await withTimeout(
      app.failure('registry:login', { registry: reg.host, username: USER, password: 'not-the-password', sessionOnly: false }),
      HANG_MS,
      'login',
    );
    row.detectionMs = Date.now() - started;
    row.code = error.code;
    expect(error.code).toBe('wrong-credentials');
    expect(error.message).toMatch(new RegExp(`did not accept the password for ${USER}`));
    expect(error.message).not.toContain('not-the-password');
    expect(row.detectionMs).toBeLessThan(LOGIN_DEADLINE_MS);
    expect((await app.value('registry:logins', {})).logins).toEqual([]);

    const record = await app.value('registry:login', { registry: reg.host, username: USER, password: PASSWORD, sessionOnly: false });
    expect(record).toMatchObject({ username: USER, storage: 'keychain' });
    expect(await app.value('registry:logout', { serverAddress: record.registry.serverAddress })).toEqual({ removed: true });
    row.retryOk = true;
  });

  it('5. keychain unavailable: keychain-unavailable with a plain message; "this session only" works; with the keychain back, it is used', async (ctx) => {
    const { registry: reg } = need(ctx);
    needKeychain(ctx);
    const row = tableRow('5 keychain unavailable');
    const scratch = mkdtempSync(join(tmpdir(), 'rib-faults-bus-'));
    try {
      // A bus address where nothing listens: what a desktop without a Secret Service gives the app.
      const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(scratch, 'no-bus')}` };
      const child = run(process.execPath, ['--import', 'tsx', keychainChild], { env, cwd: repo, timeout: 60_000 });
      child.child.stdin?.end(JSON.stringify({ registry: reg.host, username: USER, password: PASSWORD }));
      const { stdout } = await child;
      const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as KeychainFaultOutcome;
      row.detectionMs = outcome.keychain.ms;
      row.code = outcome.keychain.code ?? 'none';
      console.log(`[faults] keychain unavailable: ${outcome.keychain.message ?? ''}`);
      expect(outcome.keychain.ok).toBe(false);
      expect(outcome.keychain.code).toBe('keychain-unavailable');
      expect(outcome.keychain.message).toBe(
        'No keychain is available: no Secret Service (such as GNOME Keyring or KWallet) is running. You can keep the login for this session only.',
      );
      expect(outcome.keychain.ms).toBeLessThan(FAULT_DEADLINE_MS);
      expect(outcome.session).toMatchObject({ ok: true, storage: 'session' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    // The fault cleared: a core that has the Secret Service keeps the login there.
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const record = await app.value('registry:login', { registry: reg.host, username: USER, password: PASSWORD, sessionOnly: false });
    expect(record.storage).toBe('keychain');
    await app.value('registry:logout', { serverAddress: record.registry.serverAddress });
    row.retryOk = true;
  });

  it('6. cancel a build during the install step: cancelled within 2 s, no container left; the retry builds', async (ctx) => {
    const { docker: engine } = need(ctx);
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const r = await recipe(app, 'cancel-build', [bigPackage('6')]);
    const row = tableRow('6 cancel build');
    const before = await containerIds(engine);
    const job = await startJob(app.value('build:start', { recipe: r }));
    await app.waitForUpdate(job.id, 'pip running in the install step', pipRunning, 120_000);
    const cancelAt = Date.now();
    expect(await app.value('job:cancel', { id: job.id })).toEqual({ cancelled: true });
    const done = await app.waitForJob(job.id, HANG_MS);
    row.detectionMs = (done.endedAt ?? Date.now()) - cancelAt;
    row.code = done.error?.code ?? done.status;
    expect(done.status).toBe('cancelled');
    expect(done.error).toEqual({ code: 'cancelled', message: 'Cancelled. Nothing was left behind; you can start again.' });
    expect(row.detectionMs).toBeLessThan(CANCEL_DEADLINE_MS);
    expect(await buildLeftovers(engine, before, app.log(job.id))).toEqual([]);
    const history = await app.value('history:list', {});
    expect(JSON.stringify(history)).toContain('"result":"cancelled"');

    await retryBuild(app, engine, r);
    row.retryOk = true;
  });

  it('7. cancel a push at its first bytes: cancelled within 2 s; the retry pushes', async (ctx) => {
    const { docker: engine, registry: reg } = need(ctx);
    const app = appOn(process.env['DOCKER_HOST'] ?? '');
    const row = tableRow('7 cancel push');
    const { image, reference, before, job, proxy } = await startPush(app, engine, reg, 'cancel-push', 'rib-faults/cancelled:1');
    await uploadUnderWay(app, job, proxy);
    const cancelAt = Date.now();
    expect(await app.value('job:cancel', { id: job.id })).toEqual({ cancelled: true });
    const done = await app.waitForJob(job.id, HANG_MS);
    row.detectionMs = (done.endedAt ?? Date.now()) - cancelAt;
    row.code = done.error?.code ?? done.status;
    expect(done.status).toBe('cancelled');
    expect(done.error?.code).toBe('cancelled');
    expect(row.detectionMs).toBeLessThan(CANCEL_DEADLINE_MS);
    // Nothing was published under that name.
    expect((await registryManifest(reg.url, 'rib-faults/cancelled', '1', USER, PASSWORD)).status).toBe(404);

    const retry = await startJob(app.value('push:start', { image, reference }));
    const pushed = await app.waitForJob(retry.id, RETRY_MS);
    expect(pushed.status, JSON.stringify(pushed.error)).toBe('succeeded');
    const result = PushResult.parse(pushed.result);
    expect((await registryManifest(reg.url, 'rib-faults/cancelled', '1', USER, PASSWORD)).digest).toBe(result.digest);
    expect(await containersFrom(engine, before, [image, reference])).toEqual([]);
    row.retryOk = true;
  });

  it('8. disk full during a build (engine on a small tmpfs): build-disk-full within 5 s; with space freed, the build works', async (ctx) => {
    const { docker: shared } = need(ctx);
    if (process.getuid?.() !== 0) unavailable(ctx, 'disk-full test', 'small-disk-engine.sh mounts a tmpfs and starts dockerd: it needs root');
    const row = tableRow('8 disk full during a build');
    smallDiskUp = true;
    const { stdout } = await run('bash', [smallDiskScript, 'up'], { timeout: 180_000 });
    const small = /RIB_SMALL_DOCKER_HOST=(\S+)/.exec(stdout)?.[1] ?? '';
    const dataRoot = /RIB_SMALL_DATA_ROOT=(\S+)/.exec(stdout)?.[1] ?? '';
    expect(small).toMatch(/^unix:\/\//);
    const engine = await testDockerClient(small);
    expect(small).not.toBe(process.env['DOCKER_HOST']);
    await shared.ping();
    const free = (): number => {
      const s = statfsSync(dataRoot);
      return s.bavail * s.bsize;
    };
    const startFree = free();

    const app = appOn(small);
    const r = await recipe(app, 'disk-full', [bigPackage('8')]);
    const before = await containerIds(engine);
    // pip fills the disk and deletes its half-written file within milliseconds, too fast to catch
    // by sampling the free space. So the fault is timed from the start of the install step (pip's
    // first line), an upper bound: it includes pip's own download up to the failing write.
    let lowest = Number.POSITIVE_INFINITY;
    const watcher = setInterval(() => {
      lowest = Math.min(lowest, free());
    }, 5);
    try {
      const job = await startJob(app.value('build:start', { recipe: r }));
      const installing = await app.waitForUpdate(job.id, 'pip running in the install step', pipRunning, 120_000);
      const done = await app.waitForJob(job.id, HANG_MS);
      const failedStep = app.log(job.id).findLast((l) => /^Step \d+\/\d+ : /.test(l));
      console.log(
        `[faults] disk full: ${done.error?.message ?? ''} at "${failedStep ?? '?'}" (lowest free seen ${(lowest / MB).toFixed(2)} MB)\n  detail: ${done.error?.detail ?? ''}`,
      );
      row.detectionMs = (done.endedAt ?? Date.now()) - installing.at;
      notes.push(
        `8: timed from pip's first line in the install step (an upper bound on fault → error); the small disk had ${(startFree / MB).toFixed(1)} MB free`,
      );
      row.code = done.error?.code ?? done.status;
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('build-disk-full');
      expect(done.error?.message).toMatch(/^The Docker engine ran out of disk space during the build\. Free space for Docker/);
      expect(done.error?.detail).toMatch(/No space left on device/);
      expect(failedStep).toMatch(/requirements\.txt$/);
      expect(row.detectionMs).toBeLessThan(FAULT_DEADLINE_MS);
      expect(await buildLeftovers(engine, before, app.log(job.id))).toEqual([]);
    } finally {
      clearInterval(watcher);
    }
    // The user frees space (here: the disk grows), then presses Retry.
    await run('bash', [smallDiskScript, 'grow']);
    await retryBuild(app, engine, r);
    row.retryOk = true;
  });

  it('9. corrupt settings file at start-up: defaults, a message saying what was set aside; the app keeps working', async () => {
    const row = tableRow('9 corrupt settings file');
    const dataDir = mkdtempSync(join(tmpdir(), 'rib-faults-settings-'));
    try {
      const junk = '{"settings": {"elyraVersion": "main", \u0000\u0007 not json at all';
      writeFileSync(join(dataDir, 'settings.json'), junk);
      const started = Date.now();
      const app = startFaultCore({ env: process.env, dataDir });
      cores.push(app);
      const loaded = await app.value('settings:get', {});
      row.detectionMs = Date.now() - started;
      row.code = 'settings set aside (message)';
      // Defaults, but not the first-run guide: a file was there, so the user has been here before.
      expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
      const setAside = readdirSync(dataDir).find((f) => f.startsWith('settings.json.damaged-'));
      expect(setAside).toBeDefined();
      expect(readFileSync(join(dataDir, setAside ?? ''), 'utf8')).toBe(junk);
      expect(loaded.message).toBe(
        `Your settings file could not be read, so the app started with its defaults. The old file was kept as ${join(dataDir, setAside ?? '')}.`,
      );
      console.log(`[faults] corrupt settings: ${loaded.message ?? ''}`);
      // The app keeps working: a new recipe, a change of settings that is saved and read back at the next start.
      expect((await app.value('recipe:default', {})).elyraVersion).toBe(DEFAULT_SETTINGS.elyraVersion);
      await app.value('settings:update', { patch: { elyraVersion: 'main' } });
      await app.dispose();
      const next = startFaultCore({ env: process.env, dataDir });
      cores.push(next);
      expect(await next.value('settings:get', {})).toMatchObject({ settings: { elyraVersion: 'main' }, message: null });
      expect((await next.value('recipe:default', {})).elyraVersion).toBe('main');

      // A file that parses but holds damaged values: only those are reset, and the message names them.
      writeFileSync(
        join(dataDir, 'settings.json'),
        JSON.stringify({ settings: { ...DEFAULT_SETTINGS, elyraVersion: 'main', platform: 'linux/s390x', buildNetwork: 42 } }),
      );
      const third = startFaultCore({ env: process.env, dataDir });
      cores.push(third);
      const repaired = await third.value('settings:get', {});
      expect(repaired.settings).toEqual({ ...DEFAULT_SETTINGS, elyraVersion: 'main' });
      expect([...repaired.reset].sort()).toEqual(['buildNetwork', 'platform']);
      expect(repaired.message).toMatch(/platform/);
      expect(repaired.message).toMatch(/buildNetwork|build network/i);
      console.log(`[faults] damaged settings values: ${repaired.message ?? ''}`);
      row.retryOk = true;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
