// The engine matrix of the bench: on each engine (bench-engines.ts), the app against the engine's own
// CLI (engine-cli.ts) for an uncached build, a cached rebuild, a rebuild after one changed package
// (build-bench.ts) and a push (push-bench.ts). One engine at a time, so no two measurements overlap.
import type Dockerode from 'dockerode';
import type { Builder } from '../../electron/contract/domain/build';
import { builderOf } from '../../electron/services/build';
import { createDockerClient } from '../../electron/services/engine/docker-client';
import { type BenchEngineSpec, engineSpec, requestedEngines } from './bench-engines';
import type { BenchRun } from './bench-run';
import { benchBuild, type BuildBenchResult } from './build-bench';
import { engineCli } from './engine-cli';
import { engineIdentity } from './engine-watch';
import { benchPush, type PushBenchResult } from './push-bench';
import { startRegistrySession } from './registry-session';
import { engineMeasures, engineRows } from './rows';

export interface EngineBenchOptions {
  runs: number;
  /** The base image of the push bench's random images. */
  base: string;
  /** Sizes of the random layers of each pushed image. */
  layerBytes: number[];
  log?: (line: string) => void;
}

export interface EngineBenchResult {
  spec: BenchEngineSpec;
  /** e.g. 'Docker 28.5.2 (containerd image store)'. */
  name: string;
  /** Version, API and storage, for the machine line. */
  engine: string;
  builder: Builder;
  cli: string;
  build: BuildBenchResult;
  push: PushBenchResult;
  /** Set when the engine's process changed during the bench: another test run stopped and started it. */
  restarted: string | null;
}

interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Components?: { Name: string }[];
}

interface EngineInfoFields {
  Driver?: string;
  DriverStatus?: [string, string][] | null;
}

/** A short name and a longer description of the engine, from its /version and /info. */
export function describeEngine(version: EngineVersion, info: EngineInfoFields): { name: string; engine: string } {
  const podman = (version.Components ?? []).some((c) => /podman/i.test(c.Name));
  const snapshotter = (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.includes('snapshotter'));
  const store = snapshotter ? 'containerd image store' : (info.Driver ?? 'unknown storage');
  const product = podman ? 'Podman' : 'Docker';
  return {
    name: `${product} ${version.Version}${podman ? '' : ` (${store})`}`,
    engine: `${product} ${version.Version} (API ${version.ApiVersion}), ${snapshotter ? `containerd image store, ${info.Driver ?? '?'} snapshotter` : `storage driver ${info.Driver ?? '?'}`}`,
  };
}

export function engineClient(spec: BenchEngineSpec): Dockerode {
  return createDockerClient({
    id: `bench-${spec.key}`,
    source: { kind: 'docker-host' },
    endpoint: { transport: 'unix', socketPath: spec.socketPath },
    display: `unix://${spec.socketPath}`,
    productHint: null,
  });
}

export async function benchOneEngine(spec: BenchEngineSpec, options: EngineBenchOptions): Promise<EngineBenchResult> {
  const log = options.log ?? (() => undefined);
  const docker = engineClient(spec);
  const identity = engineIdentity(spec.pidFile);
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<EngineInfoFields>]);
  const described = describeEngine(version, info);
  // The builder the app's build job picks for this engine (chooseBuilder), and the plan made for it.
  const builder = await builderOf(docker);
  const cli = await engineCli(spec, builder);
  log(`${described.engine}; app: ${builder} builder; CLI: ${cli.description} (${cli.builder})`);
  try {
    const build = await benchBuild({ docker, cli, builder, runs: options.runs, log });
    log('push');
    const session = await startRegistrySession({ hostname: spec.registryHostname, cli });
    try {
      const push = await benchPush({ docker, session, cli, runs: options.runs, layerBytes: options.layerBytes, base: options.base });
      const now = engineIdentity(spec.pidFile);
      const restarted =
        identity !== now
          ? `the engine's process changed during the bench (${identity ?? 'unknown'} → ${now ?? 'not running'}): another test run stopped and started it, so these figures may be disturbed`
          : null;
      return { spec, ...described, builder, cli: `${cli.description} (${cli.builder})`, build, push, restarted };
    } finally {
      await session.dispose();
    }
  } finally {
    await cli.dispose();
  }
}

/**
 * Every engine RIB_BENCH_ENGINES asks for, one section each (an engine that cannot run gives error
 * rows, the others still run). Resolves with one line per engine measured, for the machine line.
 */
export async function runEngineMatrix(run: BenchRun, options: EngineBenchOptions & { sidMissing: string | null }): Promise<string[]> {
  const engines: string[] = [];
  for (const key of requestedEngines(process.env)) {
    const spec = engineSpec(key, process.env);
    const label = 'missing' in spec ? key : spec.label;
    await run.section(engineMeasures(label), async () => {
      if ('missing' in spec) throw new Error(options.sidMissing ?? spec.missing);
      const result = await benchOneEngine(spec, options);
      run.add(engineRows(result));
      engines.push(`${result.engine} (${result.builder} builder; CLI ${result.cli})`);
    });
  }
  return engines;
}
