// Push benchmark: the app's push (pushImage, wired as the push job wires it) against `docker push`
// on the same engine, to the same registry, alternating.
//
// Like with like: every run pushes an image of its own whose layers are fresh random bytes of the
// same sizes, built up front, so each push really uploads (a re-push of the same layers would be
// answered "Layer already exists" and a push to another repository mounts them, in no time). The
// base's layer is uploaded by a warm-up push on each side first, so every measured push has the
// same work: the random layers uploaded, the base layer found in place. The app's time includes
// its tag call; the CLI's images are tagged before the clock starts, which favours the CLI.
import type Dockerode from 'dockerode';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { appPush } from './app-push';
import { runCli } from './docker-cli';
import { removeImages } from './engine';
import type { RegistrySession } from './registry-session';
import { alternate, pairedMedian, type Timings, timings } from './stats';

export interface PushBenchOptions {
  docker: Dockerode;
  session: RegistrySession;
  runs: number;
  /** Sizes of the random layers of each image. */
  layerBytes: number[];
  base: string;
}

export interface PushBenchResult {
  runs: number;
  layerBytes: number[];
  app: Timings;
  cli: Timings;
  /** app ÷ CLI, medians. */
  ratio: number;
  pairedRatio: number;
  /** Layers each measured push uploaded (not found in place): the proof that every push did the work. */
  uploaded: { app: number[]; cli: number[] };
}

/** Counts "<layer>: Pushed" lines of `docker push` output (one per uploaded layer). */
export function cliLayersPushed(stdout: string): number {
  return stdout.split('\n').filter((line) => /^[0-9a-f]{12}: Pushed$/.test(line.trim())).length;
}

export async function benchPush(options: PushBenchOptions): Promise<PushBenchResult> {
  const { docker, session, layerBytes, base } = options;
  const runs = Math.max(5, options.runs);
  const host = session.registry.host;
  const local = (side: 'app' | 'cli', i: number): string => `rib-bench/push-random:${side}-${i}`;
  const remote = (side: 'app' | 'cli', i: number): string => `${host}/bench/push:${side}-${i}`;
  const made: string[] = [];
  const uploaded = { app: [] as number[], cli: [] as number[] };
  try {
    // Run 0 of each side is the warm-up.
    for (let i = 0; i <= runs; i += 1) {
      for (const side of ['app', 'cli'] as const) {
        made.push(local(side, i), remote(side, i));
        await buildRandomImage(docker, { tag: local(side, i), base, layerBytes });
        if (side === 'cli') await docker.getImage(local(side, i)).tag({ repo: `${host}/bench/push`, tag: `cli-${i}` });
      }
    }
    const app = async (i: number): Promise<number> => {
      const run = await appPush({ docker, image: local('app', i), reference: remote('app', i), auth: session.auth });
      if (i > 0) uploaded.app.push(run.result.layersPushed);
      return run.ms;
    };
    const cli = async (i: number): Promise<number> => {
      const started = performance.now();
      const result = await runCli(['push', remote('cli', i)], session.cliEnv);
      const elapsed = performance.now() - started;
      if (result.code !== 0) throw new Error(`docker push failed (${result.code}): ${result.stderr.slice(-2000)}`);
      if (i > 0) uploaded.cli.push(cliLayersPushed(result.stdout));
      return elapsed;
    };
    await app(0);
    await cli(0);
    const measured = await alternate(runs, (i) => app(i + 1), (i) => cli(i + 1));
    return {
      runs,
      layerBytes,
      app: timings(measured.app),
      cli: timings(measured.cli),
      ratio: timings(measured.app).medianMs / timings(measured.cli).medianMs,
      pairedRatio: pairedMedian(measured),
      uploaded,
    };
  } finally {
    await removeImages(docker, made);
  }
}
