// Builds recipes on the real test engine (test/infra/up.sh) with a real `pip install` from the local
// package index on 127.0.0.1 (reached with the "host" build network): success, the cache, pip's
// failures, cancel, and the engine going away. Under CI=true a missing engine fails; elsewhere skips.
// Each engine gets the builder the app gives it (BuildKit on Docker 28, classic on 20.10 and Podman).
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { type Builder, BuildJobResult, type BuildResult } from '../../electron/contract/domain/build';
import type { BuildProgress } from '../../electron/contract/domain/job';
import type { Recipe, RecipePlan } from '../../electron/contract/domain/recipe';
import { AppError } from '../../electron/contract/errors';
import { JobManager } from '../../electron/core/job-manager';
import {
  type BuildEvent,
  BuildError,
  builderOf,
  buildImage,
  CREATED_LABEL_STEP,
  describeBuildProgress,
  listEngineContainers,
  reportBuildProgress,
  runBuildJob,
} from '../../electron/services/build';
import { analyzeImageSize } from '../../electron/services/image-size';
import { defaultRecipe, labelKeys, planRecipe } from '../../electron/services/recipe';
import { verifyImage } from '../../electron/services/verify';
import { startCachingIndex } from '../support/caching-index';
import { engineMissingReason, testEngineClient } from '../support/engine-env';

const sh = promisify(exec);
const missing = engineMissingReason();
const env = (name: string): string => process.env[name] ?? '';
const today = new Date();
const run = Date.now().toString(36);
const tags: string[] = [];
/** Every image this file built: a rebuild under the same tag leaves the one before untagged. */
const imageIds: string[] = [];
/** The engine's builder, as the app chooses it (set before the first test). */
let builder: Builder = 'classic';

const client = testEngineClient;

/** The recipe of the tests: Python 3.11 on the test's stand-in for python:3.11-slim, the local index. */
function recipe(packages: string[], overrides: Partial<Recipe> = {}): Recipe {
  const base: Recipe['base'] = env('RIB_BASE_IMAGE') === 'python:3.11-slim' ? { kind: 'slim' } : { kind: 'custom', image: env('RIB_BASE_IMAGE') };
  return {
    ...defaultRecipe(today),
    // The test index has stand-ins for Elyra main's pins (test/infra/make-wheels.py).
    elyraVersion: 'main',
    pythonVersion: '3.11',
    base,
    imageName: `rib-test/build-${run}:1`,
    packages: packages.map((text, i) => ({ id: `p${i}`, text, origin: { file: 'requirements.txt', line: i + 1 } })),
    index: { indexUrl: env('RIB_INDEX_URL'), extraIndexUrls: [], trustedHosts: ['127.0.0.1'] },
    ...overrides,
  };
}

function plan(r: Recipe): RecipePlan {
  const p = planRecipe(r, { today, appName: 'Runtime Image Builder', appVersion: '0.0.0-test', builder });
  expect(p.canBuild, JSON.stringify(p.findings)).toBe(true);
  return p;
}

interface Recorded {
  events: BuildEvent[];
  progress: BuildProgress[];
  log: string[];
}

async function build(
  docker: Dockerode,
  p: RecipePlan,
  options: { tag?: string; noCache?: boolean; signal?: AbortSignal; onEvent?: (e: BuildEvent) => void; failureExpected?: boolean } = {},
): Promise<BuildResult & Recorded> {
  const recorded: Recorded = { events: [], progress: [], log: [] };
  const report = reportBuildProgress({ log: (line) => recorded.log.push(line), progress: (pr) => recorded.progress.push(pr) }, p.stepLabels, p.builder);
  const tag = options.tag ?? `rib-test/build-${run}:1`;
  tags.push(tag);
  const result = await buildImage({
    docker,
    plan: p,
    tag,
    platform: 'linux/amd64',
    network: 'host',
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (event) => {
      recorded.events.push(event);
      report(event);
      options.onEvent?.(event);
    },
  }).catch((error: unknown) => {
    if (options.failureExpected === true) throw error;
    // The engine's own words and the log's end, so that an unexpected failure on one engine says what happened.
    const detail = error instanceof Error && 'detail' in error ? String(error.detail) : '';
    console.error(
      `[build] ${tag} failed: ${error instanceof Error ? error.message : String(error)}\n  detail: ${detail}\n  ${recorded.log.slice(-8).join('\n  ')}`,
    );
    throw error;
  });
  imageIds.push(result.imageId);
  return { ...result, ...recorded };
}

