// The engine's own CLI, the reference each app figure is divided by: what a user types in a terminal
// against the same engine. Docker 20.10: `docker build` with the classic builder (the engine has no
// BuildKit by default); Docker 28: `docker build`, which is BuildKit through the buildx plugin;
// Podman: `podman build` (Buildah) and `podman push`, as a remote client of the engine's socket.
//
// The machine's `docker` CLI is used for every Docker engine. Its buildx plugin comes from the
// machine's plugin folders or, failing that, from the sid chroot (test/infra/sid-engines.sh installs
// docker-buildx there; the binary runs on the host). Podman's CLI runs inside the sid chroot, which
// sees the engine's socket at /rib-sock and its own /tmp, where the bench writes the contexts.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Builder } from '../../electron/contract/domain/build';
import type { RecipePlan } from '../../electron/contract/domain/recipe';
import type { BenchEngineSpec } from './bench-engines';
import { type CliRun, runProgram } from './docker-cli';

export type CliBuilder = 'classic' | 'BuildKit' | 'Buildah';

export interface CliDir {
  /** Where the bench writes. */
  hostPath: string;
  /** The same folder as the CLI names it. */
  cliPath: string;
}

export interface EngineCli {
  /** e.g. 'docker 28.2.2 + buildx 0.29.1'. */
  description: string;
  builder: CliBuilder;
  /** A fresh folder the CLI can read (a build context); removed by dispose. */
  makeDir(): Promise<CliDir>;
  run(args: string[], input?: string): Promise<CliRun>;
  /** Logs in to a registry, the way a careful user does (password on stdin). */
  login(host: string, user: string, password: string): Promise<void>;
  /** Pushes; resolves with the wall time and the layers the CLI says it uploaded (null: it does not say). */
  push(reference: string): Promise<{ ms: number; uploaded: number | null }>;
  dispose(): Promise<void>;
}

/** The build command both CLIs take: the app's build options as flags. */
export function buildArgs(plan: Pick<RecipePlan, 'buildArgs'>, dir: string, tag: string, noCache: boolean, createdLabel: string, created: string): string[] {
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
    `${createdLabel}=${created}`,
    '-t',
    tag,
    dir,
  ];
}

/** Counts "<layer>: Pushed" lines of `docker push` output (one per uploaded layer). */
export function dockerLayersPushed(stdout: string): number {
  return stdout.split('\n').filter((line) => /^[0-9a-f]{12}: Pushed$/.test(line.trim())).length;
}

/** The debootstrap chroot of test/infra/sid-engines.sh. */
export function sidChroot(env: NodeJS.ProcessEnv): string {
  if (env['RIB_SID_CHROOT']) return env['RIB_SID_CHROOT'];
  const testDir = env['RIB_TEST_DIR'] ?? '.test-env';
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return join(env['RIB_CACHE_DIR'] ?? join(testDir, 'cache'), `sid-chroot-${arch}`);
}

/** The buildx plugin: the machine's own, else the one in the sid chroot; null when neither exists. */
export function findBuildx(env: NodeJS.ProcessEnv): string | null {
  const candidates = [
    join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'cli-plugins', 'docker-buildx'),
    '/usr/local/lib/docker/cli-plugins/docker-buildx',
    '/usr/local/libexec/docker/cli-plugins/docker-buildx',
    '/usr/lib/docker/cli-plugins/docker-buildx',
    '/usr/libexec/docker/cli-plugins/docker-buildx',
    join(sidChroot(env), 'usr/libexec/docker/cli-plugins/docker-buildx'),
  ];
  return candidates.find((path) => existsSync(path)) ?? null;
}

function firstLine(run: CliRun): string {
  return (run.stderr.split('\n').find((line) => line.trim() !== '') ?? `exit ${run.code}`).trim();
}

async function removeAll(paths: string[]): Promise<void> {
  for (const path of paths) await rm(path, { recursive: true, force: true });
}

