// Build + push benchmark: the whole journey (uncached build of the bench recipe, then push) through
// the app's services against the engine's CLI build + push (engine-cli.ts; on Docker 20.10 the
// classic builder on both sides), alternating. An uncached build writes new layers (pip's files
// carry the build's times), so every push uploads the recipe's layers; a warm-up journey on each
// side puts the base layer in the registry first so the measured runs do the same work.
import type Dockerode from 'dockerode';
import { builderOf } from '../../electron/services/build';
import { labelKeys } from '../../electron/services/recipe';
import { appPush } from './app-push';
import { benchPlan, cliArgs, timeApp, writeContext } from './build-bench';
import type { EngineCli } from './engine-cli';
import { removeDanglingBenchImages, removeImages } from './engine';
import type { RegistrySession } from './registry-session';
import { alternate, pairedMedian, type Timings, timings } from './stats';

export interface JourneyBenchResult {
  runs: number;
  app: Timings;
  cli: Timings;
  ratio: number;
  pairedRatio: number;
  /** Each part of each side alone, for the reader who wants to see where the time went. */
  buildPart: { app: Timings; cli: Timings };
  pushPart: { app: Timings; cli: Timings };
  uploaded: { app: number[]; cli: (number | null)[] };
}

export async function benchJourney(options: { docker: Dockerode; session: RegistrySession; cli: EngineCli; runs: number }): Promise<JourneyBenchResult> {
  const { docker, session, cli: engineCli } = options;
  const runs = Math.max(1, options.runs);
  const plan = benchPlan(undefined, await builderOf(docker));
  const host = session.host;
  const context = await engineCli.makeDir();
  const made: string[] = [];
  const buildPart = { app: [] as number[], cli: [] as number[] };
  const pushPart = { app: [] as number[], cli: [] as number[] };
  const uploaded = { app: [] as number[], cli: [] as (number | null)[] };
  try {
    await writeContext(plan, context.hostPath);
    const app = async (i: number): Promise<number> => {
      const local = `rib-bench/journey-app:${i}`;
      const reference = `${host}/bench/journey:app-${i}`;
      made.push(local, reference);
      const built = (await timeApp(docker, plan, local, true)).ms;
      const pushed = await appPush({ docker, image: local, reference, auth: session.auth });
      if (i > 0) {
        buildPart.app.push(built);
        pushPart.app.push(pushed.ms);
        uploaded.app.push(pushed.result.layersPushed);
      }
      return built + pushed.ms;
    };
    const cli = async (i: number): Promise<number> => {
      // What a terminal user types: build straight to the registry's name, then push it.
      const reference = `${host}/bench/journey:cli-${i}`;
      made.push(reference);
      const started = performance.now();
      const build = await engineCli.run(cliArgs(plan, context.cliPath, reference, true));
      const built = performance.now() - started;
      if (build.code !== 0) throw new Error(`${engineCli.description} build failed (${build.code}): ${build.stderr.slice(-2000)}`);
      const pushed = await engineCli.push(reference);
      if (i > 0) {
        buildPart.cli.push(built);
        pushPart.cli.push(pushed.ms);
        uploaded.cli.push(pushed.uploaded);
      }
      return built + pushed.ms;
    };
    await app(0);
    await cli(0);
    const measured = await alternate(
      runs,
      (i) => app(i + 1),
      (i) => cli(i + 1),
    );
    return {
      runs,
      app: timings(measured.app),
      cli: timings(measured.cli),
      ratio: timings(measured.app).medianMs / timings(measured.cli).medianMs,
      pairedRatio: pairedMedian(measured),
      buildPart: { app: timings(buildPart.app), cli: timings(buildPart.cli) },
      pushPart: { app: timings(pushPart.app), cli: timings(pushPart.cli) },
      uploaded,
    };
  } finally {
    await removeImages(docker, made);
    await removeDanglingBenchImages(docker, plan.labels[labelKeys.builtBy] ?? '');
  }
}
