// Build benchmark: the same recipe through the app's buildImage and through the engine's own CLI
// (engine-cli.ts) on the same engine, alternating, so drift (page cache, engine state) falls on both
// sides alike. Three kinds of build:
//   uncached  --no-cache on both sides (nocache=1 for the app);
//   cached    the same recipe again, every step from the cache;
//   changed   one package of the recipe changed since the last build: the steps before the user's
//             packages come from the cache, pip installs the user's packages again.
//
//   . .test-env/env.sh && npx tsx test/bench/build-bench.ts [runs]      (DOCKER_HOST's engine)
//
// The app plans for the builder of the engine it builds on, as the build job does (chooseBuilder):
// BuildKit from Docker 23 on, the classic builder on 20.10 and on Podman. `docker build` on Docker 28
// is BuildKit too; the CLI on Docker 20.10 uses the classic builder (DOCKER_BUILDKIT=0), as the app.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Dockerode from 'dockerode';
import type { Builder } from '../../electron/contract/domain/build';
import type { Recipe, RecipePlan } from '../../electron/contract/domain/recipe';
import { buildImage, builderOf } from '../../electron/services/build';
import { defaultRecipe, labelKeys, planRecipe } from '../../electron/services/recipe';
import { engineSpec } from './bench-engines';
import { buildArgs, type EngineCli, engineCli } from './engine-cli';
import { benchEngine, removeDanglingBenchImages, removeImages } from './engine';
import { alternate, ms, pairedMedian, type Timings, timings } from './stats';

export const BUILD_KINDS = ['uncached', 'cached', 'changed'] as const;
export type BuildKind = (typeof BUILD_KINDS)[number];

export interface BuildBenchOptions {
  docker: Dockerode;
  cli: EngineCli;
  /** The builder the app uses on this engine (builderOf). */
  builder: Builder;
  /** Runs per side and kind. */
  runs: number;
  /** Packages of the recipe; by default a small set with a 20 MB wheel, plus Elyra's pins. */
  packages?: string[];
  /** Progress lines for the console. */
  log?: (line: string) => void;
}

export interface BuildKindResult {
  app: Timings;
  cli: Timings;
  /** app ÷ CLI, medians. */
  ratio: number;
  /** The median of each run's own app ÷ CLI (the two builds of a run are back to back): steadier under drift. */
  pairedRatio: number;
}

export interface BuildBenchResult {
  runs: number;
  builder: Builder;
  cli: string;
  cliBuilder: string;
  packages: string[];
  /** The package line before and after the change of the 'changed' builds. */
  change: { from: string; to: string };
  kinds: Record<BuildKind, BuildKindResult>;
  /** Steps the app's builds took from the cache (last run of each kind), to show the kinds did what they say. */
  appCachedSteps: Record<BuildKind, string>;
}

export const DEFAULT_PACKAGES = ['ribdemo-alpha==1.1.0', 'ribdemo-beta', 'ribdemo-gamma[fast]', 'ribdemo-big'];

/**
 * The package list of a 'changed' build: the first package at another version. Both sides must
 * start from the same cached state and do the same work, so each build's list must be new to the
 * engine's cache (else the second side would find the first side's result): an environment marker
 * that is true everywhere and names the build makes it so, without changing what pip installs.
 */
export function changedPackages(packages: readonly string[], nonce: string): string[] {
  const [first, ...rest] = packages;
  if (first === undefined) throw new Error('the bench recipe has no package to change');
  const name = /^[A-Za-z0-9._-]+/.exec(first)?.[0];
  if (name === undefined) throw new Error(`cannot change ${first}: no package name`);
  const version = first.endsWith('==1.1.0') ? '1.0.0' : '1.1.0';
  return [`${name}==${version} ; platform_release != "rib-bench-${nonce}"`, ...rest];
}

