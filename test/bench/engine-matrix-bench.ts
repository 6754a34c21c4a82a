// The engine matrix of the bench: on each engine (bench-engines.ts), the app against the engine's own
// CLI (engine-cli.ts) for an uncached build, a cached rebuild, a rebuild after one changed package
// (build-bench.ts) and a push (push-bench.ts). One engine at a time, so no two measurements overlap.
import type Dockerode from 'dockerode';
import type { Builder } from '../../electron/contract/domain/build';
import { builderOf } from '../../electron/services/build';
import { createDockerClient } from '../../electron/services/engine/docker-client';
import { type BenchEngineSpec, engineSpec, requestedEngines } from './bench-engines';
import type { BenchRun } from './bench-run';
import { benchBuild, BUILD_KINDS } from './build-bench';
import { engineCli, type EngineCli } from './engine-cli';
import { engineIdentity } from './engine-watch';
import { benchPush, type PushBenchResult } from './push-bench';
import { startRegistrySession } from './registry-session';
import { engineBuildRows, engineMeasures, enginePushRows } from './rows';

export interface EngineBenchOptions {
  runs: number;
  /** The base image of the push bench's random images. */
  base: string;
  /** Sizes of the random layers of each pushed image. */
  layerBytes: number[];
  log?: (line: string) => void;
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

/** An engine of the matrix, opened: its client, its CLI, what to call it. */
export interface OpenEngine {
  spec: BenchEngineSpec;
  docker: Dockerode;
  /** e.g. 'Docker 28.5.2 (containerd image store)'. */
  name: string;
  /** Version, API and storage, for the machine line. */
  engine: string;
  /** The builder the app's build job picks for it (chooseBuilder). */
  builder: Builder;
  cli: EngineCli;
  /** Its process when opened (engine-watch.ts), to tell a restart under the bench. */
  identity: string | null;
}

export async function openEngine(spec: BenchEngineSpec): Promise<OpenEngine> {
  const docker = engineClient(spec);
  const identity = engineIdentity(spec.pidFile);
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<EngineInfoFields>]);
  const builder = await builderOf(docker);
  const cli = await engineCli(spec, builder);
  return { spec, docker, ...describeEngine(version, info), builder, cli, identity };
}

/** Why the figures of an engine may be disturbed: its process changed since it was opened. */
export function restartWarning(engine: Pick<OpenEngine, 'spec' | 'name' | 'identity'>): string | null {
  const now = engineIdentity(engine.spec.pidFile);
  if (engine.identity === now) return null;
  return `Warning, ${engine.name}: the engine's process changed during the bench (${engine.identity ?? 'unknown'} → ${now ?? 'not running'}): another test run stopped and started it, so its figures may be disturbed.`;
}

export async function benchEnginePush(engine: OpenEngine, options: EngineBenchOptions): Promise<PushBenchResult> {
  const session = await startRegistrySession({ hostname: engine.spec.registryHostname, cli: engine.cli });
  try {
    return await benchPush({ docker: engine.docker, session, cli: engine.cli, runs: options.runs, layerBytes: options.layerBytes, base: options.base });
  } finally {
    await session.dispose();
  }
}

/**
 * Every engine RIB_BENCH_ENGINES asks for, one section each; its builds and its push are measured
 * apart, so a push that cannot run still leaves the build figures (and an engine that cannot run
 * leaves the other engines'). Resolves with one line per engine measured, for the machine line.
 */
export async function runEngineMatrix(run: BenchRun, options: EngineBenchOptions & { sidMissing: string | null }): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const engines: string[] = [];
  for (const key of requestedEngines(process.env)) {
    const spec = engineSpec(key, process.env);
    const label = 'missing' in spec ? key : spec.label;
    await run.section(engineMeasures(label), async () => {
      if ('missing' in spec) throw new Error(options.sidMissing ?? spec.missing);
      const engine = await openEngine(spec);
      const cli = `${engine.cli.description} (${engine.cli.builder})`;
      log(`${engine.engine}; app: ${engine.builder} builder; CLI: ${cli}`);
      engines.push(`${engine.engine} (app: ${engine.builder} builder; CLI: ${cli})`);
      const measures = engineMeasures(engine.name);
      try {
        try {
          const build = await benchBuild({ docker: engine.docker, cli: engine.cli, builder: engine.builder, runs: options.runs, log });
          run.add(engineBuildRows(engine.name, cli, build));
        } catch (error) {
          run.fail(measures.slice(0, BUILD_KINDS.length), error);
        }
        log('push');
        try {
          run.add(enginePushRows(engine.name, cli, await benchEnginePush(engine, options)));
        } catch (error) {
          run.fail(measures.slice(BUILD_KINDS.length), error);
        }
        const warning = restartWarning(engine);
        if (warning !== null) run.add({ rows: [], why: [warning], details: [] });
      } finally {
        await engine.cli.dispose();
      }
    });
  }
  return engines;
}
