// Build benchmark: the same recipe through the app's buildImage and through the `docker` CLI on the
// same engine, alternating, so drift (page cache, engine state) falls on both sides alike.
//
//   . .test-env/env.sh && npx tsx test/bench/build-bench.ts [runs]
//
// Like with like: the app drives the engine's classic builder (services/build/build-image.ts), so the CLI runs with
// DOCKER_BUILDKIT=0. The CLI's default builder (BuildKit through buildx) is reported as well when
// this machine has it. Uncached runs use --no-cache on both sides; cached runs rebuild unchanged.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Dockerode from 'dockerode';
import type { Recipe, RecipePlan } from '../../electron/contract/domain/recipe';
import { buildImage } from '../../electron/services/build';
import { defaultRecipe, labelKeys, planRecipe } from '../../electron/services/recipe';
import { runCli, timeCli as timeCliRun } from './docker-cli';
import { benchEngine, removeDanglingBenchImages, removeImages } from './engine';
import { alternate, ms, pairedMedian, type Timings, timings } from './stats';

export interface BenchOptions {
  /** Runs per side and kind (uncached, cached); at least 5. */
  runs: number;
  /** Packages of the recipe; by default a small set with a 20 MB wheel, plus Elyra's pins. */
  packages?: string[];
}

export interface BenchResult {
  runs: number;
  engine: string;
  cli: string;
  packages: string[];
  app: { uncached: Timings; cached: Timings };
  cliClassic: { uncached: Timings; cached: Timings };
  /** The CLI's own default builder (BuildKit via buildx); `unavailable` says why when it cannot run here. */
  cliDefault: { builder: 'buildkit'; uncached: Timings; cached: Timings } | { builder: 'legacy'; note: string } | { unavailable: string };
  /** app ÷ CLI (classic builder), medians. */
  ratio: { uncached: number; cached: number };
  /** The median of each run's own app ÷ CLI (the two builds of a run are back to back): steadier under drift. */
  pairedRatio: { uncached: number; cached: number };
}

export async function writeContext(plan: RecipePlan, dir: string): Promise<void> {
  await writeFile(join(dir, 'Dockerfile'), plan.dockerfile);
  for (const file of plan.files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
}

export function cliArgs(plan: RecipePlan, dir: string, tag: string, noCache: boolean): string[] {
  return [
    // Not --quiet: the engine then sends less, and the app always takes the full stream.
    'build',
    '--network',
    'host',
    '--platform',
    'linux/amd64',
    ...(noCache ? ['--no-cache'] : []),
    ...Object.entries(plan.buildArgs).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]),
    '--label',
    `${labelKeys.created}=${new Date().toISOString()}`,
    '-t',
    tag,
    dir,
  ];
}

export async function timeApp(docker: Dockerode, plan: RecipePlan, tag: string, noCache: boolean): Promise<number> {
  const started = performance.now();
  await buildImage({ docker, plan, tag, platform: 'linux/amd64', network: 'host', noCache });
  return performance.now() - started;
}

function timeCli(plan: RecipePlan, dir: string, tag: string, noCache: boolean, env: NodeJS.ProcessEnv): Promise<number> {
  return timeCliRun(cliArgs(plan, dir, tag, noCache), env);
}

/** The bench recipe (Elyra's pins plus the given packages from the local index), planned as the app plans it. */
export function benchPlan(packages: string[] = DEFAULT_PACKAGES): RecipePlan {
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
  const plan = planRecipe(recipe, { today, appName: 'Runtime Image Builder', appVersion: 'bench' });
  if (!plan.canBuild) throw new Error(`The bench recipe cannot build: ${JSON.stringify(plan.findings)}`);
  return plan;
}

export const DEFAULT_PACKAGES = ['ribdemo-alpha==1.1.0', 'ribdemo-beta', 'ribdemo-gamma[fast]', 'ribdemo-big'];

