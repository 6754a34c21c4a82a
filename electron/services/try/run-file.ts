import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, posix } from 'node:path';
import type Dockerode from 'dockerode';
import type { CellError, FileRun, TryNetwork } from '../../contract/domain/try';
import { readContainerFile, runContainer } from './run-container';
import { RUN_PROGRAM, RUN_SHELL } from './run-program';
import { notRunCells, readExecutedNotebook, scriptError, stripAnsi } from './run-results';
import { collectWorkFolder, runBundle, workArchive } from './work-archive';

/** An executed notebook keeps its outputs (plots, tables); beyond this it is not brought back. */
const MAX_OUTPUT_BYTES = 200 * 1024 * 1024;
const LOG_TAIL_LINES = 30;

export interface RunFileOptions {
  docker: Dockerode;
  /** The image id, so every run uses the same image even if the tag moves meanwhile. */
  image: string;
  /** The image's working directory ('/' when it sets none). */
  workdir: string;
  file: string;
  kind: 'notebook' | 'script';
  user: string;
  network: TryNetwork;
  timeoutSeconds: number;
  /** Folders not to send with the run (the try's output folder). */
  exclude: readonly string[];
  signal?: AbortSignal;
  /** Each finished line the run prints. */
  onLine?: (line: string) => void;
}

export interface FileRunOutcome {
  run: Omit<FileRun, 'output'>;
  /** The executed notebook or the script's log, as the run left it; null when there is none. */
  output: { name: string; bytes: Buffer } | null;
}

interface Markers {
  stage: string | null;
  error: string | null;
  warnings: string[];
  exit: number | null;
}

function readMarkers(stdout: string): Markers {
  const markers: Markers = { stage: null, error: null, warnings: [], exit: null };
  for (const line of stdout.split('\n')) {
    const match = /rib:(stage|error|warning|exit)=(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2] ?? '';
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // The shell's own markers are bare words.
    }
    if (match[1] === 'stage' && typeof value === 'string') markers.stage = value;
    else if (match[1] === 'error' && typeof value === 'string') markers.error = value;
    else if (match[1] === 'warning' && typeof value === 'string') markers.warnings.push(value);
    else if (match[1] === 'exit' && typeof value === 'number') markers.exit = value;
  }
  return markers;
}

/** tqdm's progress bar redraws with carriage returns: only its last state is a line worth keeping. */
export function outputLines(text: string): string[] {
  return stripAnsi(text)
    .split('\n')
    .map(
      (line) =>
        line
          .split('\r')
          .filter((part) => part.trim() !== '')
          .pop() ?? '',
    )
    .filter((line) => line.trim() !== '' && !line.includes('rib:'));
}

/** Splits streamed output into finished lines. */
export function lineSplitter(onLine: (line: string) => void): { push(text: string): void; flush(): void } {
  let pending = '';
  return {
    push(text) {
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of outputLines(parts.join('\n'))) onLine(line);
    },
    flush() {
      for (const line of outputLines(pending)) onLine(line);
      pending = '';
    },
  };
}

function outputName(file: string, kind: 'notebook' | 'script'): string {
  const stem = basename(file, extname(file));
  return kind === 'notebook' ? `${stem}-output.ipynb` : `${stem}.log`;
}

function couldNotStart(stage: string | null, markers: Markers, workdir: string, user: string): string | null {
  switch (stage) {
    case 'no-workdir':
      return `The working directory ${workdir} is not writable by user ${user}: Elyra's node cannot make jupyter-work-dir there. Build with a working directory group 0 may write to.`;
    case 'no-unpack':
      return "tar could not unpack the files in the working directory: Elyra unpacks every node's files with tar, so the image needs it.";
    case 'no-python3':
      return 'The image has no python3 on its PATH.';
    case 'no-papermill':
      return `papermill cannot run in the image (${markers.error ?? 'not installed'}). Elyra installs papermill with its pins when a node starts, over the network, unless ELYRA_INSTALL_PACKAGES=false; add Elyra's packages to the image to run notebooks without it.`;
    case 'unreadable':
      return `The notebook could not be read: ${markers.error ?? 'unknown error'}.`;
    case 'papermill-error':
      return `papermill could not run the notebook: ${markers.error ?? 'unknown error'}.`;
    default:
      return null;
  }
}

