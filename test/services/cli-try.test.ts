// `npm run cli -- try` on the real test engine with the papermill test base (test/infra/up.sh):
// exit 0 on notebooks that run, exit 1 with the missing module, the missing library and the
// failing cell named on the ones that do not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineMissingReason, testEngineClient } from '../support/engine-env';
import { buildTryImage, TRY_FIXTURES } from '../support/try-image';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const missing = engineMissingReason();
const out = mkdtempSync(path.join(tmpdir(), 'rib-cli-try-'));
const fixture = (name: string) => path.relative(repo, path.join(TRY_FIXTURES, name));

function cli(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: repo, encoding: 'utf8', timeout: 170_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe.skipIf(missing !== null)('npm run cli -- try', () => {
  const docker = testEngineClient();
  const image = `rib-test/cli-try-${Date.now().toString(36)}:1`;

  beforeAll(async () => {
    await buildTryImage(docker, image);
  }, 300_000);

  afterAll(async () => {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(out, { recursive: true, force: true });
  });

  it('exits 0 when every import and every run passes, and says where the results are', () => {
    const dir = path.join(out, 'good');
    const { code, out: stdout, err } = cli(['try', image, fixture('passes'), '--out', dir]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Imports (Python 3.');
    expect(stdout).toContain(': 1 of 1 import.');
    expect(stdout).toContain(`ok   ${fixture('passes/summary.ipynb')}: Ran all 3 code cells.`);
    expect(stdout).toContain(`ok   ${fixture('passes/report.py')}: Ran to the end.`);
    expect(stdout).toContain(`==> Everything ran in ${image}; results in ${dir}`);
    expect(existsSync(path.join(dir, 'summary-output.ipynb'))).toBe(true);
  });

  it('exits 1 naming the missing module, the missing library and the failing cell, each with its fix', () => {
    const dir = path.join(out, 'bad');
    const { code, out: stdout } = cli([
      'try',
      image,
      fixture('missing-module'),
      fixture('missing-library/faces.ipynb'),
      fixture('raises-in-cell-3/clean.ipynb'),
      '--out',
      dir,
      '--timeout',
      '60',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `FAIL sklearn.linear_model (${fixture('missing-module/train.ipynb')} cell 2 line 1): ModuleNotFoundError: No module named 'sklearn'`,
    );
    expect(stdout).toContain('     fix: add scikit-learn to the packages');
    expect(stdout).toContain(
      `FAIL cv2 (${fixture('missing-library/faces.ipynb')} cell 1 line 1): ImportError: libGL.so.1: cannot open shared object file: No such file or directory`,
    );
    expect(stdout).toContain('     fix: replace opencv-python with opencv-python-headless');
    expect(stdout).toContain('     fix: install libgl1 in the base (it has libGL.so.1)');
    expect(stdout).toContain(`FAIL ${fixture('raises-in-cell-3/clean.ipynb')}: Cell 3 raised ValueError: expected 7 rows, got 6.`);
    expect(stdout).toContain('     | ValueError: expected 7 rows, got 6');
    expect(stdout).toContain(`==> Not everything ran in ${image}`);
  });

  it('--imports-only runs nothing: the import check alone, quick', () => {
    const { code, out: stdout } = cli(['try', image, fixture('missing-library'), '--imports-only', '--out', path.join(out, 'imports')]);
    expect(code).toBe(1);
    expect(stdout).toContain(`--   ${fixture('missing-library/faces.ipynb')}: Not run: the import check only.`);
    expect(stdout).not.toContain('with papermill');
  });

  it('an image that is not there: exit 1 with the way forward', () => {
    const { code, err } = cli(['try', 'rib-test/no-such-image:0', fixture('passes'), '--out', path.join(out, 'none')]);
    expect(code).toBe(1);
    expect(err).toContain('error: There is no image rib-test/no-such-image:0 on this engine.');
    expect(err).toContain('  next: ');
  });
});
