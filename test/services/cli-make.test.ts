// `npm run cli -- make` against real parts: the test engine (DOCKER_HOST), the shared registry
// (RIB_REGISTRY, htpasswd testuser/testpass), the package index (RIB_INDEX_URL) and the papermill
// base (test/infra/up.sh), made into a base the try can run in (test/support/try-image.ts). One
// command from a requirements file and a notebook to an image in the registry and in Elyra's folder;
// a notebook that fails stops the chain before the push.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineMissingReason, testEngineClient } from '../support/engine-env';
import { MANIFEST_TYPES } from '../support/registry-manifest';
import { buildTryImage } from '../support/try-image';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const missing = engineMissingReason();
const REGISTRY = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const USER = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const PASSWORD = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const INDEX = process.env['RIB_INDEX_URL'] ?? '';
const run = `${Date.now().toString(36)}-${process.pid}`;
const work = mkdtempSync(path.join(tmpdir(), 'rib-cli-make-'));
// Empty, so the developer's own `docker login`s play no part.
const dockerConfig = path.join(work, 'docker');
mkdirSync(dockerConfig);

function notebook(file: string, cells: string[]): string {
  writeFileSync(
    file,
    JSON.stringify({
      cells: cells.map((source, i) => ({ cell_type: 'code', execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source })),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return file;
}

function cli(args: string[], input: string) {
  const started = Date.now();
  // Run from the work folder (the try's results go under ./try-output), with the repository's tsx.
  const tsx = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', tsx, path.join(repo, 'electron/cli/main.ts'), ...args], {
    cwd: work,
    encoding: 'utf8',
    input,
    timeout: 300_000,
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
  });
  return { code: result.status, out: result.stdout, err: result.stderr, ms: Date.now() - started };
}

/** The digest the registry itself has for the tag, asked over its HTTP API. */
async function registryDigest(reference: string): Promise<string | null> {
  const [, repository, tag] = /^[^/]+\/(.+):([^:]+)$/.exec(reference) ?? [];
  const host = REGISTRY.replace(/^localhost:/, '127.0.0.1:');
  const answer = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, Accept: MANIFEST_TYPES },
  });
  return answer.ok ? answer.headers.get('docker-content-digest') : null;
}

describe.skipIf(missing !== null)('npm run cli -- make on the real engine, registry and index', () => {
  const docker = testEngineClient();
  const base = `rib-test/make-base-${run}:1`;
  const made: string[] = [];
  const requirements = path.join(work, 'requirements.txt');
  const elyraDir = path.join(work, 'jupyter');
  // A custom base with papermill and a working directory group 0 may write to: notebooks really run.
  const common = (reference: string) => [
    '--reference',
    reference,
    '--base',
    base,
    '--no-elyra-pins',
    '--allow-system-pip',
    '--index-url',
    INDEX,
    '--trusted-host',
    new URL(INDEX).host,
    '--network',
    'host',
    '--username',
    USER,
    '--password-stdin',
    '--dir',
    elyraDir,
  ];

  beforeAll(async () => {
    expect(INDEX, 'RIB_INDEX_URL (source the test environment)').not.toBe('');
    await buildTryImage(docker, base);
    writeFileSync(requirements, 'ribdemo-alpha==1.1.0\n');
  }, 300_000);

  afterAll(async () => {
    for (const image of [...made, base])
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('goes from a requirements file and a notebook to an image in the registry and in Elyra, step by step', async () => {
    const reference = `${REGISTRY}/cli-test/make:ok-${run}`;
    made.push(reference);
    const analysis = notebook(path.join(work, 'analysis.ipynb'), ['import ribdemo_gamma\nimport ribdemo_alpha\n', 'print("ran", ribdemo_gamma.__name__)\n']);
    const { code, out, err, ms } = cli(['make', requirements, analysis, ...common(reference), '--elyra-name', `Make ${run}`], `${PASSWORD}\n`);
    console.log(`[cli-make] requirements + notebook to Elyra in ${ms} ms`);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The notebook's import joined the packages; the steps ran in order, each said.
    expect(out).toContain('==> From your notebooks: ribdemo-gamma');
    const steps = out.match(/^==> \[\d\/\d\] .*$/gm);
    expect(steps).toEqual(['==> [1/4] Build and check', '==> [2/4] Try your notebooks', '==> [3/4] Push', '==> [4/4] Add to Elyra']);
    expect(out).toMatch(/^==> Try your notebooks: done \(1 file ran, every import\)$/m);
    const digest = /^digest: (sha256:[0-9a-f]{64})$/m.exec(out)?.[1];
    expect(digest).toBeDefined();
    expect(await registryDigest(reference)).toBe(digest);
    // Where the elyra command writes, with the pushed reference and a pull policy for a tag that moves.
    const file = path.join(elyraDir, 'metadata', 'runtime-images', `make_${run}.json`);
    expect(out).toContain(`Wrote ${file}`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { display_name: string; schema_name: string; metadata: Record<string, unknown> };
    expect(json).toMatchObject({ schema_name: 'runtime-image', display_name: `Make ${run}`, metadata: { image_name: reference, pull_policy: 'Always' } });
    expect(json.metadata['description']).toBe('ribdemo-alpha==1.1.0, ribdemo-gamma');
    expect(out).toContain(`==> Ready in Elyra: "Make ${run}" runs ${reference} (${digest})`);
    expect(out).not.toContain(PASSWORD);
    // The try's results are where the CLI's try puts them.
    expect(readdirSync(path.join(work, 'try-output')).some((d) => d.startsWith(`make-ok-${run}`))).toBe(true);
  }, 420_000);

  it('stops at a notebook that fails: exit 1, the step named, nothing pushed, nothing in Elyra', async () => {
    const reference = `${REGISTRY}/cli-test/make:bad-${run}`;
    made.push(reference);
    const broken = notebook(path.join(work, 'broken.ipynb'), ['import ribdemo_alpha\n', 'raise ValueError("cell two fails")\n']);
    const { code, out, err } = cli(['make', requirements, broken, ...common(reference), '--elyra-name', `Bad ${run}`], `${PASSWORD}\n`);
    expect(code, `${out}\n${err}`).toBe(1);
    expect(out).toMatch(/^==> Try your notebooks failed: 1 of 1 file did not run through in .*; the results are in /m);
    expect(out).not.toContain('==> [3/4] Push');
    expect(err).toMatch(/^error: 1 of 1 file did not run through/m);
    expect(err).toContain('  next: See which import or cell failed');
    expect(await registryDigest(reference)).toBeNull();
    expect(existsSync(path.join(elyraDir, 'metadata', 'runtime-images', `bad_${run}.json`))).toBe(false);
    // The built image is kept for the next try.
    expect((await docker.getImage(reference).inspect()).Id).toMatch(/^sha256:/);
  }, 420_000);

  it('refuses a reference that cannot be pushed before building anything, exit 2', () => {
    const { code, err, ms } = cli(['make', requirements, '--reference', `${REGISTRY}/Cli-Test/make:1`], '');
    expect(code).toBe(2);
    expect(err).toContain('error: --reference');
    expect(ms).toBeLessThan(30_000);
  });
});
