// Runs real images once the way Elyra does (sh -c, CMD and ENTRYPOINT replaced) and checks the
// checklist: the test bases from test/infra/up.sh (a good one, a PEP 668 one, one without curl),
// images built here without Elyra's pins, with an ENTRYPOINT, and without a shell. No check
// container may stay behind, whatever happens.
import { spawnSync } from 'node:child_process';
import type Dockerode from 'dockerode';
import type { CheckId, CheckItem, VerifyReport } from '../../electron/contract/domain/verify';
import type { Recipe, RecipePlan } from '../../electron/contract/domain/recipe';
import { AppError } from '../../electron/contract/errors';
import { buildImage } from '../../electron/services/build';
import { analyzeImageSize } from '../../electron/services/image-size';
import { defaultRecipe, planRecipe } from '../../electron/services/recipe';
import { elyraRelease } from '../../electron/services/elyra-data';
import { runOnce, VERIFY_CONTAINER_LABEL, verifyImage } from '../../electron/services/verify';
import { engineMissingReason, testEngineClient } from '../support/engine-env';

const missing = engineMissingReason();
const env = (name: string): string => process.env[name] ?? '';
const today = new Date();
const run = Date.now().toString(36);
const tags: string[] = [];

const client = testEngineClient;

function item(report: VerifyReport, id: CheckId): CheckItem {
  const found = report.items.find((i) => i.id === id);
  if (!found) throw new Error(`no ${id} item`);
  return found;
}

function statuses(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.items.map((i) => [i.id, i.status]));
}

async function build(docker: Dockerode, p: Pick<RecipePlan, 'dockerfile' | 'files' | 'buildArgs'>, name: string): Promise<string> {
  const tag = `rib-test/verify-${run}:${name}`;
  tags.push(tag);
  await buildImage({ docker, plan: p, tag, platform: 'linux/amd64', network: 'host' });
  return tag;
}

