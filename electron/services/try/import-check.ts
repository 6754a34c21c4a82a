import type Dockerode from 'dockerode';
import type { InferenceResult } from '../../contract/domain/infer';
import type { ImportCheck, ImportCheckItem, ImportPlace } from '../../contract/domain/try';
import { AppError } from '../../contract/errors';
import { explainImport, failsCheck, type ImportTarget, type RawImport } from './explain-import';
import { IMPORT_MODULES_ENV, IMPORT_PROGRAM, IMPORT_PROGRAM_ENV, IMPORT_SECONDS_ENV, IMPORT_SHELL } from './import-check-script';
import { runContainer } from './run-container';

/** Every module the files import from packages (not the standard library, not their own files), with where. */
export function importTargets(inference: InferenceResult): ImportTarget[] {
  const byModule = new Map<string, ImportTarget & { required: boolean }>();
  for (const pkg of [...inference.packages, ...inference.unknown]) {
    for (const o of pkg.occurrences) {
      if (o.kind === 'pip-install' || o.typeCheckingOnly) continue;
      const place: ImportPlace = { file: o.file, cell: o.cell, line: o.line };
      const known = byModule.get(o.module);
      if (known) {
        known.places.push(place);
        known.required ||= !o.optional;
        known.optional = !known.required;
      } else {
        byModule.set(o.module, { module: o.module, distribution: pkg.distribution, optional: o.optional, required: !o.optional, places: [place] });
      }
    }
  }
  return [...byModule.values()].map(({ required: _required, ...target }) => target).sort((a, b) => a.module.localeCompare(b.module));
}

interface ParsedImports {
  python: string | null;
  answers: Map<string, RawImport>;
  /** A module started and never answered: the interpreter died in it. */
  crashedIn: string | null;
  noPython: boolean;
}

export function parseImportOutput(stdout: string): ParsedImports {
  const answers = new Map<string, RawImport>();
  let python: string | null = null;
  let started: string | null = null;
  let noPython = false;
  for (const line of stdout.split('\n')) {
    // A module's own output may share the line: the marker is searched for, not required at the start.
    const at = line.indexOf('rib:');
    if (at < 0) continue;
    const marker = line.slice(at);
    if (marker.startsWith('rib:python=')) python = marker.slice('rib:python='.length).trim();
    else if (marker.startsWith('rib:no-python3')) noPython = true;
    else if (marker.startsWith('rib:start=')) {
      try {
        started = JSON.parse(marker.slice('rib:start='.length)) as string;
      } catch {
        started = null;
      }
    } else if (marker.startsWith('rib:import=')) {
      try {
        const raw = JSON.parse(marker.slice('rib:import='.length)) as RawImport;
        answers.set(raw.module, raw);
        if (started === raw.module) started = null;
      } catch {
        // A line cut by the output limit: the module counts as unanswered.
      }
    }
  }
  return { python, answers, crashedIn: started, noPython };
}

export interface ImportCheckOptions {
  docker: Dockerode;
  image: string;
  user: string;
  targets: readonly ImportTarget[];
  /** Per import; the whole check gets this times the modules, within bounds. */
  importSeconds?: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** How many times a crashing module may restart the check before the rest is given up. */
const MAX_RESTARTS = 5;

/**
 * Imports every target inside the image, offline, as the given user, and explains each failure.
 * Throws AppError `try-no-python` when the image has no python3 to import with.
 */
export async function checkImports(options: ImportCheckOptions): Promise<ImportCheck> {
  const now = options.now ?? Date.now;
  const started = now();
  const perImport = options.importSeconds ?? 120;
  const answers = new Map<string, RawImport>();
  let python: string | null = null;
  let remaining = options.targets.map((t) => t.module);
  // Once even with nothing to import: the image's Python says its version, or that there is none.
  for (let round = 0; round === 0 || (remaining.length > 0 && round <= MAX_RESTARTS); round++) {
    const run = await runContainer({
      docker: options.docker,
      image: options.image,
      script: IMPORT_SHELL,
      env: [`${IMPORT_PROGRAM_ENV}=${IMPORT_PROGRAM}`, `${IMPORT_MODULES_ENV}=${JSON.stringify(remaining)}`, `${IMPORT_SECONDS_ENV}=${perImport}`],
      user: options.user,
      network: 'none',
      timeoutMs: Math.min(30 * 60_000, 60_000 + perImport * 1000 * Math.min(remaining.length, 10)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const parsed = parseImportOutput(run.stdout);
    if (parsed.noPython) throw new AppError('try-no-python', `The image ${options.image} has no python3 on its PATH, so nothing can be imported or run in it.`);
    if (run.startError !== null)
      throw new AppError('not-found', `The image ${options.image} could not be started for the import check: ${run.startError}`, run.startError);
    python ??= parsed.python;
    for (const [module, raw] of parsed.answers) answers.set(module, raw);
    const culprit = parsed.crashedIn;
    if (culprit !== null) answers.set(culprit, { module: culprit, status: run.timedOut ? 'timeout' : 'crashed', exitCode: run.exitCode, seconds: null });
    const next = remaining.filter((m) => !answers.has(m));
    // No progress at all (Python did not even start the list): stop rather than loop.
    if (remaining.length > 0 && next.length === remaining.length) {
      const why = run.timedOut ? 'the check did not finish in time' : `python3 ended with exit code ${run.exitCode ?? 'unknown'} before importing anything`;
      throw new AppError(
        'try-import-check-failed',
        `The import check could not run in ${options.image}: ${why}.`,
        [run.stdout, run.stderr].join('\n').slice(-4000),
      );
    }
    remaining = next;
  }
  const items: ImportCheckItem[] = options.targets.map((target) =>
    explainImport(target, answers.get(target.module) ?? { module: target.module, status: 'crashed', exitCode: null, seconds: null }),
  );
  return { python, user: options.user, items, passed: !items.some(failsCheck), durationMs: now() - started };
}
