import type { CellError, CellResult } from '../../contract/domain/try';
import { isPlainObject } from '../shared/plain-object';

/**
 * What an executed notebook (papermill's output) and a script's log say about the run. Papermill
 * records each code cell's state in `metadata.papermill` (status pending → running → completed or
 * failed, its duration and whether it raised) and, when a cell failed, puts a markdown cell tagged
 * `papermill-error-cell-tag` at the top (papermill 2.x): that cell is not the user's and is not
 * counted, so cell numbers are the user's own.
 */

const ERROR_CELL_TAG = 'papermill-error-cell-tag';
const MAX_TRACEBACK_LINES = 40;
// Terminal colours in IPython's tracebacks.
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function shorten(lines: readonly string[]): string[] {
  if (lines.length <= MAX_TRACEBACK_LINES) return [...lines];
  const half = MAX_TRACEBACK_LINES / 2;
  return [...lines.slice(0, half), `… ${lines.length - MAX_TRACEBACK_LINES} lines left out …`, ...lines.slice(-half)];
}

function tags(cell: Record<string, unknown>): string[] {
  const metadata = isPlainObject(cell.metadata) ? cell.metadata : {};
  return Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : [];
}

function cellError(outputs: unknown): CellError | null {
  if (!Array.isArray(outputs)) return null;
  for (const output of outputs) {
    if (!isPlainObject(output) || output.output_type !== 'error') continue;
    const traceback = Array.isArray(output.traceback) ? output.traceback.filter((l): l is string => typeof l === 'string') : [];
    return {
      name: typeof output.ename === 'string' ? output.ename : 'Error',
      value: typeof output.evalue === 'string' ? stripAnsi(output.evalue) : '',
      // IPython opens a traceback with a rule of dashes: nothing to read there.
      traceback: shorten(traceback.flatMap((l) => stripAnsi(l).split('\n')).filter((l) => !/^-{20,}$/.test(l.trim()))),
    };
  }
  return null;
}

export interface NotebookOutcome {
  cells: CellResult[];
  /** The first cell that failed, or that was running when the run was stopped. */
  failedCell: number | null;
  error: CellError | null;
}

/** The code cells of an executed (or partly executed) notebook; null when it is not a notebook. */
export function readExecutedNotebook(json: string): NotebookOutcome | null {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isPlainObject(document) || !Array.isArray(document.cells)) return null;
  const cells: CellResult[] = [];
  let position = 0;
  for (const raw of document.cells) {
    if (!isPlainObject(raw)) continue;
    if (tags(raw).includes(ERROR_CELL_TAG)) continue;
    position++;
    if (raw.cell_type !== 'code') continue;
    const metadata = isPlainObject(raw.metadata) ? raw.metadata : {};
    const run = isPlainObject(metadata.papermill) ? metadata.papermill : {};
    const error = cellError(raw.outputs);
    const status: CellResult['status'] =
      run.status === 'failed' || run.exception === true || error !== null
        ? 'failed'
        : run.status === 'completed'
          ? 'ok'
          : run.status === 'running'
            ? 'stopped'
            : 'not-run';
    cells.push({
      index: position,
      executionCount: typeof raw.execution_count === 'number' ? raw.execution_count : null,
      status,
      durationSeconds: typeof run.duration === 'number' ? Math.round(run.duration * 1000) / 1000 : null,
      error: status === 'failed' ? error : null,
    });
  }
  const failed = cells.find((c) => c.status === 'failed' || c.status === 'stopped') ?? null;
  return { cells, failedCell: failed?.index ?? null, error: failed?.error ?? null };
}

/** The code cells of the notebook as given, none run: for a run that never reached papermill. */
export function notRunCells(json: string): CellResult[] {
  const outcome = readExecutedNotebook(json);
  return (outcome?.cells ?? []).map((c) => ({ ...c, executionCount: null, status: 'not-run', durationSeconds: null, error: null }));
}

/** The last traceback a script printed: `Traceback (most recent call last):` … `ValueError: boom`. */
export function scriptError(log: string): CellError | null {
  const lines = stripAnsi(log)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  const start = lines.lastIndexOf('Traceback (most recent call last):');
  if (start < 0) return null;
  const block: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    block.push(line);
    // The exception line is the first one after the frames that is not indented.
    if (i > start && line !== '' && !/^\s/.test(line)) break;
  }
  const last = block[block.length - 1] ?? '';
  const match = /^([\w.]+)(?::\s?(.*))?$/.exec(last);
  return { name: match?.[1] ?? 'Error', value: match?.[2] ?? '', traceback: shorten(block) };
}
