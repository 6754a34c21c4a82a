import type { PackageEntry, Recipe } from '../../contract/domain/recipe';
import { defaultRecipe } from './default-recipe';
import { planRecipe } from './plan-recipe';

const today = new Date('2026-11-25T12:00:00Z');
const options = { today, appName: 'Runtime Image Builder', appVersion: '0.1.0' };

function entries(...lines: string[]): PackageEntry[] {
  return lines.map((text, i) => ({ id: `p${i}`, text, origin: { file: 'requirements.txt', line: i + 1 } }));
}

function recipe(overrides: Partial<Recipe> = {}): Recipe {
  return { ...defaultRecipe(today), imageName: 'alice/tools:1.0', ...overrides };
}

describe('planRecipe', () => {
  it('defaults to the newest maintained Python that Elyra 4.1 supports, on a slim base', () => {
    const plan = planRecipe(recipe(), options);
    expect(plan.offeredPython).toEqual(['3.13', '3.12', '3.11']);
    expect(plan.baseImage).toBe('python:3.13-slim');
    expect(plan.canBuild).toBe(true);
  });

  it('layers the Dockerfile for the cache: curl, then Elyra pins, then the user packages, labels last', () => {
    const plan = planRecipe(recipe({ packages: entries('pandas>=2', 'numpy') }), options);
    const lines = plan.dockerfile.split('\n').filter((l) => /^[A-Z]+ /.test(l));
    const order = lines.map((l) => l.split(' ')[0]);
    expect(order).toEqual(['FROM', 'ENV', 'RUN', 'RUN', 'WORKDIR', 'COPY', 'RUN', 'COPY', 'RUN', 'LABEL']);
    expect(plan.dockerfile).toContain('command -v curl');
    expect(plan.dockerfile.indexOf('requirements-elyra.txt')).toBeLessThan(plan.dockerfile.indexOf('COPY requirements.txt'));
    expect(plan.files.map((f) => f.path)).toEqual(['requirements-elyra.txt', 'requirements.txt']);
    expect(plan.files[1]?.content).toBe('pandas>=2\nnumpy\n');
    expect(plan.stepLabels).toHaveLength(10);
    expect(plan.stepLabels[8]).toBe('installing your packages');
  });

  it('gives the stock bases a working directory group 0 may write to (OpenShift runs a random uid), a custom base keeps its own', () => {
    const stock = planRecipe(recipe({ packages: entries('pandas') }), options);
    expect(stock.dockerfile).toContain(
      'RUN mkdir -p /opt/app-root/src && chgrp -R 0 /opt/app-root/src && chmod -R g=u /opt/app-root/src\nWORKDIR /opt/app-root/src\n',
    );
    const custom = planRecipe(recipe({ base: { kind: 'custom', image: 'registry.access.redhat.com/ubi9/python-312' }, packages: entries('pandas') }), options);
    expect(custom.dockerfile).not.toContain('WORKDIR');
  });

  it('ELYRA_INSTALL_PACKAGES=false: in the image for Elyra 4.1 and main, refused for older Elyra, and warned about without the pins', () => {
    const on = planRecipe(recipe({ elyraInstallPackages: false, packages: entries('pandas') }), options);
    expect(on.canBuild).toBe(true);
    expect(on.installSwitch).toBe(true);
    expect(on.dockerfile).toMatch(/\nENV ELYRA_INSTALL_PACKAGES=false\nLABEL /);
    expect(on.findings.find((f) => f.code === 'install-switch')?.message).toContain('Nodes start without running pip');
    expect(planRecipe(recipe({ packages: entries('pandas') }), options).dockerfile).not.toContain('ELYRA_INSTALL_PACKAGES');

    const old = planRecipe(recipe({ elyraVersion: '4.0', pythonVersion: '3.12', elyraInstallPackages: false, packages: entries('pandas') }), options);
    expect(old.canBuild).toBe(false);
    expect(old.installSwitch).toBe(false);
    expect(old.findings.find((f) => f.code === 'install-switch-unsupported')?.message).toBe(
      "Elyra 4.0 ignores ELYRA_INSTALL_PACKAGES: its nodes install Elyra's packages at every start whatever the image says.",
    );

    const noPins = planRecipe(recipe({ elyraInstallPackages: false, preinstallElyraPins: false, packages: entries('pandas') }), options);
    expect(noPins.canBuild).toBe(true);
    expect(noPins.findings.find((f) => f.code === 'install-switch-without-pins')?.severity).toBe('warning');
  });

  it('leaves Elyra pins out when asked, and says nothing of them in the context', () => {
    const plan = planRecipe(recipe({ preinstallElyraPins: false, packages: entries('pandas') }), options);
    expect(plan.dockerfile).not.toContain('requirements-elyra.txt');
    expect(plan.files.map((f) => f.path)).toEqual(['requirements.txt']);
  });

  it('explains a conflict with Elyra pins, pointing at the line it came from', () => {
    const plan = planRecipe(recipe({ packages: entries('pandas', 'papermill>=3') }), options);
    const conflict = plan.findings.find((f) => f.code === 'elyra-pin-conflict');
    expect(conflict?.message).toBe('papermill>=3 conflicts with papermill==2.6.0 that Elyra 4.1 installs at run time');
    expect(conflict?.where).toBe('line 2 of requirements.txt');
    expect(conflict?.packageId).toBe('p1');
  });

  it('marks a malformed package line with where it came from, and blocks the build', () => {
    const plan = planRecipe(recipe({ packages: entries('pandas', 'numpy=1.0') }), options);
    const bad = plan.findings.find((f) => f.severity === 'error');
    expect(bad?.where).toBe('line 2 of requirements.txt');
    expect(plan.canBuild).toBe(false);
  });

  it('names a package listed twice by the file lines it came from, never by table rows as lines', () => {
    const fromFiles: PackageEntry[] = [
      { id: 'a', text: 'pandas', origin: { file: 'team.txt', line: 4 } },
      { id: 'b', text: 'numpy', origin: { file: null, line: null } },
      { id: 'c', text: 'pandas', origin: { file: 'more.txt', line: 1 } },
    ];
    const twice = planRecipe(recipe({ packages: fromFiles }), options).findings.find((f) => f.code === 'duplicate-requirement');
    expect(twice?.message).toBe('pandas is listed twice: line 4 of team.txt and line 1 of more.txt');
    expect(twice?.where).toBe('line 1 of more.txt');
    expect(twice?.packageId).toBe('c');

    const typed: PackageEntry[] = [
      { id: 'a', text: 'pandas', origin: { file: null, line: null } },
      { id: 'b', text: 'numpy', origin: { file: 'team.txt', line: 7 } },
      { id: 'c', text: 'pandas>=2', origin: { file: null, line: null } },
    ];
    const added = planRecipe(recipe({ packages: typed }), options).findings.find((f) => f.code === 'duplicate-requirement');
    expect(added?.message).toBe('pandas is listed twice: "pandas" (row 1 of the package table) and "pandas>=2" (row 3 of the package table)');
    expect(added?.message).not.toMatch(/\bline [13]\b/);
  });

  it('refuses an end-of-life or unsupported Python with the reason', () => {
    expect(planRecipe(recipe({ pythonVersion: '3.10' }), options).findings.map((f) => f.code)).toContain('python-eol');
    const unsupported = planRecipe(recipe({ pythonVersion: '3.14' }), options).findings.find((f) => f.code === 'python-unsupported');
    expect(unsupported?.message).toMatch(/runs Python 3\.10 to 3\.13, not 3\.14/);
  });

  it('checks the image name by the Docker reference grammar', () => {
    const upper = planRecipe(recipe({ imageName: 'Alice/Tools:1.0' }), options);
    expect(upper.canBuild).toBe(false);
    expect(upper.findings.find((f) => f.field === 'image-name')?.message).toMatch(/lowercase/i);
    expect(planRecipe(recipe({ imageName: 'alice/tools' }), options).findings.map((f) => f.code)).toContain('image-no-tag');
    expect(planRecipe(recipe({ imageName: '' }), options).canBuild).toBe(false);
  });

  it('uses a custom base as written and skips the Python check for it', () => {
    const plan = planRecipe(recipe({ base: { kind: 'custom', image: 'nvidia/cuda:12.4.1-runtime-ubuntu22.04' }, pythonVersion: '3.10' }), options);
    expect(plan.baseImage).toBe('nvidia/cuda:12.4.1-runtime-ubuntu22.04');
    expect(plan.canBuild).toBe(true);
  });

  it('says in the Dockerfile which Python the image runs, in a whole sentence', () => {
    const custom = planRecipe(recipe({ base: { kind: 'custom', image: 'local/python:3' } }), options).dockerfile.split('\n')[0];
    expect(custom).toMatch(/^# Made by .* for Elyra .* on the base image's own Python\.$/);
    const official = planRecipe(recipe({ pythonVersion: '3.11' }), options).dockerfile.split('\n')[0];
    expect(official).toMatch(/^# Made by .* for Elyra .* on Python 3\.11\.$/);
  });

  it('passes index settings as build args, never a password', () => {
    const ok = planRecipe(recipe({ index: { indexUrl: 'http://127.0.0.1:5001/simple', extraIndexUrls: [], trustedHosts: ['127.0.0.1'] } }), options);
    expect(ok.buildArgs).toEqual({ PIP_INDEX_URL: 'http://127.0.0.1:5001/simple', PIP_TRUSTED_HOST: '127.0.0.1' });
    expect(ok.dockerfile).toContain('ARG PIP_INDEX_URL');
    const secret = planRecipe(recipe({ index: { indexUrl: 'https://bob:hunter2@pypi.example.com/simple', extraIndexUrls: [], trustedHosts: [] } }), options);
    expect(secret.canBuild).toBe(false);
    expect(JSON.stringify(secret.buildArgs)).not.toContain('hunter2');
    expect(secret.dockerfile).not.toContain('hunter2');
  });

  it('adds git only when a package comes from a git repository', () => {
    expect(planRecipe(recipe({ packages: entries('pandas') }), options).dockerfile).not.toContain('command -v git');
    expect(planRecipe(recipe({ packages: entries('mylib @ git+https://github.com/o/mylib@v1') }), options).dockerfile).toContain('command -v git');
  });

  it('labels the image so the app can recognize it', () => {
    const plan = planRecipe(recipe({ packages: entries('pandas>=2') }), options);
    expect(plan.labels['io.github.runtime-image-builder.packages']).toBe('["pandas>=2"]');
    expect(plan.dockerfile).toContain('io.github.runtime-image-builder.elyra-version="4.1"');
  });

  it("gives pip a cache mount under BuildKit only, the image's pip settings the same under both builders", () => {
    const classic = planRecipe(recipe({ packages: entries('pandas') }), options);
    const buildkit = planRecipe(recipe({ packages: entries('pandas') }), { ...options, builder: 'buildkit' });
    expect([classic.builder, buildkit.builder]).toEqual(['classic', 'buildkit']);
    const pipSteps = (dockerfile: string) => dockerfile.split('\n').filter((l) => /pip install/.test(l));
    expect(pipSteps(classic.dockerfile)).toEqual([
      'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements-elyra.txt',
      'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt',
    ]);
    expect(pipSteps(buildkit.dockerfile)).toEqual([
      'RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install --cache-dir=/root/.cache/pip -r /tmp/runtime-image-builder/requirements-elyra.txt',
      'RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install --cache-dir=/root/.cache/pip -r /tmp/runtime-image-builder/requirements.txt',
    ]);
    // Same steps, same words: only the two pip lines differ.
    expect(buildkit.stepLabels).toEqual(classic.stepLabels);
    expect(buildkit.dockerfile.replace(/--mount=\S+ | --cache-dir=\S+/g, '')).toBe(classic.dockerfile);
    expect(buildkit.dockerfile).toContain('PIP_NO_CACHE_DIR=1');
  });
});
