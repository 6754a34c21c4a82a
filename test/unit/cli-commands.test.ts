import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceResult } from '../../electron/contract/domain/infer';
import { createPushLines } from '../../electron/cli/push-lines';
import { createPushAggregator } from '../../electron/services/push';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const project = 'test/fixtures/notebooks/project';
const neighbours = 'test/fixtures/notebooks/neighbours';
const temps: string[] = [];

function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rib-cli-'));
  temps.push(dir);
  return dir;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('npm run cli -- elyra', () => {
  it('writes the runtime-image file into --dir, prints its path and the elyra-metadata command', () => {
    const dir = temp();
    const { code, out, err } = cli([
      'elyra',
      'quay.io/alice/pandas:2.3',
      '--display-name',
      'Pandas 2.3 (team)',
      '--description',
      'pandas, numpy',
      '--tag',
      'pandas',
      '--tag',
      'team',
      '--pull-policy',
      'IfNotPresent',
      '--pull-secret',
      'quay-io-pull-secret',
      '--dir',
      dir,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const file = path.join(dir, 'metadata', 'runtime-images', 'pandas_2_3_team.json');
    expect(out).toContain(`Wrote ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      display_name: 'Pandas 2.3 (team)',
      metadata: {
        description: 'pandas, numpy',
        image_name: 'quay.io/alice/pandas:2.3',
        tags: ['pandas', 'team'],
        pull_policy: 'IfNotPresent',
        pull_secret: 'quay-io-pull-secret',
      },
      schema_name: 'runtime-image',
    });
    expect(out).toContain(
      `elyra-metadata create runtime-images --name=pandas_2_3_team --display_name='Pandas 2.3 (team)' --description='pandas, numpy' --image_name=quay.io/alice/pandas:2.3 --tags='["pandas","team"]' --pull_policy=IfNotPresent --pull_secret=quay-io-pull-secret`,
    );
  });

  it('refuses to replace an existing file unless --replace', () => {
    const dir = temp();
    const elyra = (displayName: string, ...more: string[]) =>
      cli(['elyra', '127.0.0.1:5000/alice/x:1', '--display-name', displayName, '--dir', dir, '--name', 'team_x', ...more]);
    expect(elyra('X').code).toBe(0);
    const file = path.join(dir, 'metadata', 'runtime-images', 'team_x.json');

    const again = elyra('X two');
    expect(again.code).toBe(1);
    expect(again.err).toContain(`error: ${file} already exists`);
    expect(again.err).toContain('Pass --replace to replace it');
    expect(JSON.parse(readFileSync(file, 'utf8')).display_name).toBe('X');

    const replaced = elyra('X two', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain(`Replaced ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8')).display_name).toBe('X two');
    expect(readdirSync(path.dirname(file))).toEqual(['team_x.json']);
  });

  it('goes where Elyra reads first when no --dir is given ($JUPYTER_DATA_DIR here)', () => {
    const dir = temp();
    const { code, out } = cli(['elyra', 'alice/x:1', '--display-name', 'x'], { JUPYTER_DATA_DIR: dir, ELYRA_METADATA_PATH: '' });
    expect(code).toBe(0);
    expect(out).toContain(`Wrote ${path.join(dir, 'metadata', 'runtime-images', 'x_image.json')}`);
    expect(out).toContain('$JUPYTER_DATA_DIR');
  });
});

describe('npm run cli -- infer', () => {
  it('prints each package with requirement, confidence and where, the names to decide on, and the findings', () => {
    const { code, out } = cli(['infer', project, '--python', '3.12']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}seaborn +seaborn +high +train\.ipynb cell \d+ line \d+$/m);
    expect(out).toMatch(/^ {2}scikit-learn +scikit-learn==1\.5\.2 +high +\S+ (cell \d+ )?line \d+ \(\+\d+ more\)$/m);
    expect(out).toMatch(
      /^ {2}decide: mysterious-internal-lib \("import mysterious_internal_lib" in explore\.ipynb cell \d+ line \d+\): not in the bundled mapping/m,
    );
    // An import name several distributions install: the recommended one, then the others.
    expect(out).toMatch(/^ {2}opencv-python-headless .*\n(?: {6}note: .*\n)? {6}or: opencv-python, opencv-contrib-python-headless, opencv-contrib-python$/m);
    expect(out).toMatch(/^ {2}corrupt-notebook: broken\.ipynb: .*not valid JSON/m);
    expect(out).toMatch(/^ {2}syntax-error: train\.ipynb cell \d+ line \d+: /m);
  });

  it('reads the helpers one notebook imports and says which line needed each', () => {
    const { code, out } = cli(['infer', `${neighbours}/notebooks/train.ipynb`]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}tensorflow +tensorflow +high +notebooks\/helpers\.py line 4$/m);
    expect(out).toMatch(/^Also read, because the files above use them \(11\):$/m);
    expect(out).toMatch(/^ {2}notebooks\/common\.py {2}← notebooks\/helpers\.py line 5: from common import seed_everything$/m);
  });

  it('prints the InferenceResult with --json', () => {
    const { code, out } = cli(['infer', `${project}/train.ipynb`, `${project}/broken.ipynb`, '--json']);
    expect(code).toBe(0);
    const result = InferenceResult.parse(JSON.parse(out));
    expect(result.packages.map((p) => p.distribution)).toContain('seaborn');
    expect(result.findings.map((f) => f.kind)).toContain('corrupt-notebook');
  });
});

describe('usage errors exit 2 with a specific message', () => {
  it.each([
    [[], 'Usage: npm run cli -- <command>'],
    [['frobnicate'], 'Usage: npm run cli -- <command>'],
    [['elyra', 'alice/x:1'], 'elyra needs --display-name'],
    [['elyra', '--display-name', 'x'], 'elyra needs the image reference'],
    [['elyra', 'Alice/X', '--display-name', 'x'], 'Alice/X is not an image reference'],
    [['elyra', 'alice/x:1', '--display-name', 'x', '--pull-policy', 'Sometimes'], '--pull-policy Sometimes is not one of Always, IfNotPresent, Never.'],
    [['elyra', 'alice/x:1', '--display-name', 'x', '--pull-secret', 'Not_A_Secret'], 'Image pull secret:'],
    [['infer'], 'infer needs notebooks, scripts or folders'],
    [['infer', project, '--python', 'three'], '--python three: write a Python version'],
    [['infer', project, '--colour'], "Unknown option '--colour'"],
    [['try'], 'try needs an image and notebooks, scripts or folders of them'],
    [['try', 'rib/pandas:1'], 'try needs an image and notebooks, scripts or folders of them'],
    [['try', 'rib/pandas:1', project, '--timeout', 'soon'], '--timeout soon: give whole seconds, from 5 to 86400.'],
    [['try', 'rib/pandas:1', project, '--timeout', '2'], '--timeout 2: give whole seconds, from 5 to 86400.'],
    [['push'], 'push needs the local image'],
    [['push', 'rib/pandas:1'], 'push needs --registry <url>'],
    [['push', 'rib/pandas:1', '--registry', 'docker.io'], 'On Docker Hub an image goes under your account or organisation'],
    [['push', 'rib/pandas:1', '--registry', 'quay.io/alice'], 'Enter only the registry, "quay.io"'],
    [['push', 'rib/pandas:1', '--registry', 'quay.io', '--password-stdin'], '--password-stdin needs --username.'],
    [['push', 'rib/pandas:1', '--reference', 'quay.io/alice/pandas:1', '--tag', '2'], '--reference names the whole target'],
    [['push', 'rib/pandas:1', '--reference', 'quay.io/alice/pandas:1', '--registry', 'ghcr.io'], 'is on Quay.io, not on --registry ghcr.io'],
    [['push', 'f0fa5c311daa', '--registry', 'quay.io', '--namespace', 'alice'], 'is an image id: say what to call it with --name'],
  ])('%j', (args, message) => {
    const { code, err, out } = cli(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });
});

describe('npm run cli -- push without a login', () => {
  it('says how to log in, exits 1, and never opens the engine for it', () => {
    const dockerConfig = temp();
    const { code, out, err } = cli(['push', 'rib/pandas:1', '--registry', '127.0.0.1:5999', '--namespace', 'alice'], {
      DOCKER_CONFIG: dockerConfig,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    });
    expect(code).toBe(1);
    expect(out).toContain('==> Pushing rib/pandas:1 to 127.0.0.1:5999/alice/pandas:1');
    expect(err).toContain('error: Docker has no login for 127.0.0.1:5999. Run `docker login 127.0.0.1:5999`');
  });
});

describe('push progress lines', () => {
  function replay(fixture: string, spacingMs: number | null) {
    const recorded = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/push-events', `${fixture}.json`), 'utf8')) as {
      events: { t: number; event: unknown }[];
    };
    const aggregator = createPushAggregator();
    const lines = createPushLines({ startedAtMs: 0 });
    const printed: { t: number; line: string }[] = [];
    let now = 0;
    recorded.events.forEach(({ t, event }, i) => {
      now = spacingMs === null ? t : i * spacingMs;
      const parsed = aggregator.apply(event);
      for (const line of lines.update({ event: parsed, progress: aggregator.snapshot(now) }, now)) printed.push({ t: now, line });
      // The command ticks every second between events.
      for (let tick = Math.floor(now / 1000) * 1000; tick <= now; tick += 1000) for (const line of lines.tick(tick)) printed.push({ t: tick, line });
    });
    return { printed, final: lines.final(aggregator.snapshot(now), now) };
  }

  it('prints one line per layer status change and at most two overall lines a second', () => {
    for (const [fixture, spacing] of [
      ['first-push', null],
      ['many-layers', null],
      ['first-push', 0.2],
    ] as const) {
      const { printed, final } = replay(fixture, spacing);
      const overall = printed.filter((p) => p.line.startsWith('==> '));
      for (let i = 1; i < overall.length; i += 1) expect((overall[i]?.t ?? 0) - (overall[i - 1]?.t ?? 0)).toBeGreaterThanOrEqual(500);
      const layerLines = printed.filter((p) => !p.line.startsWith('==> ')).map((p) => p.line);
      expect(new Set(layerLines).size).toBe(layerLines.length);
      expect(layerLines.some((l) => /^[0-9a-f]{12}: Pushed$/.test(l))).toBe(true);
      expect(layerLines.some((l) => /Pushing/.test(l))).toBe(false);
      expect(final).toMatch(/^==> 100% · .* · (\d+) of \1 layers$/);
    }
  });

  it('on Podman, which sends no layer events, the final line says 100% and the time, and no "0 of 0 layers"', () => {
    const { printed, final } = replay('podman/first-push', null);
    // Recorded: both lines 18.5 s after the request, when the upload was over.
    expect(final).toBe('==> 100% · in 18 s');
    expect(printed.map((p) => p.line).join('\n')).not.toContain('0 of 0 layers');
  });

  it('while an engine says nothing, a line after 3 s and then every 10 s; none once it reports layers', () => {
    const silent = createPushLines({ startedAtMs: 0 });
    const said = [0, 1000, 2000, 3000, 4000, 12_000, 13_000, 14_000].map((t) => silent.tick(t)).map((lines) => lines.join(''));
    expect(said).toEqual([
      '',
      '',
      '',
      '==> Uploading: 3 s so far; this engine reports no progress until the push is done',
      '',
      '',
      '==> Uploading: 13 s so far',
      '',
    ]);

    const docker = createPushLines({ startedAtMs: 0 });
    const aggregator = createPushAggregator();
    const event = aggregator.apply('{"status":"Preparing","progressDetail":{},"id":"f0fa5c311daa"}');
    docker.update({ event, progress: aggregator.snapshot(100) }, 100);
    expect([3000, 13_000, 23_000].flatMap((t) => docker.tick(t))).toEqual([]);
  });

  it('prints the final figures once', () => {
    const lines = createPushLines({ startedAtMs: 0 });
    const aggregator = createPushAggregator();
    for (const [i, line] of recordedLinesOf('first-push').entries()) {
      const event = aggregator.apply(line);
      lines.update({ event, progress: aggregator.snapshot(i * 1000) }, i * 1000);
    }
    const done = aggregator.snapshot(Number.MAX_SAFE_INTEGER);
    expect(lines.final(done, 10_000)).toMatch(/^==> 100% · .* · 1 of 1 layers$/);
    expect(lines.final(done, 10_000)).toBeNull();
  });
});

function recordedLinesOf(fixture: string): string[] {
  const recorded = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/push-events', `${fixture}.json`), 'utf8')) as { events: { event: unknown }[] };
  return recorded.events.map(({ event }) => (typeof event === 'string' ? event : JSON.stringify(event)));
}