async function buildFailure(docker: Dockerode, p: RecipePlan, options: Parameters<typeof build>[2] = {}): Promise<BuildError> {
  const error = await build(docker, p, { ...options, failureExpected: true }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

/**
 * Containers that are new since `before` and belong to this build (made from its step images, or
 * named by it). On Podman also its builder's working containers, which the compatible list leaves
 * out and the build never names: any new one made from the base or a step image of this build.
 */
async function leftovers(docker: Dockerode, before: ReadonlySet<string>, events: readonly BuildEvent[]): Promise<string[]> {
  const layers = events.flatMap((e) => (e.type === 'layer' ? [e.id] : []));
  const containers = events.flatMap((e) => (e.type === 'container' ? [e.id] : []));
  const base = (await docker.getImage(env('RIB_BASE_IMAGE')).inspect()).Id.replace('sha256:', '');
  return (await listEngineContainers(docker))
    .filter((c) => {
      if (before.has(c.Id)) return false;
      const image = c.ImageID.replace('sha256:', '');
      if (containers.some((id) => c.Id.startsWith(id)) || layers.some((id) => image.startsWith(id))) return true;
      return c.builder === true && image === base;
    })
    .map((c) => `${c.Id.slice(0, 12)} (${c.State}: ${c.Command.slice(0, 60)})`);
}

/** Every container, Podman's build containers included. */
async function containerIds(docker: Dockerode): Promise<Set<string>> {
  return new Set((await listEngineContainers(docker)).map((c) => c.Id));
}

/**
 * New containers that run one of the recipe's commands, whatever made them. BuildKit runs its steps
 * in runc containers of its own that the engine never lists: this stays empty for it, as it must.
 */
async function strays(docker: Dockerode, before: ReadonlySet<string>): Promise<string[]> {
  return (await listEngineContainers(docker))
    .filter((c) => !before.has(c.Id) && /pip install|installing slowly/.test(c.Command))
    .map((c) => `${c.Id.slice(0, 12)} (${c.State}: ${c.Command.slice(0, 60)})`);
}

/** The recipe's plan with a slow user install step (sleep first), so a test can act while it runs. */
function slowPlan(p: RecipePlan): RecipePlan {
  const install = /^(RUN (?:--mount=\S+ )?)(python3 -m pip install (?:--cache-dir=\S+ )?-r \/tmp\/runtime-image-builder\/requirements\.txt)$/m;
  expect(p.dockerfile).toMatch(install);
  return { ...p, dockerfile: p.dockerfile.replace(install, '$1echo "installing slowly" && sleep 30 && $2') };
}

/** The plan's step number of the recipe's last instruction (the classic builder adds one after it). */
function lastRecipeStep(p: RecipePlan): number {
  return p.stepLabels.length;
}

async function waitForEngine(docker: Dockerode, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await docker.ping();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe.skipIf(missing !== null)('building a recipe on the real engine', () => {
  const docker = client();
  const goodPackages = ['ribdemo-alpha==1.1.0', 'ribdemo-beta'];
  let good: BuildResult & Recorded;
  let goodPlan: RecipePlan;

  beforeAll(async () => {
    builder = await builderOf(docker);
    console.log(`[build] ${env('RIB_ENGINE_NAME') || 'engine'}: the app builds with ${builder === 'buildkit' ? 'BuildKit' : 'the classic builder'}`);
  });

  afterAll(async () => {
    for (const tag of new Set(tags))
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    for (const id of new Set(imageIds))
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('builds, labels and verifies a good recipe, showing "step N of M" in the plan\'s words', async () => {
    goodPlan = plan(recipe(goodPackages));
    const started = Date.now();
    good = await build(docker, goodPlan, { noCache: true });
    console.log(`[build] uncached build: ${good.durationMs} ms, ${good.totalSteps} steps`);

    expect(good.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The classic builder adds a step for the build-time label; BuildKit writes it without one.
    expect(good.totalSteps).toBe(goodPlan.stepLabels.length + (builder === 'classic' ? 1 : 0));
    expect(good.cachedSteps).toBe(0);
    expect(good.progress.map((p) => p.step)).toEqual(Array.from({ length: good.totalSteps + 1 }, (_, i) => i));
    const install = good.progress.find((p) => p.label === 'installing your packages');
    expect(install && describeBuildProgress(install)).toBe(
      `Step ${goodPlan.stepLabels.indexOf('installing your packages') + 1} of ${good.totalSteps}: installing your packages`,
    );
    expect(good.progress.at(-1)?.label).toBe(builder === 'classic' ? CREATED_LABEL_STEP : 'labelling the image');
    expect(good.log).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');

    const info = await docker.getImage(good.tag).inspect();
    expect(info.Id).toBe(good.imageId);
    for (const [key, value] of Object.entries(goodPlan.labels)) expect(info.Config.Labels?.[key]).toBe(value);
    const created = Date.parse(info.Config.Labels?.[labelKeys.created] ?? '');
    expect(created).toBeGreaterThanOrEqual(started - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());

    const report = await verifyImage({ docker, image: good.tag, elyraVersion: 'main', today });
    // Warned: the test index's jupyter-client is a stand-in without kernelspec.
    expect(report.items.filter((i) => i.status !== 'pass').map((i) => [i.id, i.status])).toEqual([['kernel', 'warn']]);
    expect(report.status).toBe('warn');
    expect(report.python?.version).toMatch(/^3\.11\./);
    // The recipe installs Elyra's pins exactly as the bootstrapper compares them: a node installs nothing.
    expect(report.pins.every((p) => p.state === 'ok')).toBe(true);
    // The recipe's working directory is group-0 writable: OpenShift's random uid can work there.
    expect(report.items.find((i) => i.id === 'arbitrary-user')?.detail).toBe('As user 1000720000:0, /opt/app-root/src and /tmp are writable.');
  });

  it('ELYRA_INSTALL_PACKAGES=false goes into the image, and the check confirms nodes install nothing', async () => {
    const switched = plan(recipe(goodPackages, { elyraInstallPackages: false }));
    const tag = `rib-test/build-${run}:no-install`;
    const built = await build(docker, switched, { tag });
    const info = await docker.getImage(built.tag).inspect();
    expect(info.Config.Env).toContain('ELYRA_INSTALL_PACKAGES=false');
    const report = await verifyImage({ docker, image: built.tag, elyraVersion: 'main', today });
    const pins = report.items.find((i) => i.id === 'elyra-pins');
    expect(pins?.status).toBe('pass');
    expect(pins?.detail).toContain("ELYRA_INSTALL_PACKAGES=false is set in the image, and every pin is there at Elyra's version");
  });

  it('keeps the index URL out of the image: build args only, never ENV, never a password', async () => {
    const info = await docker.getImage(good.tag).inspect();
    expect((info.Config.Env ?? []).filter((e) => /^PIP_(INDEX_URL|EXTRA_INDEX_URL|TRUSTED_HOST)=/.test(e))).toEqual([]);
    const history = (await docker.getImage(good.tag).history()) as { CreatedBy: string }[];
    const text = history.map((h) => h.CreatedBy).join('\n');
    // Build args that a RUN saw are in the history ("|2 PIP_INDEX_URL=…"): why the plan refuses credentials.
    expect(text).toContain(`PIP_INDEX_URL=${env('RIB_INDEX_URL')}`);
    expect(text).not.toMatch(/:\/\/[^/\s:@]+:[^/\s@]+@/);
    const withPassword = planRecipe(
      recipe(goodPackages, { index: { indexUrl: 'http://bob:hunter2@127.0.0.1:5001/simple', extraIndexUrls: [], trustedHosts: [] } }),
      {
        today,
        appName: 'Runtime Image Builder',
        appVersion: '0.0.0-test',
      },
    );
    expect(withPassword.canBuild).toBe(false);
    expect(withPassword.findings.map((f) => f.code)).toContain('index-url-credentials');
    expect(JSON.stringify([withPassword.buildArgs, withPassword.dockerfile, withPassword.labels, withPassword.files])).not.toContain('hunter2');
  });

  it('shows what makes the image big, by recipe part', async () => {
    const size = await analyzeImageSize({ docker, image: good.tag });
    const info = await docker.getImage(good.tag).inspect();
    expect(size.totalBytes).toBe(info.Size);
    const part = (name: string) => size.parts.find((p) => p.part === name)?.sizeBytes ?? -1;
    expect(part('base')).toBeGreaterThan(100_000_000);
    expect(part('elyra')).toBeGreaterThan(0);
    expect(part('user')).toBeGreaterThan(0);
    expect(size.addedBytes).toBe(size.totalBytes - part('base'));
    // The history has the command, not the cache mount (BuildKit keeps no mounts there).
    const pipOptions = builder === 'buildkit' ? '--cache-dir=/root/.cache/pip ' : '';
    expect(size.layers.find((l) => l.part === 'user')?.instruction).toBe(
      `RUN python3 -m pip install ${pipOptions}-r /tmp/runtime-image-builder/requirements.txt`,
    );
    expect(size.largestPackages.length).toBeGreaterThan(3);
    expect(size.largestPackages.map((p) => p.name)).toContain('pip');
    console.log(`[size] total ${size.totalBytes} B, added ${size.addedBytes} B; parts ${size.parts.map((p) => `${p.part}=${p.sizeBytes}`).join(' ')}`);
  });

  it('rebuilds an unchanged recipe from the cache in seconds', async () => {
    const again = await build(docker, plan(recipe(goodPackages)));
    console.log(`[build] cached rebuild: ${again.durationMs} ms`);
    // Every step of the recipe but FROM (nothing to cache); the classic builder's build-time label
    // step after them has a new timestamp each time.
    expect(again.cachedStepNumbers).toEqual(Array.from({ length: lastRecipeStep(goodPlan) - 1 }, (_, i) => i + 2));
    expect(again.durationMs).toBeLessThan(5000);
  });

  it('runs as a job: log, "step N of M", then the checklist and the size, as the job result', async () => {
    const updates: string[] = [];
    const jobs = new JobManager((update) => updates.push(...update.appendedLog), { intervalMs: 10 });
    const tag = `rib-test/build-${run}:job`;
    tags.push(tag);
    const job = jobs.start('build', 'Build', (ctx) =>
      runBuildJob(ctx, { docker, plan: goodPlan, tag, platform: 'linux/amd64', network: 'host', elyraVersion: 'main', today }),
    );
    const done = await jobs.wait(job.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    const result = BuildJobResult.parse(done.result);
    expect(result.build.tag).toBe(tag);
    // kernel (a stand-in jupyter-client) warns; nothing fails.
    expect(result.verify.status).toBe('warn');
    expect(result.size.totalBytes).toBeGreaterThan(0);
    expect(done.progress).toMatchObject({ kind: 'build', label: 'checking the image the way Elyra runs it' });
    const { log } = jobs.get(job.id);
    // Docker's classic builder and Podman's.
    expect(log[0]).toMatch(/^(Step 1\/\d+ : |STEP 1\/\d+: )FROM /);
    expect(log).toContain('[pass] curl on PATH: Found /usr/bin/curl; Elyra fetches its bootstrapper with it.');
    expect(updates.length).toBe(log.length);
  });

  it('rebuilds only the user layer when one user package changes', async () => {
    // A line of this run in the package list: BuildKit keeps its cache when an image is removed,
    // so the same list from an earlier run (or the fixture recorder) would be all cached.
    const changed = plan(recipe(['ribdemo-alpha==1.0.0', 'ribdemo-beta', `# test run ${run}`]));
    const result = await build(docker, changed);
    const userCopy = changed.stepLabels.indexOf('adding your package list') + 1;
    const elyraInstall = changed.stepLabels.findIndex((l) => /^installing .*'s packages$/.test(l)) + 1;
    expect(elyraInstall).toBeGreaterThan(1);
    // Cached: everything before the user's package list, Elyra's pins included.
    expect(result.cachedStepNumbers).toEqual(Array.from({ length: userCopy - 2 }, (_, i) => i + 2));
    expect(result.cachedStepNumbers).toContain(elyraInstall);
    expect(result.log).toContain('Successfully installed ribdemo-alpha-1.0.0 ribdemo-beta-1.0.0');
  });

  it("rebuilds after one changed package downloading only that package, the rest from BuildKit's pip cache (the classic builder: no cache mount)", async () => {
    if (builder !== 'buildkit') {
      // The classic builder has no cache mounts: the plan must not ask for one, or the build fails.
      const classic = plan(recipe(['ribdemo-alpha==1.1.0', 'ribdemo-beta']));
      expect(classic.dockerfile).toContain('pip install');
      expect(classic.dockerfile).not.toContain('--mount=type=cache');
      return;
    }
    // An index that lets pip cache its wheels as PyPI does (up.sh's does not), with a port of its
    // own: its URLs are in nobody's cache yet, and the build args differ from the other tests'.
    const index = await startCachingIndex(env('RIB_INDEX_URL'));
    try {
      const withIndex = (packages: string[]) => plan(recipe(packages, { index: { indexUrl: index.url, extraIndexUrls: [], trustedHosts: ['127.0.0.1'] } }));
      const first = await build(docker, withIndex(['ribdemo-alpha==1.1.0', 'ribdemo-beta']));
      expect(first.log).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');
      expect(index.requests).toContain('/packages/ribdemo_beta-1.0.0-py3-none-any.whl');
      index.requests.length = 0;

      const changed = await build(docker, withIndex(['ribdemo-alpha==1.0.0', 'ribdemo-beta']));
      console.log(`[build] rebuild after one changed package: ${changed.durationMs} ms; the index was asked for ${index.requests.join(', ')}`);
      expect(changed.log).toContain('Successfully installed ribdemo-alpha-1.0.0 ribdemo-beta-1.0.0');
      // The one download is the changed package; the unchanged one came from the cache mount.
      expect(index.requests.filter((path) => path.startsWith('/packages/'))).toEqual(['/packages/ribdemo_alpha-1.0.0-py3-none-any.whl']);
      expect(changed.log.some((line) => /Using cached .*ribdemo_beta-1\.0\.0-py3-none-any\.whl/.test(line))).toBe(true);
    } finally {
      await index.close();
    }
  });

  it('names a package that is not on the index', async () => {
    const before = await containerIds(docker);
    const error = await buildFailure(docker, plan(recipe(['ribdemo-nothere'])));
    expect(error.code).toBe('build-package-not-found');
    expect(error.failure.packages).toEqual(['ribdemo-nothere']);
    expect(error.message).toContain(`pip could not find the package ribdemo-nothere on ${env('RIB_INDEX_URL')}`);
    expect(error.detail).toContain('ERROR: No matching distribution found for ribdemo-nothere');
    expect((await listEngineContainers(docker)).filter((c) => !before.has(c.Id) && (/pip install/.test(c.Command) || c.builder === true))).toEqual([]);
  });

  it('names the missing dependency of a package', async () => {
    const error = await buildFailure(docker, plan(recipe(['ribdemo-broken'])));
    expect(error.code).toBe('build-package-not-found');
    expect(error.failure.packages).toEqual(['ribdemo-missing']);
    expect(error.message).toMatch(/^ribdemo-broken needs ribdemo-missing>=1, which pip could not find/);
  });

  it('names both sides of a version conflict', async () => {
    const error = await buildFailure(docker, plan(recipe(['ribdemo-beta', 'ribdemo-alpha==2.0.0'])));
    expect(error.code).toBe('build-package-conflict');
    expect([...error.failure.packages].sort()).toEqual(['ribdemo-alpha', 'ribdemo-beta']);
    expect(error.message).toContain('ribdemo-beta 1.0.0 needs ribdemo-alpha<2');
    expect(error.message).toContain('you asked for ribdemo-alpha==2.0.0');
  });

  it('names a base image the engine does not have and cannot download', async () => {
    // The test set-up reaches no public registry: the pull fails on its network, on every engine.
    const error = await buildFailure(docker, plan(recipe(['ribdemo-alpha'], { base: { kind: 'custom', image: `rib-test/no-such-base-${run}:1` } })));
    expect(error.code).toBe('build-base-image');
    expect(error.failure.step).toBe(1);
    expect(error.message).toBe(
      `The base image rib-test/no-such-base-${run}:1 is not on this engine, and the engine could not reach its registry to download it. Check the network of the Docker engine (proxy, VPN), or pull the image once while online, then press Retry.`,
    );
  });

  it('refuses an image built for another platform than asked (the engine uses its local amd64 base)', async () => {
    const info = await docker.getImage(env('RIB_BASE_IMAGE')).inspect();
    const other = info.Architecture === 'arm64' ? 'linux/amd64' : 'linux/arm64';
    const tag = `rib-test/build-${run}:other-platform`;
    tags.push(tag);
    const error = await buildImage({ docker, plan: goodPlan, tag, platform: other, network: 'host' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    // Docker's classic builder takes the local base as it is and builds the wrong platform; Podman
    // tries to pull the base for the platform asked, which the test set-up cannot reach.
    expect(['build-platform-mismatch', 'build-base-image']).toContain((error as BuildError).code);
    expect((error as BuildError).message).toContain(`not ${other}`);
    // Untagged, so it cannot be pushed under the user's name.
    await expect(docker.getImage(tag).inspect()).rejects.toThrow();
  });

  it('looks inside a custom base first: one without python3 is named before any build step runs', async () => {
    const noPython = `rib-test/no-python-${run}:1`;
    tags.push(noPython);
    // No network: Podman's default one needs nft, which its test set-up lacks.
    const container = await docker.createContainer({
      Image: env('RIB_BASE_IMAGE'),
      Cmd: ['sh', '-c', 'rm -f /usr/bin/python3* /usr/local/bin/python3*'],
      HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    await container.wait();
    await container.commit({ repo: noPython.split(':')[0], tag: '1' });
    await container.remove();

    const custom = plan(recipe(goodPackages, { base: { kind: 'custom', image: noPython } }));
    const tag = `rib-test/build-${run}:no-python`;
    tags.push(tag);
    const steps: string[] = [];
    const failure = await runBuildJob(
      { signal: new AbortController().signal, log: () => undefined, progress: (p) => p.kind === 'build' && steps.push(p.label) },
      { docker, plan: custom, tag, platform: 'linux/amd64', network: 'host', elyraVersion: 'main', today, customBase: true },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('build-base-image');
    expect((failure as AppError).message).toMatch(new RegExp(`^${noPython} has no python3\\. Elyra runs every pipeline node with python3`));
    expect(steps).toEqual([`looking inside ${noPython}`]);
    await expect(docker.getImage(tag).inspect()).rejects.toThrow();
  });

  it('cancels when the install step starts: ends within 2 s, no container left', async () => {
    const p = plan(recipe(['ribdemo-big']));
    const installStep = p.stepLabels.indexOf('installing your packages') + 1;
    const before = await containerIds(docker);
    const controller = new AbortController();
    let abortedAt = 0;
    const events: BuildEvent[] = [];
    let current = 0;
    const outcome = build(docker, p, {
      noCache: true,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'step') current = event.n;
        // Docker's classic builder names the step's container; Podman names none, so its first sign
        // of the step running is pip's first line; BuildKit starts the step without a container.
        const running =
          event.type === 'container' || (event.type === 'log' && /^Looking in indexes/.test(event.line)) || (builder === 'buildkit' && event.type === 'step');
        if (running && current === installStep && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const error = await outcome;
    const took = Date.now() - abortedAt;
    console.log(`[build] cancel at the install step: ended ${took} ms after abort`);
    expect(abortedAt).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    expect(took).toBeLessThan(2000);
    expect(await leftovers(docker, before, events)).toEqual([]);
    expect(await strays(docker, before)).toEqual([]);
  });

  it('cancels a long-running step within 2 s and leaves no container behind', async () => {
    const p = slowPlan(plan(recipe(['ribdemo-alpha'])));
    const before = await containerIds(docker);
    const controller = new AbortController();
    const events: BuildEvent[] = [];
    let abortedAt = 0;
    const error = await build(docker, p, {
      noCache: true,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'log' && event.line === 'installing slowly' && abortedAt === 0) {
          // The step's container is running `sleep 30` now.
          setTimeout(() => {
            abortedAt = Date.now();
            controller.abort();
          }, 500);
        }
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const took = Date.now() - abortedAt;
    console.log(`[build] cancel during a running step: ended ${took} ms after abort`);
    expect((error as AppError).code).toBe('cancelled');
    expect(took).toBeLessThan(2000);
    expect(await leftovers(docker, before, events)).toEqual([]);
    expect(await strays(docker, before)).toEqual([]);
    // BuildKit's step containers are not in the engine's list: its command must be gone too (the
    // test engines run on this machine, so their processes are visible here).
    if (builder === 'buildkit') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { stdout } = await sh('ps -eo args').catch(() => ({ stdout: '' }));
      expect(stdout.split('\n').filter((line) => line.includes('installing slowly'))).toEqual([]);
    }
  });

  it('says the engine is unavailable when it stops mid-build, and when it is stopped before a build', async () => {
    const p = slowPlan(plan(recipe(['ribdemo-gamma'])));
    let stopping: Promise<unknown> | null = null;
    try {
      const error = await buildFailure(docker, p, {
        noCache: true,
        onEvent: (event) => {
          if (event.type === 'log' && event.line === 'installing slowly' && stopping === null) stopping = sh(env('RIB_ENGINE_STOP'));
        },
      });
      await stopping;
      console.log(`[build] engine stopped mid-build: ${error.message} (${error.detail ?? ''})`);
      expect(error.code).toBe('engine-unavailable');
      expect(error.message).toMatch(/^The Docker engine stopped answering during the build \(at step \d+ of \d+\)/);

      const before = await buildFailure(docker, plan(recipe(['ribdemo-alpha'])));
      expect(before.code).toBe('engine-unavailable');
      expect(before.message).toMatch(/^The Docker engine is not running/);
    } finally {
      await stopping;
      await sh(env('RIB_ENGINE_START'));
      await waitForEngine(docker);
    }
  });
});