describe.skipIf(missing !== null)('verifying images on the real engine', () => {
  const docker = client();
  let before: Set<string>;

  beforeEach(async () => {
    before = new Set((await docker.listContainers({ all: true })).map((c) => c.Id));
  });

  afterEach(async () => {
    // Nothing new may stay behind, and no check container at all.
    const after = await docker.listContainers({ all: true });
    expect(after.filter((c) => !before.has(c.Id) && c.Labels?.[VERIFY_CONTAINER_LABEL] !== undefined)).toEqual([]);
    expect(await docker.listContainers({ all: true, filters: { label: [VERIFY_CONTAINER_LABEL] } })).toEqual([]);
  });

  afterAll(async () => {
    for (const tag of tags)
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('passes the official-style base on everything but the pins it does not have', async () => {
    const report = await verifyImage({ docker, image: env('RIB_BASE_IMAGE'), elyraVersion: 'main', today });
    expect(statuses(report)).toEqual({
      sh: 'pass',
      python3: 'pass',
      pip: 'pass',
      curl: 'pass',
      'pip-can-install': 'pass',
      'elyra-pins': 'warn',
      'pip-check': 'pass',
      workdir: 'pass',
      tar: 'pass',
      // No ipykernel in the base: Elyra installs it at node start.
      kernel: 'warn',
      // The working dir is / , which a random uid cannot write to.
      'arbitrary-user': 'warn',
      entrypoint: 'pass',
    });
    expect(item(report, 'arbitrary-user').detail).toMatch(/^As user 1000720000:0 .*, \/ is not writable/);
    expect(item(report, 'entrypoint').detail).toContain('CMD ["python3"] is replaced at run time');
    expect(item(report, 'elyra-pins').detail).toMatch(/^At run time, in every pipeline node: installed at each node start \(missing\): ipykernel 6\.31\.0, /);
    console.log(`[verify] base image checked in ${report.durationMs} ms`);
  });

  it('fails an externally managed Python (PEP 668) and offers the recipe fix', async () => {
    const report = await verifyImage({ docker, image: env('RIB_BASE_IMAGE_MANAGED'), elyraVersion: 'main', today });
    const pep668 = item(report, 'pip-can-install');
    expect(pep668.status).toBe('fail');
    expect(pep668.detail).toMatch(/externally managed.*EXTERNALLY-MANAGED is there/);
    expect(pep668.fix).toContain('PIP_BREAK_SYSTEM_PACKAGES=1');
    // Elyra would have to install its pins, and cannot.
    expect(item(report, 'elyra-pins').status).toBe('fail');
    expect(report.status).toBe('fail');
  });

  it('passes the same PEP 668 base once the recipe allows system pip', async () => {
    const recipe: Recipe = {
      ...defaultRecipe(today),
      pythonVersion: '3.11',
      base: { kind: 'custom', image: env('RIB_BASE_IMAGE_MANAGED') },
      imageName: 'rib-test/x:1',
      preinstallElyraPins: false,
      allowSystemPip: true,
    };
    const p = planRecipe(recipe, { today, appName: 'Runtime Image Builder', appVersion: '0.0.0-test' });
    const tag = await build(docker, p, 'managed-allowed');
    const report = await verifyImage({ docker, image: tag, elyraVersion: 'main', today });
    expect(item(report, 'pip-can-install')).toMatchObject({ status: 'pass' });
    expect(item(report, 'pip-can-install').detail).toContain('PIP_BREAK_SYSTEM_PACKAGES=1');
  });

  it('fails an image without curl', async () => {
    const report = await verifyImage({ docker, image: env('RIB_BASE_IMAGE_NOCURL'), elyraVersion: 'main', today });
    expect(item(report, 'curl')).toMatchObject({ status: 'fail' });
    expect(item(report, 'curl').detail).toMatch(/no curl on PATH/);
    expect(item(report, 'python3').status).toBe('pass');
  });

  it("warns that an image built without Elyra's pins installs them at run time, and can check that they would install", async () => {
    const recipe: Recipe = {
      ...defaultRecipe(today),
      pythonVersion: '3.11',
      base: env('RIB_BASE_IMAGE') === 'python:3.11-slim' ? { kind: 'slim' } : { kind: 'custom', image: env('RIB_BASE_IMAGE') },
      imageName: 'rib-test/x:1',
      preinstallElyraPins: false,
      packages: [{ id: 'a', text: 'ribdemo-gamma[fast]', origin: { file: null, line: null } }],
      index: { indexUrl: env('RIB_INDEX_URL'), extraIndexUrls: [], trustedHosts: ['127.0.0.1'] },
    };
    const tag = await build(docker, planRecipe(recipe, { today, appName: 'Runtime Image Builder', appVersion: '0.0.0-test' }), 'no-pins');
    const report = await verifyImage({ docker, image: tag, elyraVersion: 'main', today });
    expect(statuses(report)).toMatchObject({
      python3: 'pass',
      pip: 'pass',
      curl: 'pass',
      'pip-can-install': 'pass',
      'elyra-pins': 'warn',
      'pip-check': 'pass',
    });
    expect(report.pins.filter((p) => p.state !== 'missing')).toEqual([]);

    const checked = await verifyImage({
      docker,
      image: tag,
      elyraVersion: 'main',
      today,
      network: 'host',
      pinInstallCheck: { env: { PIP_INDEX_URL: env('RIB_INDEX_URL'), PIP_TRUSTED_HOST: '127.0.0.1' } },
    });
    expect(item(checked, 'elyra-pins')).toMatchObject({ status: 'warn' });
    expect(item(checked, 'elyra-pins').detail).toContain('pip checked that they install.');

    const size = await analyzeImageSize({ docker, image: tag, packages: report.largestPackages });
    expect(size.parts.find((p) => p.part === 'elyra')?.sizeBytes).toBe(0);
    expect(size.parts.find((p) => p.part === 'user')?.sizeBytes).toBeGreaterThan(0);
  });

  it('reports a newer jupyter_client as downgraded at each node start, in the report and in the CLI', async () => {
    // A METADATA file is all pip freeze needs: it prints jupyter_client==99.0.0, spelled as the
    // project spells it, while Elyra's list says jupyter-client.
    const fake = String.raw`import os, sysconfig; d = os.path.join(sysconfig.get_paths()["purelib"], "jupyter_client-99.0.0.dist-info"); os.makedirs(d); open(os.path.join(d, "METADATA"), "w").write("Metadata-Version: 2.1\nName: jupyter_client\nVersion: 99.0.0\n")`;
    const tag = await build(docker, { dockerfile: `FROM ${env('RIB_BASE_IMAGE')}\nRUN python3 -c '${fake}'\n`, files: [], buildArgs: {} }, 'newer-client');
    const report = await verifyImage({ docker, image: tag, elyraVersion: '4.1', today });
    expect(report.pins.find((p) => p.name === 'jupyter-client')).toMatchObject({
      state: 'downgraded',
      installed: '99.0.0',
      freezeName: 'jupyter_client',
      pin: '7.4.9',
    });
    expect(item(report, 'elyra-pins')).toMatchObject({ status: 'warn' });
    expect(item(report, 'elyra-pins').detail).toContain('DOWNGRADED at each node start: jupyter_client 99.0.0 to 7.4.9');

    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'verify', tag, '--elyra', '4.1'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('downgraded jupyter_client 99.0.0 is DOWNGRADED to 7.4.9 at each node start: pip freeze spells it jupyter_client');
    expect(cli.stdout).toContain('==> Elyra can run this image, with the warnings above');
  });

  it('offers ELYRA_INSTALL_PACKAGES=false for Elyra 4.1 when pip freeze shows every pin exactly', async () => {
    // METADATA files for every 4.1 pin at its version; jupyter_client spelled as its project does.
    const dists = elyraRelease('4.1').pins.map((p) => [p.name === 'jupyter-client' ? 'jupyter_client' : p.name, p.version]);
    const fake = String.raw`import json, os, sys, sysconfig; p = sysconfig.get_paths()["purelib"]; [(os.makedirs(os.path.join(p, n.replace("-", "_") + "-" + v + ".dist-info")), open(os.path.join(p, n.replace("-", "_") + "-" + v + ".dist-info", "METADATA"), "w").write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (n, v))) for n, v in json.loads(sys.argv[1])]`;
    const tag = await build(
      docker,
      { dockerfile: `FROM ${env('RIB_BASE_IMAGE')}\nRUN python3 -c '${fake}' '${JSON.stringify(dists)}'\n`, files: [], buildArgs: {} },
      'exact-41',
    );
    const report = await verifyImage({ docker, image: tag, elyraVersion: '4.1', today });
    expect(report.pins.find((p) => p.name === 'jupyter-client')?.state).toBe('respelled');
    expect(report.pins.every((p) => p.state === 'ok' || p.state === 'respelled')).toBe(true);
    expect(item(report, 'elyra-pins')).toMatchObject({ status: 'pass' });
    expect(item(report, 'elyra-pins').detail).toContain('set ELYRA_INSTALL_PACKAGES=false in the image');
  });

  it('notes an ENTRYPOINT that Elyra skips, and still checks the image', async () => {
    const tag = await build(
      docker,
      { dockerfile: `FROM ${env('RIB_BASE_IMAGE')}\nENTRYPOINT ["/bin/false"]\nCMD ["--never"]\n`, files: [], buildArgs: {} },
      'entrypoint',
    );
    const report = await verifyImage({ docker, image: tag, elyraVersion: 'main', today });
    expect(item(report, 'entrypoint')).toMatchObject({ status: 'warn' });
    expect(item(report, 'entrypoint').detail).toBe(
      'The image\'s ENTRYPOINT ["/bin/false"] and CMD ["--never"] will not run: Elyra replaces both with its own sh -c command.',
    );
    expect(item(report, 'python3').status).toBe('pass');
  });

  it('fails an image without a shell, and still removes its container', async () => {
    const tag = await build(
      docker,
      { dockerfile: 'FROM scratch\nCOPY note.txt /note.txt\n', files: [{ path: 'note.txt', content: 'no shell here\n' }], buildArgs: {} },
      'no-shell',
    );
    const report = await verifyImage({ docker, image: tag, elyraVersion: 'main', today });
    expect(item(report, 'sh')).toMatchObject({ status: 'fail' });
    expect(item(report, 'sh').detail).toMatch(/could not run sh -c/);
    expect(item(report, 'python3').status).toBe('fail');
    expect(report.status).toBe('fail');
  });

  it('stops a check that runs too long, and removes its container', async () => {
    const started = Date.now();
    const error = await runOnce({ docker, image: env('RIB_BASE_IMAGE'), script: 'echo going; sleep 60', timeoutMs: 1000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('verify-timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops a check when cancelled, and removes its container', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const error = await runOnce({ docker, image: env('RIB_BASE_IMAGE'), script: 'sleep 60', signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as AppError).code).toBe('cancelled');
  });

  it('captures stdout and stderr apart, with the exit code', async () => {
    const result = await runOnce({ docker, image: env('RIB_BASE_IMAGE'), script: 'echo out; echo err >&2; exit 3' });
    expect(result).toEqual({ exitCode: 3, startError: null, stdout: 'out\n', stderr: 'err\n' });
  });
});
