import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type Dockerode from 'dockerode';
import type { InferenceResult } from '../../contract/domain/infer';
import type { FileRun, TryNetwork, TryProgress, TryReport } from '../../contract/domain/try';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { imageLookupFailure } from '../engine/engine-connection';
import { inferFromPaths, type PythonParser } from '../infer';
import { labelKeys } from '../recipe/image-labels';
import { ARBITRARY_USER } from '../verify/probe-script';
import { checkImports, importTargets } from './import-check';
import { runFile } from './run-file';

export interface TryImageOptions {
  docker: Dockerode;
  image: string;
  /** Notebooks, scripts and folders of them. */
  paths: readonly string[];
  network: TryNetwork;
  timeoutSeconds: number;
  /** False: the import check only. */
  run: boolean;
  /** Where the executed notebooks, logs and the report go (made when missing). */
  outputDir: string;
  parser?: PythonParser;
  signal?: AbortSignal;
  log?: (line: string) => void;
  progress?: (progress: TryProgress) => void;
  now?: () => number;
}

// Findings of the notebook reading that say a file cannot be tried as it is.
const FILE_FINDINGS = new Set([
  'syntax-error',
  'corrupt-notebook',
  'not-python-notebook',
  'unreadable-file',
  'unsupported-file',
  'file-too-large',
  'too-many-files',
]);

/** The deepest folder holding every file: outputs keep the files' layout under it, so two `analysis.ipynb` never collide. */
export function commonFolder(files: readonly string[]): string {
  const split = files.map((f) => dirname(resolve(f)).split(sep));
  const first = split[0] ?? [];
  let length = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}

async function inspect(docker: Dockerode, image: string): Promise<{ id: string; workdir: string; python: string | null }> {
  try {
    const info = await docker.getImage(image).inspect();
    const labels = info.Config?.Labels ?? {};
    return { id: info.Id, workdir: info.Config?.WorkingDir || '/', python: labels[labelKeys.python] ?? null };
  } catch (error) {
    throw imageLookupFailure(error, image);
  }
}

function notes(inference: InferenceResult): string[] {
  return inference.findings.filter((f) => FILE_FINDINGS.has(f.kind)).map((f) => f.message);
}

const NEVER_NODES = new Set(['__init__.py', '__main__.py', 'setup.py', 'conftest.py']);

/**
 * The files to run: every notebook, and the scripts that are not the notebooks' own modules. A
 * `helpers.py` found in a folder and imported by the other files is code they use, not a pipeline
 * node; a script named on its own is always run.
 */
export function filesToRun(inference: InferenceResult, paths: readonly string[]): { files: InferenceResult['files']; skipped: string[] } {
  const named = new Set(paths.map((p) => resolve(p)));
  const local = new Set(inference.excluded.local);
  const files: InferenceResult['files'] = [];
  const skipped: string[] = [];
  for (const file of inference.files.filter((f) => f.read)) {
    if (file.kind === 'notebook' || named.has(resolve(file.file))) {
      files.push(file);
      continue;
    }
    const parts = resolve(file.file).split(sep);
    const name = parts[parts.length - 1] ?? '';
    const owners = [...paths.map((p) => resolve(p))].filter((p) => resolve(file.file).startsWith(p + sep));
    const within = owners.length > 0 ? relative(owners[0] as string, resolve(file.file)).split(sep) : [name];
    const moduleParts = [...within.slice(0, -1), name.replace(/\.py$/, '')];
    if (NEVER_NODES.has(name) || moduleParts.some((part) => local.has(part))) skipped.push(file.file);
    else files.push(file);
  }
  return { files, skipped };
}

/**
 * Tries an image with the user's notebooks and scripts, the way Elyra runs them: first every
 * import of the files imported inside the image, offline, as the arbitrary user of group 0 an
 * OpenShift cluster runs pods as; then each file run in its own container. Throws AppError
 * `try-nothing-to-run`, `try-output-unwritable`, `try-no-python`, `try-import-check-failed`,
 * `not-found`, `engine-unavailable` or `cancelled`.
 */
