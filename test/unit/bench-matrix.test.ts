// The engine matrix of `npm run bench` (test/bench): which engines it picks, how it reads their
// CLIs and engines, and how its figures become rows with the goals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSpec, needsSidEngines, requestedEngines } from '../bench/bench-engines';
import { benchPlan, changedPackages } from '../bench/build-bench';
import { buildArgs, dockerLayersPushed } from '../bench/engine-cli';
import type { BuildBenchResult } from '../bench/build-bench';
import { describeEngine, restartWarning } from '../bench/engine-matrix-bench';
import { engineIdentity } from '../bench/engine-watch';
import type { PushBenchResult } from '../bench/push-bench';
import { engineBuildRows, engineMeasures, enginePushRows, type Section } from '../bench/rows';
import { timings } from '../bench/stats';

describe('the engines of the bench', () => {
  it('takes every engine when RIB_BENCH_ENGINES is unset, and only the named ones, in matrix order, when set', () => {
    expect(requestedEngines({})).toEqual(['docker20', 'docker28', 'docker28cd', 'podman']);
    expect(requestedEngines({ RIB_BENCH_ENGINES: 'podman docker28' })).toEqual(['docker28', 'podman']);
    expect(requestedEngines({ RIB_BENCH_ENGINES: ' docker28cd,podman ' })).toEqual(['docker28cd', 'podman']);
  });

  it('refuses a name it does not know instead of measuring nothing', () => {
    expect(() => requestedEngines({ RIB_BENCH_ENGINES: 'docker28 docker27' })).toThrow(/docker27/);
  });

  it('starts the sid engines only when one of them is asked for', () => {
    expect(needsSidEngines(['docker20'])).toBe(false);
    expect(needsSidEngines(['docker20', 'podman'])).toBe(true);
  });

  it("reads an engine from the set-up's env.sh, Podman's registry named as Podman accepts plain http", () => {
    const env = {
      DOCKER_HOST: 'unix:///t/docker.sock',
      RIB_DOCKERD_PIDFILE: '/t/dockerd.pid',
      RIB_ENGINE_PODMAN_HOST: 'unix:///t/sock/podman.sock',
      RIB_ENGINE_PODMAN_LABEL: 'Podman 5 5.8.6',
      RIB_ENGINE_PODMAN_REGISTRY: 'localhost:5000',
      RIB_ENGINE_PODMAN_PIDFILE: '/t/podman.pid',
    };
    expect(engineSpec('podman', env)).toEqual({
      key: 'podman',
      label: 'Podman 5 5.8.6',
      socketPath: '/t/sock/podman.sock',
      registryHostname: 'localhost',
      pidFile: '/t/podman.pid',
    });
    expect(engineSpec('docker20', env)).toMatchObject({ socketPath: '/t/docker.sock', registryHostname: '127.0.0.1', pidFile: '/t/dockerd.pid' });
    expect(engineSpec('docker28', env)).toEqual({ key: 'docker28', missing: expect.stringContaining('RIB_ENGINE_DOCKER28_HOST') });
    expect(engineSpec('docker28', { RIB_ENGINE_DOCKER28_HOST: 'tcp://1.2.3.4:2375' })).toEqual({
      key: 'docker28',
      missing: expect.stringContaining('unix socket'),
    });
  });
});

