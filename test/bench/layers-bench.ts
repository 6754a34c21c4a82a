// The loop people live in, against the seed's recipe: an image with a framework-sized package
// (ribdemo-framework, RIB_FRAMEWORK_MB of random data from test/infra/make-wheels.py) and small
// ones, built and pushed; then one small package added, rebuilt and pushed again.
//
//   seed: FROM <base> / COPY requirements.txt / RUN pip install -r requirements.txt, built with
//         `docker build` and pushed with `docker push` (the engine's CLI, BuildKit on Docker 28).
//   app:  the app's recipe (planned with what the image's last build measured: the framework in a
//         layer of its own), built with the app's buildImage and pushed with its pushImage.
//
// Both sides on the same engine and registry, runs alternating (who goes first swaps each run).
// Each run: a first build from nothing (--no-cache) pushed to a repository new to the registry,
// then the same list plus one package (new to the engine's cache on every run) rebuilt and pushed
// to the same repository. The bytes a push sent are counted at the registry: the blobs of the new
// manifest that the repository's previous manifest did not have.
//
//   . .test-env/env.sh && . .test-env/sid-engines/env.sh && npx tsx test/bench/layers-bench.ts
// Env: RIB_LAYERS_BENCH_ENGINE (docker28 by default; docker20, docker28cd, podman), RIB_LAYERS_BENCH_RUNS (3: each run pushes about 3 GB to the bench registry at the default framework size).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Dockerode from 'dockerode';
import type { Builder } from '../../electron/contract/domain/build';
import type { Recipe, RecipePlan } from '../../electron/contract/domain/recipe';
import { buildImage } from '../../electron/services/build';
import { defaultRecipe, heavyDistributions, type LayerHistory, planRecipe } from '../../electron/services/recipe';
import { probeImage } from '../../electron/services/verify/image-probe';
import { appPush } from './app-push';
import { type EngineKey, ENGINE_KEYS, engineSpec } from './bench-engines';
import { type EngineCli } from './engine-cli';
import { removeDanglingBenchImages, removeImages } from './engine';
import { openEngine } from './engine-matrix-bench';
import { type RegistrySession, startRegistrySession } from './registry-session';
import { median, pairedMedian, type Timings, timings } from './stats';

export const LAYERS_PACKAGES = ['ribdemo-framework', 'ribdemo-alpha==1.1.0', 'ribdemo-beta', 'ribdemo-gamma[fast]'];

export interface LayersBenchOptions {
  docker: Dockerode;
  cli: EngineCli;
  builder: Builder;
  session: RegistrySession;
  runs: number;
  base: string;
  log?: (line: string) => void;
}

export interface SideRuns {
  first: number[];
  /** The build part of each first build + push (the rest is the push). */
  firstBuild: number[];
  add: number[];
  /** Bytes the registry received for each "add one package" push. */
  addBytes: number[];
  /** The whole image in the registry (its layers, compressed, without the config), after each first push. */
  imageBytes: number[];
}

export interface LayersBenchResult {
  runs: number;
  engine: string;
  cli: string;
  builder: Builder;
  frameworkBytes: number;
  app: SideRuns;
  seed: SideRuns;
  first: { app: Timings; seed: Timings; ratio: number; paired: number };
  add: { app: Timings; seed: Timings; ratio: number; paired: number };
  /** The app's check after its first build (the probe that measures the packages); not in the timed path. */
  measureMs: number;
  /** The layers of the app's image, oldest last, as the plan wrote them (for the notes). */
  appLayers: string[];
}

