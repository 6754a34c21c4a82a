// Push benchmark: the app's push (pushImage, wired as the push job wires it) against the engine's
// own CLI (`docker push`, `podman push`) on the same engine, to the same registry, taking turns. A third side pushes through the engine
// API directly (dockerode, none of the app's code), so a gap can be split into what the app's code
// costs (app ÷ API) and what lies between the API and the CLI (API ÷ CLI).
//
// Like with like: every run pushes an image of its own whose layers are fresh random bytes of the
// same sizes, built up front, so each push really uploads (a re-push of the same layers would be
// answered "Layer already exists" and a push to another repository mounts them, in no time). The
// base's layer is uploaded by a warm-up push on each side first, so every measured push has the
// same work: the random layers uploaded, the base layer found in place. The app's time includes
// its tag call; the other sides' images are tagged before the clock starts, which favours them.
import type Dockerode from 'dockerode';
import { engineAuthConfig, parseRegistryAddress } from '../../electron/services/registry';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { appPush } from './app-push';
import type { EngineCli } from './engine-cli';
import { removeImages } from './engine';
import type { RegistrySession } from './registry-session';
import { pairedMedian, rotate, type Timings, timings } from './stats';

export interface PushBenchOptions {
  docker: Dockerode;
  session: RegistrySession;
  cli: EngineCli;
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
  /** The engine API driven directly, without the app's code. */
  api: Timings;
  /** app ÷ CLI, medians. */
  ratio: number;
  pairedRatio: number;
  /**
   * Layers of each measured push's image found in the registry afterwards (its random layers are
   * new to the registry, so they were uploaded by that push): the proof that every push did the work.
   */
  inRegistry: { app: number[]; cli: number[]; api: number[] };
  /** Layers the engine or the CLI said were pushed (Podman says nothing per layer: null). */
  reported: { app: number[]; cli: (number | null)[]; api: number[] };
}

const SIDES = ['app', 'api', 'cli'] as const;
type Side = (typeof SIDES)[number];

/** dockerode's push, as plain as it gets: every event read, an error event is a failure (as in services/push/push-image.ts). */
async function apiPush(docker: Dockerode, reference: string, authconfig: Dockerode.AuthConfigObject): Promise<{ ms: number; pushed: number }> {
  const started = performance.now();
  // As the app asks it (and Podman needs it for a plain-http registry on this computer; Docker ignores it).
  const query: Dockerode.ImagePushOptions & { tlsVerify: boolean } = { authconfig, tlsVerify: false };
  const stream = await docker.getImage(reference).push(query);
  const events = await new Promise<unknown[]>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: unknown[]) => (error ? reject(error) : resolve(output)));
  });
  const elapsed = performance.now() - started;
  let pushed = 0;
  for (const event of events) {
    if (typeof event !== 'object' || event === null) continue;
    if ('error' in event) throw new Error(`the API push of ${reference} failed: ${String(event.error)}`);
    if ('status' in event && event.status === 'Pushed') pushed += 1;
  }
  return { ms: elapsed, pushed };
}

export async function benchPush(options: PushBenchOptions): Promise<PushBenchResult> {
  const { docker, session, layerBytes, base } = options;
  const engineCli = options.cli;
  const runs = Math.max(1, options.runs);
  const host = session.host;
  const local = (side: Side, i: number): string => `rib-bench/push-random:${side}-${i}`;
  const remote = (side: Side, i: number): string => `${host}/bench/push:${side}-${i}`;
  const address = parseRegistryAddress(host);
  if (!address.ok) throw new Error(`the bench registry ${host} is not a registry address`);
  // The same X-Registry-Auth the app sends, so the API side differs from the app only by the app's code.
  const authconfig = engineAuthConfig(address.address, session.auth);
  const made: string[] = [];
  const inRegistry = { app: [] as number[], cli: [] as number[], api: [] as number[] };
  const reported = { app: [] as number[], cli: [] as (number | null)[], api: [] as number[] };
  // Checked after the clock stopped, so the check costs no side anything.
  const check = async (side: Side, i: number): Promise<void> => {
    if (i > 0) inRegistry[side].push(await session.layersInRegistry(remote(side, i)));
  };
  try {
    // Run 0 of each side is the warm-up.
    for (let i = 0; i <= runs; i += 1) {
      for (const side of SIDES) {
        made.push(local(side, i), remote(side, i));
        await buildRandomImage(docker, { tag: local(side, i), base, layerBytes });
        if (side !== 'app') await docker.getImage(local(side, i)).tag({ repo: `${host}/bench/push`, tag: `${side}-${i}` });
      }
    }
    const push: Record<Side, (i: number) => Promise<number>> = {
      app: async (i) => {
        const run = await appPush({ docker, image: local('app', i), reference: remote('app', i), auth: session.auth });
        if (i > 0) reported.app.push(run.result.layersPushed);
        await check('app', i);
        return run.ms;
      },
      api: async (i) => {
        const run = await apiPush(docker, remote('api', i), authconfig);
        if (i > 0) reported.api.push(run.pushed);
        await check('api', i);
        return run.ms;
      },
      cli: async (i) => {
        const run = await engineCli.push(remote('cli', i));
        if (i > 0) reported.cli.push(run.uploaded);
        await check('cli', i);
        return run.ms;
      },
    };
    for (const side of SIDES) await push[side](0);
    const [app = [], api = [], cli = []] = await rotate(
      runs,
      SIDES.map((side) => (i: number) => push[side](i + 1)),
    );
    return {
      runs,
      layerBytes,
      app: timings(app),
      cli: timings(cli),
      api: timings(api),
      ratio: timings(app).medianMs / timings(cli).medianMs,
      pairedRatio: pairedMedian({ app, cli }),
      inRegistry,
      reported,
    };
  } finally {
    await removeImages(docker, made);
  }
}
