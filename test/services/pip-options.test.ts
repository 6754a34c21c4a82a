// pip's options from a user's requirements file reach pip inside the build, each proven by what pip
// did with it on the real engine and the local index (test/infra/make-wheels.py): --pre picks the
// pre-release, --no-index with --find-links installs from the links alone, --no-binary refuses the
// wheel, --only-binary and --prefer-binary are read (pip stops on an option it does not take).
import type Dockerode from 'dockerode';
import type { Recipe } from '../../electron/contract/domain/recipe';
import { buildImage, type BuildEvent } from '../../electron/services/build';
import { additionsFromParsed, defaultRecipe, planRecipe } from '../../electron/services/recipe';
import { parseRequirements } from '../../electron/services/requirements';
import { runOnce } from '../../electron/services/verify';
import { engineMissingReason, testEngineClient } from '../support/engine-env';

const missing = engineMissingReason();
const env = (name: string): string => process.env[name] ?? '';
const today = new Date();
const run = Date.now().toString(36);
const tags: string[] = [];

function recipeFrom(text: string): Recipe {
  const added = additionsFromParsed(parseRequirements(text, { file: 'requirements.txt' }));
  return {
    ...defaultRecipe(today),
    elyraVersion: 'main',
    pythonVersion: '3.11',
    base: env('RIB_BASE_IMAGE') === 'python:3.11-slim' ? { kind: 'slim' } : { kind: 'custom', image: env('RIB_BASE_IMAGE') },
    // Elyra's pins are not what is tested here: fewer steps.
    preinstallElyraPins: false,
    imageName: `rib-test/pip-options-${run}:1`,
    packages: added.entries,
    installOptions: added.installOptions,
    pre: added.pre,
    index: { indexUrl: added.index.indexUrl ?? env('RIB_INDEX_URL'), extraIndexUrls: [], trustedHosts: ['127.0.0.1'] },
  };
}

async function build(docker: Dockerode, text: string, name: string): Promise<{ tag: string; log: string[] }> {
  const plan = planRecipe(recipeFrom(text), { today, appName: 'Runtime Image Builder', appVersion: '0.0.0-test' });
  expect(plan.canBuild, JSON.stringify(plan.findings)).toBe(true);
  const tag = `rib-test/pip-options-${run}:${name}`;
  tags.push(tag);
  const log: string[] = [];
  await buildImage({ docker, plan, tag, platform: 'linux/amd64', network: 'host', onEvent: (e: BuildEvent) => e.type === 'log' && log.push(e.line) });
  return { tag, log };
}

async function inImage(docker: Dockerode, image: string, script: string): Promise<string> {
  const result = await runOnce({ docker, image, script });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe.skipIf(missing !== null)("pip's options reach pip in the build", () => {
  const docker = testEngineClient();

  afterAll(async () => {
    for (const tag of tags)
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('--pre: pip installs the pre-release; without it, the release', async () => {
    const withPre = await build(docker, '--pre\nribdemo-pre\n', 'pre');
    expect(await inImage(docker, withPre.tag, 'python3 -c "import ribdemo_pre; print(ribdemo_pre.__version__)"')).toBe('2.0.0rc1');
    const without = await build(docker, 'ribdemo-pre\n', 'no-pre');
    expect(await inImage(docker, without.tag, 'python3 -c "import ribdemo_pre; print(ribdemo_pre.__version__)"')).toBe('1.0.0');
  });

  it('--no-index with --find-links: pip installs from the links alone', async () => {
    const links = `${new URL(env('RIB_INDEX_URL')).origin}/packages/`;
    const built = await build(docker, `--no-index\n--find-links ${links}\nribdemo-alpha==1.1.0\n`, 'find-links');
    expect(built.log.join('\n')).toContain(`Looking in links: ${links}`);
    expect(built.log.join('\n')).not.toContain('Looking in indexes');
    expect(await inImage(docker, built.tag, 'cat /tmp/runtime-image-builder/requirements.txt')).toBe(`ribdemo-alpha==1.1.0\n--no-index\n--find-links ${links}`);
  });

  it('--no-binary: pip refuses the only file there is (a wheel), naming the package', async () => {
    const error = await build(docker, '--no-binary ribdemo-alpha\nribdemo-alpha==1.1.0\n', 'no-binary').then(
      () => null,
      (e: unknown) => e,
    );
    // The same line without --no-binary builds (the next test): the refusal is the option's doing.
    expect(error).toMatchObject({ code: 'build-package-not-found' });
    expect(String(error)).toMatch(/ribdemo-alpha/);
  });

  it('--only-binary and --prefer-binary are taken by pip, which stops on any option it does not know', async () => {
    const built = await build(docker, '--only-binary :all:\n--prefer-binary\nribdemo-alpha==1.1.0\n', 'binary');
    expect(await inImage(docker, built.tag, 'python3 -c "import ribdemo_alpha; print(ribdemo_alpha.__version__)"')).toBe('1.1.0');
    expect(await inImage(docker, built.tag, 'tail -n 2 /tmp/runtime-image-builder/requirements.txt')).toBe('--only-binary :all:\n--prefer-binary');
  });
});