describe('the engine, as the report names it', () => {
  it("tells the containerd image store from overlay2 by the driver's status, and Podman by its components", () => {
    const docker = { Version: '28.5.2', ApiVersion: '1.51', Components: [{ Name: 'Engine' }] };
    expect(describeEngine(docker, { Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] })).toEqual({
      name: 'Docker 28.5.2 (containerd image store)',
      engine: 'Docker 28.5.2 (API 1.51), containerd image store, overlayfs snapshotter',
    });
    expect(describeEngine(docker, { Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']] }).name).toBe('Docker 28.5.2 (overlay2)');
    expect(describeEngine({ Version: '5.8.6', ApiVersion: '1.44', Components: [{ Name: 'Podman Engine' }] }, { Driver: 'overlay' })).toEqual({
      name: 'Podman 5.8.6',
      engine: 'Podman 5.8.6 (API 1.44), storage driver overlay',
    });
  });
});

describe('the CLI side', () => {
  it('builds with the flags the app sends the engine: host network, platform, build args, the created label', () => {
    const args = buildArgs({ buildArgs: { PIP_INDEX_URL: 'http://i/simple' } }, '/ctx', 'a/b:1', true, 'x.created', '2026-12-07T00:00:00Z');
    expect(args).toEqual([
      'build',
      '--network',
      'host',
      '--platform',
      'linux/amd64',
      '--no-cache',
      '--build-arg',
      'PIP_INDEX_URL=http://i/simple',
      '--label',
      'x.created=2026-12-07T00:00:00Z',
      '-t',
      'a/b:1',
      '/ctx',
    ]);
    expect(buildArgs({ buildArgs: {} }, '/ctx', 't', false, 'l', 'v')).not.toContain('--no-cache');
  });

  it('counts the layers `docker push` uploaded, not the ones the registry had', () => {
    const out = [
      'The push refers to repository [127.0.0.1:5000/bench/push]',
      '5f70bf18a086: Preparing',
      '0123456789ab: Pushed',
      'abcdefabcdef: Pushed',
      '5f70bf18a086: Layer already exists',
      'cli-1: digest: sha256:00 size: 942',
    ].join('\n');
    expect(dockerLayersPushed(out)).toBe(2);
  });
});

describe('a rebuild after one changed package', () => {
  it('changes the first package to another version, with a list of its own per build', () => {
    const a = changedPackages(['ribdemo-alpha==1.1.0', 'ribdemo-beta'], 'x1');
    const b = changedPackages(['ribdemo-alpha==1.1.0', 'ribdemo-beta'], 'x2');
    expect(a[0]).toMatch(/^ribdemo-alpha==1\.0\.0 ; /);
    expect(a[1]).toBe('ribdemo-beta');
    expect(a[0]).not.toBe(b[0]);
    expect(changedPackages(['ribdemo-alpha==1.0.0'], 'x')[0]).toMatch(/^ribdemo-alpha==1\.1\.0 ; /);
  });

  it('gives a recipe the app can plan, whose package step differs from the unchanged one (so the cache cannot serve it)', () => {
    const env = { ...process.env };
    process.env['RIB_INDEX_URL'] = 'http://127.0.0.1:5001/simple';
    try {
      const before = benchPlan(['ribdemo-alpha==1.1.0', 'ribdemo-beta'], 'buildkit');
      const after = benchPlan(changedPackages(['ribdemo-alpha==1.1.0', 'ribdemo-beta'], 'x'), 'buildkit');
      expect(after.canBuild).toBe(true);
      expect(after.dockerfile).toContain('--mount=type=cache');
      const requirements = (plan: typeof before) => plan.files.find((f) => f.path === 'requirements.txt')?.content;
      expect(requirements(after)).not.toBe(requirements(before));
      expect(requirements(after)).toContain('ribdemo-alpha==1.0.0');
    } finally {
      process.env = env;
    }
  });
});

const CLI = 'podman 5.8.6 (remote client) (Buildah)';

function build(ratios: { uncached: number; cached: number; changed: number }): BuildBenchResult {
  const kind = (ratio: number) => ({ app: timings([ratio * 1000]), cli: timings([1000]), ratio, pairedRatio: ratio });
  return {
    runs: 1,
    builder: 'classic',
    cli: 'podman',
    cliBuilder: 'Buildah',
    packages: [],
    change: { from: 'a', to: 'b' },
    kinds: { uncached: kind(ratios.uncached), cached: kind(ratios.cached), changed: kind(ratios.changed) },
    appCachedSteps: { uncached: '0 of 13', cached: '12 of 13', changed: '7 of 13' },
  };
}

function push(ratio: number): PushBenchResult {
  return {
    runs: 1,
    layerBytes: [1e6, 1e6],
    app: timings([ratio * 1000]),
    cli: timings([1000]),
    api: timings([1000]),
    ratio,
    pairedRatio: ratio,
    inRegistry: { app: [3], cli: [3], api: [3] },
    reported: { app: [2], cli: [null], api: [0] },
  };
}

function rows(ratios: { uncached: number; cached: number; changed: number; push: number }): Section {
  const b = engineBuildRows('Podman 5.8.6', CLI, build(ratios));
  const p = enginePushRows('Podman 5.8.6', CLI, push(ratios.push));
  return { rows: [...b.rows, ...p.rows], why: [...b.why, ...p.why], details: [...b.details, ...p.details] };
}

describe("the matrix's rows", () => {
  it('has one row per build kind and one for the push, named after the engine, in that order', () => {
    const section = rows({ uncached: 1, cached: 1, changed: 1, push: 1 });
    expect(section.rows.map((r) => r.measure)).toEqual(engineMeasures('Podman 5.8.6'));
    expect(section.rows.map((r) => r.goal)).toEqual(['≤ 1.05', '≤ 1.05', '≤ 1.00', '≤ 1.05']);
  });

  it("holds builds and pushes to 1.05 and a changed package's rebuild to the CLI's own time", () => {
    const section = rows({ uncached: 1.049, cached: 1.06, changed: 1.01, push: 1.051 });
    expect(section.rows.map((r) => r.status)).toEqual(['met', 'missed', 'missed', 'missed']);
    expect(section.why).toHaveLength(3);
    expect(section.why.join('\n')).toMatch(/app ÷ API/);
  });

  it("says the registry held every pushed image and that Podman's CLI does not count layers", () => {
    const row = rows({ uncached: 1, cached: 1, changed: 1, push: 1 }).rows[3];
    expect(row?.notes).toContain('the registry held the whole image (3 layers, the 2 random ones new to it)');
    expect(row?.notes).toContain('cli ?');
  });
});

describe('an engine restarted under the bench', () => {
  it('is told by its pid file naming another process, and not when it names the same one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rib-bench-pid-'));
    try {
      const pidFile = join(dir, 'daemon.pid');
      writeFileSync(pidFile, `${process.pid}\n`);
      const engine = {
        spec: { key: 'podman', label: 'P', socketPath: '/s', registryHostname: 'localhost', pidFile },
        name: 'Podman 5.8.6',
        identity: engineIdentity(pidFile),
      } as const;
      expect(engine.identity).toMatch(new RegExp(`^${process.pid}@\\d+$`));
      expect(restartWarning(engine)).toBeNull();
      writeFileSync(pidFile, `${process.ppid}\n`);
      expect(restartWarning(engine)).toMatch(/^Warning, Podman 5\.8\.6: the engine's process changed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