/** `docker` against the engine's socket, with a DOCKER_CONFIG of its own (the login, the buildx plugin). */
export async function dockerCli(engine: BenchEngineSpec, builder: 'classic' | 'BuildKit'): Promise<EngineCli> {
  const config = await mkdtemp(join(tmpdir(), 'rib-bench-docker-config-'));
  const made = [config];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: `unix://${engine.socketPath}`,
    DOCKER_CONFIG: config,
    DOCKER_BUILDKIT: builder === 'BuildKit' ? '1' : '0',
  };
  for (const key of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[key];
  const run = (args: string[], input?: string) => runProgram('docker', args, env, input);
  const dispose = () => removeAll(made);
  try {
    const version = (await run(['version', '--format', '{{.Client.Version}}'])).stdout.trim() || 'unknown';
    let description = `docker ${version}`;
    if (builder === 'BuildKit') {
      const buildx = findBuildx(process.env);
      if (buildx === null) throw new Error('no buildx plugin on this machine nor in the sid chroot: `docker build` cannot use BuildKit here');
      await mkdir(join(config, 'cli-plugins'));
      await symlink(buildx, join(config, 'cli-plugins', 'docker-buildx'));
      const v = await run(['buildx', 'version']);
      if (v.code !== 0) throw new Error(`docker buildx does not run: ${firstLine(v)}`);
      description += ` + buildx ${v.stdout.trim().split(/\s+/)[1] ?? '?'}`;
    }
    return {
      description,
      builder,
      makeDir: async () => {
        const dir = await mkdtemp(join(tmpdir(), 'rib-bench-context-'));
        made.push(dir);
        return { hostPath: dir, cliPath: dir };
      },
      run,
      login: async (host, user, password) => {
        const login = await run(['login', '--username', user, '--password-stdin', host], `${password}\n`);
        if (login.code !== 0) throw new Error(`docker login ${host} failed: ${firstLine(login)}`);
      },
      push: async (reference) => {
        const started = performance.now();
        const result = await run(['push', reference]);
        const ms = performance.now() - started;
        if (result.code !== 0) throw new Error(`docker push failed (${result.code}): ${result.stderr.slice(-2000)}`);
        return { ms, uploaded: dockerLayersPushed(result.stdout) };
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** `podman --remote` inside the sid chroot, against the engine's socket as the chroot sees it. */
export async function podmanCli(engine: BenchEngineSpec): Promise<EngineCli> {
  const chroot = sidChroot(process.env);
  if (!existsSync(join(chroot, 'usr/bin/podman'))) throw new Error(`no podman in ${chroot}: run test/infra/sid-engines.sh up`);
  const chrootTmp = join(chroot, 'tmp');
  // The chroot's /tmp is the tmpfs sid-engines.sh mounts: the CLI reads what the bench writes there.
  const state = await mkdtemp(join(chrootTmp, 'rib-bench-podman-'));
  const inside = (path: string) => `/tmp/${path.slice(chrootTmp.length + 1)}`;
  const authFile = `${inside(state)}/auth.json`;
  const made = [state];
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/root',
    LANG: 'C.UTF-8',
    CONTAINER_HOST: `unix:///rib-sock/${basename(engine.socketPath)}`,
    REGISTRY_AUTH_FILE: authFile,
  };
  const run = (args: string[], input?: string) =>
    runProgram(
      'chroot',
      [chroot, '/usr/bin/env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`), 'podman', '--remote', ...args],
      { PATH: process.env['PATH'] },
      input,
    );
  const dispose = () => removeAll(made);
  try {
    const version = await run(['version', '--format', '{{.Client.Version}}']);
    if (version.code !== 0) throw new Error(`podman --remote does not reach ${engine.socketPath}: ${firstLine(version)}`);
    return {
      description: `podman ${version.stdout.trim()} (remote client)`,
      builder: 'Buildah',
      makeDir: async () => {
        const dir = await mkdtemp(join(state, 'context-'));
        return { hostPath: dir, cliPath: inside(dir) };
      },
      run,
      // The bench's registries are plain http on this computer; Podman wants TLS unless told, and
      // the app tells it the same for a registry on this computer (tlsVerify=false on its push).
      login: async (host, user, password) => {
        const login = await run(['login', '--tls-verify=false', '--username', user, '--password-stdin', host], `${password}\n`);
        if (login.code !== 0) throw new Error(`podman login ${host} failed: ${firstLine(login)}`);
      },
      push: async (reference) => {
        const started = performance.now();
        const result = await run(['push', '--tls-verify=false', reference]);
        const ms = performance.now() - started;
        if (result.code !== 0) throw new Error(`podman push failed (${result.code}): ${result.stderr.slice(-2000)}`);
        // Its "Copying blob" lines come from the engine, one per blob whether uploaded or already
        // there (seen on 5.8.6 remote: never "skipped"), and not one per layer: they count nothing.
        return { ms, uploaded: null };
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The CLI a user of this engine builds and pushes with; `builder` says which of the app's builders it matches. */
export function engineCli(engine: BenchEngineSpec, appBuilder: Builder): Promise<EngineCli> {
  if (engine.key === 'podman') return podmanCli(engine);
  return dockerCli(engine, appBuilder === 'buildkit' ? 'BuildKit' : 'classic');
}