/**
 * Runs one notebook with papermill, or one script with python3, in a fresh container the way
 * Elyra's node does, with the file's folder as its files; brings back the executed notebook (or
 * the log) even when the time limit stopped it.
 */
export async function runFile(options: RunFileOptions): Promise<FileRunOutcome> {
  const { file, kind } = options;
  const folder = dirname(file);
  const work = await collectWorkFolder(folder, { exclude: options.exclude });
  const name = basename(file);
  if (!work.files.some((f) => f.path === name)) work.files.push({ path: name, absolute: file, size: 0 });
  const bundle = await runBundle({ work: await workArchive(work), runner: RUN_PROGRAM });
  const output = outputName(file, kind);
  let outputBytes: Buffer | null = null;
  const lines = options.onLine ? lineSplitter(options.onLine) : null;
  const run = await runContainer({
    docker: options.docker,
    image: options.image,
    script: RUN_SHELL,
    env: [`RIB_TRY_KIND=${kind}`, `RIB_TRY_FILE=${name}`, `RIB_TRY_OUTPUT=${output}`],
    user: options.user,
    network: options.network,
    timeoutMs: options.timeoutSeconds * 1000,
    files: { path: '/tmp', tar: bundle },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(lines ? { onOutput: (text: string) => lines.push(text) } : {}),
    collect: async (container) => {
      outputBytes = await readContainerFile(container, posix.join(options.workdir, 'jupyter-work-dir', output), MAX_OUTPUT_BYTES);
    },
  });
  lines?.flush();
  const markers = readMarkers(run.stdout);
  const logTail = [...markers.warnings, ...outputLines(`${run.stdout}\n${run.stderr}`)].slice(-LOG_TAIL_LINES);
  const saved = outputBytes as Buffer | null;
  const base = { file, kind, durationMs: run.durationMs, logTail, leftOut: work.leftOut };

  const startProblem = run.startError ?? couldNotStart(markers.stage, markers, options.workdir, options.user);
  if (startProblem !== null && !run.timedOut) {
    const source = kind === 'notebook' ? await readFile(file, 'utf8').catch(() => '') : '';
    return {
      run: { ...base, status: 'could-not-start', message: startProblem, cells: notRunCells(source), failedCell: null, error: null },
      output: saved ? { name: output, bytes: saved } : null,
    };
  }

  if (kind === 'script') {
    const log = saved ? saved.toString('utf8') : run.stdout;
    const error: CellError | null = run.exitCode === 0 ? null : scriptError(log);
    const status = run.timedOut ? 'timed-out' : run.exitCode === 0 ? 'passed' : 'failed';
    const message = run.timedOut
      ? `Stopped at the time limit of ${options.timeoutSeconds} s.`
      : run.exitCode === 0
        ? 'Ran to the end.'
        : `Ended with exit code ${run.exitCode ?? 'unknown'}${error ? `: ${error.name}${error.value ? `: ${error.value}` : ''}` : ''}.`;
    return { run: { ...base, status, message, cells: [], failedCell: null, error }, output: saved ? { name: output, bytes: saved } : null };
  }

  const outcome = saved ? readExecutedNotebook(saved.toString('utf8')) : null;
  const cells = outcome?.cells ?? notRunCells(await readFile(file, 'utf8').catch(() => ''));
  const failedCell = outcome?.failedCell ?? null;
  const error = outcome?.error ?? null;
  let status: FileRun['status'];
  let message: string;
  if (run.timedOut) {
    status = 'timed-out';
    message =
      failedCell !== null
        ? `Stopped at the time limit of ${options.timeoutSeconds} s, in cell ${failedCell}.`
        : `Stopped at the time limit of ${options.timeoutSeconds} s, before a cell ran (the kernel may not have started).`;
  } else if (run.exitCode === 0) {
    status = 'passed';
    message = `Ran all ${cells.length} code cell${cells.length === 1 ? '' : 's'}.`;
  } else {
    status = 'failed';
    message =
      failedCell !== null
        ? `Cell ${failedCell} raised ${error ? `${error.name}${error.value ? `: ${error.value}` : ''}` : 'an error'}.`
        : `papermill ended with exit code ${run.exitCode ?? 'unknown'}.`;
  }
  return { run: { ...base, status, message, cells, failedCell, error }, output: saved ? { name: output, bytes: saved } : null };
}
