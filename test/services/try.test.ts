// Tries real images with real notebooks, the way Elyra runs them: papermill and ipykernel from the
// Debian trixie test base (test/infra/papermill-image.sh), an image built on it with the app's
// buildImage that holds a stand-in cv2 failing on libGL.so.1 as the real one does on a slim base,
// and the notebooks of test/fixtures/notebooks/try: one that passes (with a helper module, a data
// file and a script beside it), one with a missing module, one with a missing shared library, one
// that raises in cell 3, one that runs too long. No try container may stay behind.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TryReport } from '../../electron/contract/domain/try';
import { createPythonParser, type PythonParser } from '../../electron/services/infer';
import { TRY_CONTAINER_LABEL, tryImage } from '../../electron/services/try';
import { engineMissingReason, testEngineClient } from '../support/engine-env';
import { buildTryImage, PAPERMILL_BASE, TRY_FIXTURES as FIXTURES } from '../support/try-image';

const missing = engineMissingReason();
const run = Date.now().toString(36);

describe.skipIf(missing !== null)('trying images with notebooks, as Elyra runs them', () => {
  const docker = testEngineClient();
  let image: string;
  let parser: PythonParser;
  let out: string;
  let before: Set<string>;

  beforeAll(async () => {
    try {
      await docker.getImage(PAPERMILL_BASE).inspect();
    } catch {
      throw new Error(`The papermill test base ${PAPERMILL_BASE} is not on the engine: run test/infra/up.sh (or test/infra/papermill-image.sh).`);
    }
    parser = await createPythonParser();
    const t0 = Date.now();
    image = await buildTryImage(docker, `rib-test/try-${run}:opencv`);
    console.log(`[try] test image built in ${Date.now() - t0} ms`);
    out = await mkdtemp(join(tmpdir(), 'rib-try-'));
  }, 300_000);

  beforeEach(async () => {
    before = new Set((await docker.listContainers({ all: true })).map((c) => c.Id));
  });

  afterEach(async () => {
    const after = await docker.listContainers({ all: true, filters: { label: [TRY_CONTAINER_LABEL] } });
    expect(after.filter((c) => !before.has(c.Id))).toEqual([]);
  });

  afterAll(async () => {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
    if (out) await rm(out, { recursive: true, force: true });
  });

  const tryIt = (paths: string[], options: { timeoutSeconds?: number; outputDir?: string; image?: string } = {}): Promise<TryReport> =>
    tryImage({
      docker,
      image: options.image ?? image,
      paths,
      network: 'none',
      timeoutSeconds: options.timeoutSeconds ?? 120,
      run: true,
      outputDir: options.outputDir ?? join(out, `t${Math.random().toString(36).slice(2)}`),
      parser,
    });

  it('passes a folder whose notebook and script run: every cell, the helper module and the data file beside it', async () => {
    const outputDir = join(out, 'passes');
    const report = await tryIt([join(FIXTURES, 'passes')], { outputDir });
    console.log(
      `[try] import check ${report.importCheck.durationMs} ms (${report.importCheck.items.length} modules); runs: ${report.files.map((f) => `${f.file.split('/').pop()} ${f.durationMs} ms`).join(', ')}; whole try ${report.durationMs} ms`,
    );
    expect(report.importCheck.items.map((i) => [i.module, i.status, i.distribution])).toEqual([['yaml', 'ok', 'PyYAML']]);
    expect(report.importCheck.python).toMatch(/^3\.\d+\.\d+$/);
    expect(report.files.map((f) => [f.file.split('/').pop(), f.status, f.message])).toEqual([
      ['report.py', 'passed', 'Ran to the end.'],
      ['summary.ipynb', 'passed', 'Ran all 3 code cells.'],
    ]);
    // helpers.py is the notebook's own module, not a node of its own.
    expect(report.notes).toEqual(['helpers.py was not run on its own: the other files import it, so it is their code, not a pipeline node.']);
    const notebook = report.files.find((f) => f.kind === 'notebook');
    expect(notebook?.cells.map((c) => [c.index, c.status])).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'ok'],
    ]);
    expect(report.passed).toBe(true);
    // Saved where the user can open it, under Elyra's name, with the cells' outputs.
    expect(notebook?.output).toBe(join(outputDir, 'summary-output.ipynb'));
    const executed = await readFile(join(outputDir, 'summary-output.ipynb'), 'utf8');
    expect(executed).toContain('[[\\"the\\", 3]');
    expect(await readFile(join(outputDir, 'report.log'), 'utf8')).toMatch(/^python 3\.\d+\.\d+\n$/);
    expect(JSON.parse(await readFile(join(outputDir, 'try-report.json'), 'utf8'))).toMatchObject({ passed: true, user: '1000720000:0', network: 'none' });
  });

  it('names the distribution to add for a missing module, and the cell that fails on it', async () => {
    const report = await tryIt([join(FIXTURES, 'missing-module/train.ipynb')]);
    expect(report.importCheck.items).toEqual([
      expect.objectContaining({
        module: 'sklearn.linear_model',
        status: 'missing-module',
        distribution: 'scikit-learn',
        missingModule: 'sklearn',
        error: "ModuleNotFoundError: No module named 'sklearn'",
        fixes: [{ kind: 'add-distribution', distribution: 'scikit-learn' }],
        places: [{ file: join(FIXTURES, 'missing-module/train.ipynb'), cell: 2, line: 1 }],
      }),
    ]);
    expect(report.importCheck.items[0]?.explanation).toBe('sklearn.linear_model is not in the image: add scikit-learn to the packages.');
    const [file] = report.files;
    expect([file?.status, file?.failedCell, file?.error?.name, file?.error?.value]).toEqual(['failed', 2, 'ModuleNotFoundError', "No module named 'sklearn'"]);
    expect(file?.cells.map((c) => c.status)).toEqual(['ok', 'failed']);
    expect(report.passed).toBe(false);
  });

  it('offers the headless variant or the system package for a missing shared library (libGL.so.1)', async () => {
    const report = await tryIt([join(FIXTURES, 'missing-library/faces.ipynb')]);
    const [cv2] = report.importCheck.items;
    expect(cv2).toMatchObject({
      module: 'cv2',
      status: 'missing-library',
      library: 'libGL.so.1',
      error: 'ImportError: libGL.so.1: cannot open shared object file: No such file or directory',
      fixes: [
        { kind: 'replace-distribution', from: 'opencv-python', to: 'opencv-python-headless' },
        { kind: 'system-package', library: 'libGL.so.1', debianPackage: 'libgl1' },
      ],
    });
    expect(cv2?.explanation).toBe(
      'cv2 (opencv-python) needs the shared library libGL.so.1, which the image does not have: use opencv-python-headless instead of opencv-python (the same module without the display libraries), or add libgl1 to the base image.',
    );
    const [file] = report.files;
    expect([file?.status, file?.failedCell, file?.error?.name]).toEqual(['failed', 1, 'ImportError']);
    expect(file?.message).toBe('Cell 1 raised ImportError: libGL.so.1: cannot open shared object file: No such file or directory.');
  });

  it('shows the cell that raised (cell 3, a markdown cell before it counted) and leaves the rest unrun', async () => {
    const report = await tryIt([join(FIXTURES, 'raises-in-cell-3/clean.ipynb')]);
    const [file] = report.files;
    expect(file?.status).toBe('failed');
    expect(file?.failedCell).toBe(3);
    expect(file?.error).toMatchObject({ name: 'ValueError', value: 'expected 7 rows, got 6' });
    expect(file?.error?.traceback.join('\n')).toContain("raise ValueError(f'expected 7 rows, got {total}')");
    expect(file?.cells.map((c) => [c.index, c.status])).toEqual([
      [1, 'ok'],
      [3, 'failed'],
      [4, 'not-run'],
    ]);
    expect(file?.message).toBe('Cell 3 raised ValueError: expected 7 rows, got 6.');
    // The executed notebook is kept, error and all, as Elyra keeps it.
    const saved = JSON.parse(await readFile(file?.output ?? '', 'utf8')) as { cells: { outputs?: { output_type: string }[] }[] };
    expect(saved.cells.some((c) => c.outputs?.some((o) => o.output_type === 'error'))).toBe(true);
  });

  it('stops a notebook at the time limit and says which cell was running', async () => {
    const started = Date.now();
    const report = await tryIt([join(FIXTURES, 'runs-too-long/wait.ipynb')], { timeoutSeconds: 20 });
    const took = Date.now() - started;
    const [file] = report.files;
    expect(file?.status).toBe('timed-out');
    expect(file?.failedCell).toBe(2);
    expect(file?.cells.map((c) => [c.index, c.status])).toEqual([
      [1, 'ok'],
      [2, 'stopped'],
      [3, 'not-run'],
    ]);
    expect(file?.message).toBe('Stopped at the time limit of 20 s, in cell 2.');
    expect(took).toBeLessThan(60_000);
    expect(file?.output).not.toBeNull();
  });

  it('says why nothing runs in a base whose working directory the arbitrary user cannot write', async () => {
    const report = await tryIt([join(FIXTURES, 'raises-in-cell-3/clean.ipynb')], { image: PAPERMILL_BASE });
    const [file] = report.files;
    expect(file?.status).toBe('could-not-start');
    expect(file?.message).toBe(
      "The working directory / is not writable by user 1000720000:0: Elyra's node cannot make jupyter-work-dir there. Build with a working directory group 0 may write to.",
    );
    expect(file?.cells.every((c) => c.status === 'not-run')).toBe(true);
  });
});