export async function writeContext(plan: Pick<RecipePlan, 'dockerfile' | 'files'>, dir: string): Promise<void> {
  await writeFile(join(dir, 'Dockerfile'), plan.dockerfile);
  for (const file of plan.files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
}

/** The CLI's build command for a plan (the classic `docker build` flags, which buildx and podman take too). */
export function cliArgs(plan: Pick<RecipePlan, 'buildArgs'>, dir: string, tag: string, noCache: boolean): string[] {
  return buildArgs(plan, dir, tag, noCache, labelKeys.created, new Date().toISOString());
}

export interface AppBuildRun {
  ms: number;
  cachedSteps: number;
  totalSteps: number;
}

export async function timeApp(docker: Dockerode, plan: RecipePlan, tag: string, noCache: boolean): Promise<AppBuildRun> {
  const started = performance.now();
  const result = await buildImage({ docker, plan, tag, platform: 'linux/amd64', network: 'host', noCache });
  return { ms: performance.now() - started, cachedSteps: result.cachedSteps, totalSteps: result.totalSteps };
}

/** The bench recipe (Elyra's pins plus the given packages from the local index), planned as the app plans it for `builder`. */
export function benchPlan(packages: string[] = DEFAULT_PACKAGES, builder: Builder = 'classic'): RecipePlan {
  const indexUrl = process.env['RIB_INDEX_URL'];
  const baseImage = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';
  if (!indexUrl) throw new Error('Needs RIB_INDEX_URL: source .test-env/env.sh');
  const today = new Date();
  const recipe: Recipe = {
    ...defaultRecipe(today),
    // The test index has stand-ins for Elyra main's pins (test/infra/make-wheels.py).
    elyraVersion: 'main',
    pythonVersion: '3.11',
    base: baseImage === 'python:3.11-slim' ? { kind: 'slim' } : { kind: 'custom', image: baseImage },
    imageName: 'rib-bench/image:1',
    packages: packages.map((text, i) => ({ id: `p${i}`, text, origin: { file: null, line: null } })),
    index: { indexUrl, extraIndexUrls: [], trustedHosts: ['127.0.0.1'] },
  };
  const plan = planRecipe(recipe, { today, appName: 'Runtime Image Builder', appVersion: 'bench', builder });
  if (!plan.canBuild) throw new Error(`The bench recipe cannot build: ${JSON.stringify(plan.findings)}`);
  return plan;
}

function kindResult(runs: { app: number[]; cli: number[] }): BuildKindResult {
  const app = timings(runs.app);
  const cli = timings(runs.cli);
  return { app, cli, ratio: app.medianMs / cli.medianMs, pairedRatio: pairedMedian(runs) };
}

export async function benchBuild(options: BuildBenchOptions): Promise<BuildBenchResult> {
  const { docker, cli, builder } = options;
  const runs = Math.max(1, options.runs);
  const log = options.log ?? (() => undefined);
  const packages = options.packages ?? DEFAULT_PACKAGES;
  const plan = benchPlan(packages, builder);
  const tags = { app: 'rib-bench/app:1', cli: 'rib-bench/cli:1', appChanged: 'rib-bench/app-changed:1', cliChanged: 'rib-bench/cli-changed:1' };
  const dir = await cli.makeDir();
  // New to the engine's cache, also after an earlier bench on the same engine.
  const nonce = `${Date.now().toString(36)}`;
  const cachedSteps: Partial<Record<BuildKind, string>> = {};
  const cliBuild = async (cliDir: string, tag: string, noCache: boolean, from: RecipePlan = plan): Promise<number> => {
    const started = performance.now();
    const result = await cli.run(cliArgs(from, cliDir, tag, noCache));
    const elapsed = performance.now() - started;
    if (result.code !== 0) throw new Error(`${cli.description} build failed (${result.code}): ${result.stderr.slice(-2000)}`);
    return elapsed;
  };
  const appBuild = async (kind: BuildKind, from: RecipePlan, tag: string, noCache: boolean): Promise<number> => {
    const run = await timeApp(docker, from, tag, noCache);
    cachedSteps[kind] = `${run.cachedSteps} of ${run.totalSteps}`;
    return run.ms;
  };
  try {
    await writeContext(plan, dir.hostPath);
    // Warm-up: the first build pays for loading the base image's layers (and, under BuildKit, for
    // filling pip's cache mount); neither side's measured runs should.
    log('warm-up builds');
    await appBuild('uncached', plan, tags.app, true);
    await cliBuild(dir.cliPath, tags.cli, true);

    log(`uncached: ${runs} runs per side`);
    const uncached = await alternate(
      runs,
      () => appBuild('uncached', plan, tags.app, true),
      () => cliBuild(dir.cliPath, tags.cli, true),
    );
    log(`cached: ${runs} runs per side`);
    const cached = await alternate(
      runs,
      () => appBuild('cached', plan, tags.app, false),
      () => cliBuild(dir.cliPath, tags.cli, false),
    );

    // Each changed build gets a list of its own (see changedPackages), written before the clock starts.
    const changedPlan = async (name: string): Promise<{ plan: RecipePlan; dir: string }> => {
      const changed = benchPlan(changedPackages(packages, `${nonce}-${name}`), builder);
      const own = await cli.makeDir();
      await writeContext(changed, own.hostPath);
      return { plan: changed, dir: own.cliPath };
    };
    log(`changed: ${runs} runs per side`);
    const warmApp = await changedPlan('app-w');
    const warmCli = await changedPlan('cli-w');
    await appBuild('changed', warmApp.plan, tags.appChanged, false);
    await cliBuild(warmCli.dir, tags.cliChanged, false, warmCli.plan);
    const changed = await alternate(
      runs,
      async (i) => {
        const next = await changedPlan(`app-${i}`);
        return appBuild('changed', next.plan, tags.appChanged, false);
      },
      async (i) => {
        const next = await changedPlan(`cli-${i}`);
        return cliBuild(next.dir, tags.cliChanged, false, next.plan);
      },
    );
    const changedExample = changedPackages(packages, `${nonce}-app-0`);
    return {
      runs,
      builder,
      cli: cli.description,
      cliBuilder: cli.builder,
      packages,
      change: { from: packages[0] ?? '', to: changedExample[0] ?? '' },
      kinds: { uncached: kindResult(uncached), cached: kindResult(cached), changed: kindResult(changed) },
      appCachedSteps: { uncached: cachedSteps.uncached ?? '?', cached: cachedSteps.cached ?? '?', changed: cachedSteps.changed ?? '?' },
    };
  } finally {
    await removeImages(docker, Object.values(tags));
    await removeDanglingBenchImages(docker, plan.labels[labelKeys.builtBy] ?? '');
  }
}

/** The figures as lines, for the console. */
export function formatBench(result: BuildBenchResult): string {
  const lines = [
    `Build benchmark: ${result.runs} runs per side, alternating; app with the ${result.builder} builder; CLI ${result.cli} (${result.cliBuilder})`,
    `Recipe: Elyra main pins + ${result.packages.join(', ')}; changed: ${result.change.from} → ${result.change.to}`,
  ];
  for (const kind of BUILD_KINDS) {
    const k = result.kinds[kind];
    lines.push(
      `${kind.padEnd(9)} app ${ms(k.app.medianMs)}  CLI ${ms(k.cli.medianMs)}  ratio ${k.ratio.toFixed(3)} (paired ${k.pairedRatio.toFixed(3)}); runs app ${k.app.runsMs.map(Math.round).join(' ')} | CLI ${k.cli.runsMs.map(Math.round).join(' ')}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? '5');
  const { docker } = benchEngine();
  const spec = engineSpec('docker20', process.env);
  if ('missing' in spec) throw new Error(spec.missing);
  const builder = await builderOf(docker);
  const cli = await engineCli(spec, builder);
  try {
    console.log(formatBench(await benchBuild({ docker, cli, builder, runs, log: (line) => console.log(`  ${line}`) })));
  } finally {
    await cli.dispose();
  }
}