export async function benchBuild(options: BenchOptions): Promise<BenchResult> {
  const runs = Math.max(5, options.runs);
  const { docker } = benchEngine();
  const packages = options.packages ?? DEFAULT_PACKAGES;
  const plan = benchPlan(packages);

  const dir = await mkdtemp(join(tmpdir(), 'rib-bench-'));
  const classicEnv = { ...process.env, DOCKER_BUILDKIT: '0' };
  const defaultEnv = { ...process.env };
  delete defaultEnv['DOCKER_BUILDKIT'];
  const tags = { app: 'rib-bench/app:1', cli: 'rib-bench/cli:1', buildkit: 'rib-bench/buildkit:1' };
  try {
    await writeContext(plan, dir);
    const version = await docker.version();
    const cliVersion = (await runCli(['version', '--format', '{{.Client.Version}}'], classicEnv)).stdout.trim();

    // Warm-up: the first build pays for loading the base image's layers; neither side should.
    await timeApp(docker, plan, tags.app, true);
    await timeCli(plan, dir, tags.cli, true, classicEnv);

    const uncached = await alternate(runs, () => timeApp(docker, plan, tags.app, true), () => timeCli(plan, dir, tags.cli, true, classicEnv));
    const cached = await alternate(runs, () => timeApp(docker, plan, tags.app, false), () => timeCli(plan, dir, tags.cli, false, classicEnv));

    let cliDefault: BenchResult['cliDefault'];
    const buildx = await runCli(['buildx', 'version'], defaultEnv);
    if (buildx.code === 0) {
      const bkUncached: number[] = [];
      const bkCached: number[] = [];
      for (let i = 0; i < runs; i += 1) bkUncached.push(await timeCli(plan, dir, tags.buildkit, true, defaultEnv));
      for (let i = 0; i < runs; i += 1) bkCached.push(await timeCli(plan, dir, tags.buildkit, false, defaultEnv));
      cliDefault = { builder: 'buildkit', uncached: timings(bkUncached), cached: timings(bkCached) };
    } else {
      // Without buildx the CLI's default falls back to the legacy builder (measured above); BuildKit asked for explicitly fails.
      const forced = await runCli(cliArgs(plan, dir, tags.buildkit, false), { ...defaultEnv, DOCKER_BUILDKIT: '1' });
      const why = (forced.stderr.split('\n').find((line) => line.trim() !== '') ?? `exit ${forced.code}`).trim();
      cliDefault =
        forced.code !== 0
          ? { unavailable: `no buildx plugin for this CLI: DOCKER_BUILDKIT=1 docker build says "${why}"; the CLI's default here is the legacy builder, i.e. the classic figures above` }
          : { builder: 'legacy', note: 'BuildKit ran without buildx' };
    }

    return {
      runs,
      engine: `Docker Engine ${version.Version} (API ${version.ApiVersion})`,
      cli: `docker ${cliVersion}`,
      packages,
      app: { uncached: timings(uncached.app), cached: timings(cached.app) },
      cliClassic: { uncached: timings(uncached.cli), cached: timings(cached.cli) },
      cliDefault,
      ratio: {
        uncached: timings(uncached.app).medianMs / timings(uncached.cli).medianMs,
        cached: timings(cached.app).medianMs / timings(cached.cli).medianMs,
      },
      pairedRatio: { uncached: pairedMedian(uncached), cached: pairedMedian(cached) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await removeImages(docker, Object.values(tags));
    await removeDanglingBenchImages(docker, plan.labels[labelKeys.builtBy] ?? '');
  }
}

/** The figures as lines, for the console and the issue note. */
export function formatBench(result: BenchResult): string {
  const lines = [
    `Build benchmark: ${result.runs} runs per side, alternating; ${result.engine}; ${result.cli}`,
    `Recipe: Elyra main pins + ${result.packages.join(', ')}`,
    `uncached  app ${ms(result.app.uncached.medianMs)}  CLI (DOCKER_BUILDKIT=0) ${ms(result.cliClassic.uncached.medianMs)}  ratio app/CLI ${result.ratio.uncached.toFixed(3)} (paired ${result.pairedRatio.uncached.toFixed(3)})`,
    `cached    app ${ms(result.app.cached.medianMs)}  CLI (DOCKER_BUILDKIT=0) ${ms(result.cliClassic.cached.medianMs)}  ratio app/CLI ${result.ratio.cached.toFixed(3)} (paired ${result.pairedRatio.cached.toFixed(3)})`,
    `runs (ms) app uncached ${result.app.uncached.runsMs.map(Math.round).join(' ')} | CLI uncached ${result.cliClassic.uncached.runsMs.map(Math.round).join(' ')}`,
    `runs (ms) app cached ${result.app.cached.runsMs.map(Math.round).join(' ')} | CLI cached ${result.cliClassic.cached.runsMs.map(Math.round).join(' ')}`,
  ];
  const def = result.cliDefault;
  if ('unavailable' in def) lines.push(`CLI default (BuildKit): not measured, ${def.unavailable}`);
  else if (def.builder === 'buildkit') lines.push(`CLI default (BuildKit) uncached ${ms(def.uncached.medianMs)}, cached ${ms(def.cached.medianMs)}`);
  else lines.push(`CLI default: ${def.note}`);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? '5');
  const result = await benchBuild({ runs });
  console.log(formatBench(result));
}