export async function tryImage(options: TryImageOptions): Promise<TryReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const log = options.log ?? (() => undefined);
  const image = await inspect(options.docker, options.image);
  // The reading only sorts the standard library out of the imports; the image answers for the rest.
  const pythonVersion = /^3\.\d+$/.test(image.python ?? '') ? (image.python as string) : '3.12';
  const inference = await inferFromPaths(options.paths, { pythonVersion, ...(options.parser ? { parser: options.parser } : {}) });
  const { files, skipped } = filesToRun(inference, options.paths);
  if (files.length === 0) {
    throw new AppError(
      'try-nothing-to-run',
      `There is no notebook (.ipynb) or Python script (.py) to try in ${options.paths.join(', ')}.`,
      notes(inference).join('\n') || undefined,
    );
  }
  try {
    await mkdir(options.outputDir, { recursive: true });
  } catch (error) {
    throw new AppError('try-output-unwritable', `The folder for the results, ${options.outputDir}, could not be made: ${errorMessage(error)}.`);
  }

  const totalSteps = 1 + (options.run ? files.length : 0);
  const targets = importTargets(inference);
  options.progress?.({ kind: 'try', step: 0, totalSteps, label: `importing ${targets.length} module${targets.length === 1 ? '' : 's'} inside the image` });
  log(
    `==> Import check: ${targets.length} module${targets.length === 1 ? '' : 's'} of ${files.length} file${files.length === 1 ? '' : 's'}, offline, as user ${ARBITRARY_USER}`,
  );
  const importCheck = await checkImports({
    docker: options.docker,
    image: image.id,
    user: ARBITRARY_USER,
    targets,
    ...(options.signal ? { signal: options.signal } : {}),
    now,
  });
  for (const item of importCheck.items)
    log(`${item.status === 'ok' ? 'ok  ' : item.optional ? 'opt ' : 'FAIL'} ${item.module}${item.status === 'ok' ? '' : `: ${item.explanation}`}`);

  const runs: FileRun[] = [];
  const root = commonFolder(files.map((f) => f.file));
  if (options.run) {
    for (const [i, summary] of files.entries()) {
      const label = relative(root, summary.file) || summary.file;
      options.progress?.({ kind: 'try', step: i + 1, totalSteps, label: `running ${label}` });
      log(
        `==> Running ${label} ${summary.kind === 'notebook' ? 'with papermill' : 'with python3'} (time limit ${options.timeoutSeconds} s, ${options.network === 'none' ? 'no network' : 'with network'})`,
      );
      const outcome = await runFile({
        docker: options.docker,
        image: image.id,
        workdir: image.workdir,
        file: summary.file,
        kind: summary.kind,
        user: ARBITRARY_USER,
        network: options.network,
        timeoutSeconds: options.timeoutSeconds,
        exclude: [options.outputDir],
        ...(options.signal ? { signal: options.signal } : {}),
        onLine: (line) => log(`   ${line}`),
      });
      let output: string | null = null;
      if (outcome.output) {
        output = join(options.outputDir, dirname(relative(root, resolve(summary.file))), outcome.output.name);
        await mkdir(dirname(output), { recursive: true });
        await writeFile(output, outcome.output.bytes);
      }
      runs.push({ ...outcome.run, output });
      log(`${outcome.run.status === 'passed' ? 'ok  ' : 'FAIL'} ${label}: ${outcome.run.message}`);
    }
  }
  const report: TryReport = {
    image: options.image,
    imageId: image.id,
    network: options.network,
    timeoutSeconds: options.timeoutSeconds,
    user: ARBITRARY_USER,
    outputDir: options.outputDir,
    importCheck,
    files: options.run
      ? runs
      : files.map((f) => ({
          file: f.file,
          kind: f.kind,
          status: 'not-run',
          message: 'Not run: the import check only.',
          durationMs: 0,
          cells: [],
          failedCell: null,
          error: null,
          output: null,
          logTail: [],
          leftOut: null,
        })),
    notes: [
      ...notes(inference),
      ...skipped.map((f) => `${relative(root, f) || f} was not run on its own: the other files import it, so it is their code, not a pipeline node.`),
    ],
    passed: importCheck.passed && runs.every((r) => r.status === 'passed'),
    durationMs: now() - started,
  };
  await writeFile(join(options.outputDir, 'try-report.json'), `${JSON.stringify(report, null, 2)}\n`).catch(() => undefined);
  options.progress?.({ kind: 'try', step: totalSteps, totalSteps, label: report.passed ? 'everything ran' : 'done, with failures' });
  return report;
}