interface ManifestLayer {
  digest: string;
  size: number;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** The blobs (config and layers, compressed sizes) of a pushed image, as the registry holds them. */
async function registryBlobs(session: RegistrySession, reference: string): Promise<ManifestLayer[]> {
  const path = reference.slice(session.host.length + 1);
  const at = path.lastIndexOf(':');
  const repo = path.slice(0, at);
  const { url, user, password } = session.registry;
  const headers = { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, Accept: MANIFEST_TYPES.join(', ') };
  const get = async (ref: string) => {
    const response = await fetch(`${url}/v2/${repo}/manifests/${ref}`, { headers });
    if (!response.ok) throw new Error(`the registry has no ${reference} (${response.status})`);
    return (await response.json()) as {
      manifests?: { digest: string; platform?: { architecture?: string } }[];
      config?: ManifestLayer;
      layers?: ManifestLayer[];
    };
  };
  let manifest = await get(path.slice(at + 1));
  if (manifest.manifests) {
    const image = manifest.manifests.find((m) => m.platform?.architecture === 'amd64') ?? manifest.manifests[0];
    if (!image) throw new Error(`the index of ${reference} lists no image`);
    manifest = await get(image.digest);
  }
  return [...(manifest.config ? [manifest.config] : []), ...(manifest.layers ?? [])];
}

const sum = (blobs: readonly ManifestLayer[]) => blobs.reduce((total, b) => total + b.size, 0);

/** Bytes of the blobs in `after` that `before` did not have: what the push had to upload. */
function newBytes(before: readonly ManifestLayer[], after: readonly ManifestLayer[]): number {
  const had = new Set(before.map((b) => b.digest));
  return sum(after.filter((b) => !had.has(b.digest)));
}

function recipeOf(base: string, packages: readonly string[]): Recipe {
  const indexUrl = process.env['RIB_INDEX_URL'];
  if (!indexUrl) throw new Error('Needs RIB_INDEX_URL: source .test-env/env.sh');
  return {
    ...defaultRecipe(new Date()),
    elyraVersion: 'main',
    pythonVersion: '3.11',
    base: base === 'python:3.11-slim' ? { kind: 'slim' } : { kind: 'custom', image: base },
    imageName: 'rib-bench/layers-app:1',
    packages: packages.map((text, i) => ({ id: `p${i}`, text, origin: { file: null, line: null } })),
    index: { indexUrl, extraIndexUrls: [], trustedHosts: [new URL(indexUrl).hostname] },
  };
}

function plan(recipe: Recipe, builder: Builder, layerHistory: LayerHistory | null): RecipePlan {
  const made = planRecipe(recipe, { today: new Date(), appName: 'Runtime Image Builder', appVersion: 'bench', builder, layerHistory });
  if (!made.canBuild) throw new Error(`the bench recipe cannot build: ${JSON.stringify(made.findings)}`);
  return made;
}

/** The one package a run adds: new to the engine's cache each time (the marker is true everywhere). */
function added(nonce: string): string {
  return `ribdemo-delta ; platform_release != "rib-bench-${nonce}"`;
}

/** The seed's context: its three-line Dockerfile and the list, with the index as pip reads it from the file. */
async function seedContext(cli: EngineCli, base: string, packages: readonly string[]): Promise<string> {
  const dir = await cli.makeDir();
  const index = new URL(process.env['RIB_INDEX_URL'] ?? '');
  await writeFile(join(dir.hostPath, 'Dockerfile'), `FROM ${base}\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n`);
  await writeFile(join(dir.hostPath, 'requirements.txt'), [`--index-url ${index.href}`, `--trusted-host ${index.hostname}`, ...packages, ''].join('\n'));
  return dir.cliPath;
}

export async function benchLayers(options: LayersBenchOptions): Promise<LayersBenchResult> {
  const { docker, cli, builder, session, base } = options;
  const runs = Math.max(1, options.runs);
  const log = options.log ?? (() => undefined);
  const nonce = Date.now().toString(36);
  const recipe = recipeOf(base, LAYERS_PACKAGES);
  const refs: string[] = [];
  const ref = (side: string, run: number | string) => {
    const made = `${session.host}/rib-bench/layers-${side}-${nonce}-${run}:1`;
    refs.push(made);
    return made;
  };
  const frameworkBytes = await wheelSize('ribdemo-framework');
  try {
    // Warm-up, not timed: the base's layers loaded and pushed once (so no measured push uploads the
    // base), pip's cache mount filled, and the app's image built as a user's loop has it: a first
    // build, measured by the build job's check, then a build with the framework in its own layer.
    log('warm-up: the first build of the app image, measured as the build job measures it');
    await buildImage({ docker, plan: plan(recipe, builder, null), tag: recipe.imageName, platform: 'linux/amd64', network: 'host' });
    const measuredAt = performance.now();
    const probe = await probeImage({ docker, image: recipe.imageName, pins: [] });
    const measureMs = performance.now() - measuredAt;
    const history: LayerHistory = {
      builtAt: new Date().toISOString(),
      heavy: heavyDistributions(probe.python?.graph ?? [], LAYERS_PACKAGES),
      packages: LAYERS_PACKAGES,
      recipe,
      locks: [probe.python?.installed ?? []],
    };
    if (history.heavy.length === 0) throw new Error('the warm-up build found no heavy package: is ribdemo-framework on the index (test/infra/make-wheels.py)?');
    log('warm-up: the second build of the app image (the framework in its own layer), pushed');
    const layered = plan(recipe, builder, history);
    const appLayers = (layered.layers ?? []).map((l) => (l.kind === 'heavy' ? l.installs.join(' ') : 'the list'));
    await buildImage({ docker, plan: layered, tag: recipe.imageName, platform: 'linux/amd64', network: 'host' });
    const steady = ref('app', 'loop');
    await appPush({ docker, image: recipe.imageName, reference: steady, auth: session.auth });
    log('warm-up: the seed recipe once, pushed');
    const seedWarm = ref('seed', 'warm');
    const warmBuilt = await cli.run(['build', '--network', 'host', '-t', seedWarm, await seedContext(cli, base, LAYERS_PACKAGES)]);
    if (warmBuilt.code !== 0) throw new Error(`the seed build failed: ${warmBuilt.stderr.slice(-1500)}`);
    await cli.push(seedWarm);

    const app: SideRuns = { first: [], firstBuild: [], add: [], addBytes: [], imageBytes: [] };
    const seed: SideRuns = { first: [], firstBuild: [], add: [], addBytes: [], imageBytes: [] };
    // A list new to the engine's cache on every run and side: the same packages, one with a marker
    // that is true everywhere and names the run.
    const fresh = (name: string) => LAYERS_PACKAGES.map((p, i) => (i === 1 ? `${p} ; platform_release != "rib-bench-${nonce}-${name}"` : p));

    const appSide = async (run: number): Promise<void> => {
      // The first build of a new image: no history, so one layer for the list, as before layering.
      const reference = ref('app', run);
      const tag = `rib-bench/layers-app-run:${run}`;
      const firstRecipe = { ...recipeOf(base, fresh(`app-${run}`)), imageName: tag };
      let t = performance.now();
      await buildImage({ docker, plan: plan(firstRecipe, builder, null), tag, platform: 'linux/amd64', network: 'host' });
      app.firstBuild.push(performance.now() - t);
      await appPush({ docker, image: tag, reference, auth: session.auth });
      app.first.push(performance.now() - t);
      const pushed = await registryBlobs(session, reference);
      app.imageBytes.push(sum(pushed) - (pushed[0]?.size ?? 0));
      await removeImages(docker, [tag, reference]);
      // One package added to the image of the loop.
      const before = await registryBlobs(session, steady);
      const next = plan(recipeOf(base, [...LAYERS_PACKAGES, added(`${nonce}-app-${run}`)]), builder, history);
      t = performance.now();
      const addBuilt = await buildImage({ docker, plan: next, tag: recipe.imageName, platform: 'linux/amd64', network: 'host' });
      if (process.env['RIB_LAYERS_BENCH_DEBUG'])
        log(`    app add build ${Math.round(performance.now() - t)} ms, cached ${addBuilt.cachedStepNumbers.join(',')} of ${addBuilt.totalSteps}`);
      await appPush({ docker, image: recipe.imageName, reference: steady, auth: session.auth });
      app.add.push(performance.now() - t);
      app.addBytes.push(newBytes(before, await registryBlobs(session, steady)));
    };
    const seedSide = async (run: number): Promise<void> => {
      const reference = ref('seed', run);
      const first = await seedContext(cli, base, fresh(`seed-${run}`));
      const next = await seedContext(cli, base, [...fresh(`seed-${run}`), added(`${nonce}-seed-${run}`)]);
      let t = performance.now();
      const built = await cli.run(['build', '--network', 'host', '-t', reference, first]);
      if (built.code !== 0) throw new Error(`the seed build failed: ${built.stderr.slice(-1500)}`);
      seed.firstBuild.push(performance.now() - t);
      await cli.push(reference);
      seed.first.push(performance.now() - t);
      const before = await registryBlobs(session, reference);
      seed.imageBytes.push(sum(before) - (before[0]?.size ?? 0));
      t = performance.now();
      const rebuilt = await cli.run(['build', '--network', 'host', '-t', reference, next]);
      if (rebuilt.code !== 0) throw new Error(`the seed rebuild failed: ${rebuilt.stderr.slice(-1500)}`);
      await cli.push(reference);
      seed.add.push(performance.now() - t);
      seed.addBytes.push(newBytes(before, await registryBlobs(session, reference)));
      await removeImages(docker, [reference]);
    };
    for (let run = 0; run < runs; run += 1) {
      log(`run ${run + 1} of ${runs}`);
      if (run % 2 === 0) {
        await appSide(run);
        await seedSide(run);
      } else {
        await seedSide(run);
        await appSide(run);
      }
      await freeDisk(docker, builder);
      log(
        `  first: app ${Math.round(app.first[run] ?? 0)} ms (build ${Math.round(app.firstBuild[run] ?? 0)}), seed ${Math.round(seed.first[run] ?? 0)} ms (build ${Math.round(seed.firstBuild[run] ?? 0)}); add one: app ${Math.round(app.add[run] ?? 0)} ms (${app.addBytes[run]} B), seed ${Math.round(seed.add[run] ?? 0)} ms (${seed.addBytes[run]} B)`,
      );
    }
    const pair = (a: number[], s: number[]) => ({ app: timings(a), seed: timings(s), ratio: median(a) / median(s), paired: pairedMedian({ app: a, cli: s }) });
    return {
      runs,
      engine: '',
      cli: cli.description,
      builder,
      frameworkBytes,
      app,
      seed,
      first: pair(app.first, seed.first),
      add: pair(app.add, seed.add),
      measureMs,
      appLayers,
    };
  } finally {
    await removeImages(docker, [recipe.imageName, ...refs]);
    await removeDanglingBenchImages(docker, 'Runtime Image Builder bench');
  }
}

/**
 * Each run leaves a few GB: the framework installed in new layers on both sides (and BuildKit's
 * records of them) and the first images the add-one builds untagged. Without this a 1000 MB run
 * of five filled a 25 GB disk. The cache kept is the most recently used, which holds the loop's image.
 */
async function freeDisk(docker: Dockerode, builder: Builder): Promise<void> {
  await docker.pruneImages({ filters: JSON.stringify({ dangling: ['true'] }) }).catch(() => undefined);
  if (builder !== 'buildkit') return;
  await new Promise<void>((resolve) => {
    docker.modem.dial(
      { path: '/build/prune?', method: 'POST', options: { 'keep-storage': 4_000_000_000 }, statusCodes: { 200: true, 500: 'server error' } },
      () => resolve(),
    );
  });
}

/** The framework wheel's size, as the index serves it. */
async function wheelSize(project: string): Promise<number> {
  const index = process.env['RIB_INDEX_URL'] ?? '';
  const page = await (await fetch(`${index}/${project}/`)).text();
  const href = /href="([^"#]+)/.exec(page)?.[1];
  if (!href) throw new Error(`the index has no ${project}: run test/infra/up.sh (make-wheels.py)`);
  const head = await fetch(new URL(href, `${index}/${project}/`), { method: 'HEAD' });
  return Number(head.headers.get('content-length') ?? 0);
}

/** Which engine the layers bench runs on: RIB_LAYERS_BENCH_ENGINE, Docker 28 (BuildKit) by default. */
export function layersBenchEngine(env: NodeJS.ProcessEnv): EngineKey {
  const asked = env['RIB_LAYERS_BENCH_ENGINE'] ?? 'docker28';
  const key = ENGINE_KEYS.find((k) => k === asked);
  if (key === undefined) throw new Error(`RIB_LAYERS_BENCH_ENGINE is ${asked}; the bench knows ${ENGINE_KEYS.join(', ')}`);
  return key;
}

export function layersBenchRuns(env: NodeJS.ProcessEnv): number {
  return Math.max(1, Number(env['RIB_LAYERS_BENCH_RUNS'] ?? 3) || 3);
}

/** Opens the engine, a registry of its own and runs the bench there. */
export async function runLayersBench(options: { runs: number; base: string; log?: (line: string) => void }): Promise<LayersBenchResult> {
  const spec = engineSpec(layersBenchEngine(process.env), process.env);
  if ('missing' in spec) throw new Error(spec.missing);
  const engine = await openEngine(spec);
  try {
    const session = await startRegistrySession({ hostname: spec.registryHostname, cli: engine.cli });
    try {
      const result = await benchLayers({
        docker: engine.docker,
        cli: engine.cli,
        builder: engine.builder,
        session,
        runs: options.runs,
        base: options.base,
        ...(options.log ? { log: options.log } : {}),
      });
      return { ...result, engine: engine.name };
    } finally {
      await session.dispose();
    }
  } finally {
    await engine.cli.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runLayersBench({
    runs: layersBenchRuns(process.env),
    base: process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim',
    log: (line) => console.log(`  ${line}`),
  });
  console.log(JSON.stringify(result, null, 2));
}
