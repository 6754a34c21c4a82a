// The engines of the bench's matrix: the ones test/infra writes into .test-env/env.sh (Docker 20.10)
// and .test-env/sid-engines/env.sh (Docker 28.5 on overlay2 and on the containerd image store,
// Podman 5.8), narrowed by RIB_BENCH_ENGINES (e.g. "docker28 podman").

export const ENGINE_KEYS = ['docker20', 'docker28', 'docker28cd', 'podman'] as const;
export type EngineKey = (typeof ENGINE_KEYS)[number];

export interface BenchEngineSpec {
  key: EngineKey;
  /** e.g. 'Docker 28 (containerd image store) 28.5.2+dfsg4', from the set-up's env.sh. */
  label: string;
  /** The engine's socket on this machine. */
  socketPath: string;
  /**
   * How this engine must name a registry on this computer: Podman takes plain http only from
   * 'localhost:PORT', Docker from any loopback address.
   */
  registryHostname: string;
  /** The engine's pid file, to tell whether another test run restarted it under the bench. */
  pidFile?: string;
}

function isEngineKey(name: string): name is EngineKey {
  return (ENGINE_KEYS as readonly string[]).includes(name);
}

/** The names RIB_BENCH_ENGINES asks for (all when unset or empty); throws on a name the bench does not know. */
export function requestedEngines(env: NodeJS.ProcessEnv): EngineKey[] {
  const asked = (env['RIB_BENCH_ENGINES'] ?? '').split(/[\s,]+/).filter((name) => name !== '');
  if (asked.length === 0) return [...ENGINE_KEYS];
  const unknown = asked.filter((name) => !isEngineKey(name));
  if (unknown.length > 0) throw new Error(`RIB_BENCH_ENGINES names ${unknown.join(', ')}; the bench knows ${ENGINE_KEYS.join(', ')}`);
  return ENGINE_KEYS.filter((key) => asked.includes(key));
}

/** True when one of the engines asked for runs from the sid chroot (test/infra/sid-engines.sh starts it). */
export function needsSidEngines(keys: readonly EngineKey[]): boolean {
  return keys.some((key) => key !== 'docker20');
}

/** The engine as the set-up's env.sh describes it, or why it cannot be benchmarked. */
export function engineSpec(key: EngineKey, env: NodeJS.ProcessEnv): BenchEngineSpec | { key: EngineKey; missing: string } {
  const prefix = `RIB_ENGINE_${key.toUpperCase()}`;
  // Docker 20.10 is up.sh's engine: DOCKER_HOST, whether or not sid-engines.sh has run.
  const host = key === 'docker20' ? (env[`${prefix}_HOST`] ?? env['DOCKER_HOST']) : env[`${prefix}_HOST`];
  if (host === undefined || host === '')
    return { key, missing: `${prefix}_HOST is not set: source .test-env/sid-engines/env.sh (test/infra/sid-engines.sh up)` };
  if (!host.startsWith('unix://')) return { key, missing: `${prefix}_HOST is ${host}; the bench reaches engines by their unix socket` };
  const label = env[`${prefix}_LABEL`] ?? (key === 'docker20' ? 'Docker 20.10 (overlay2)' : key);
  const registry = env[`${prefix}_REGISTRY`] ?? '127.0.0.1:5000';
  const pidFile = key === 'docker20' ? env['RIB_DOCKERD_PIDFILE'] : env[`${prefix}_PIDFILE`];
  return { key, label, socketPath: host.slice('unix://'.length), registryHostname: registry.replace(/:\d+$/, ''), ...(pidFile ? { pidFile } : {}) };
}
