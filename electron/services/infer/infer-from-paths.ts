import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import type { InferenceResult, ReadBecause } from '../../contract/domain/infer';
import { errorMessage } from '../docker-config/file-access';
import { confirmInference } from './confirm-inference';
import { guessDistribution } from './distribution-mapping';
import { InferenceCollector, type FileReport } from './inference-collector';
import type { InferOptions } from './infer-from-sources';
import { LocalModuleFinder } from './local-modules';
import type { FetchFunction } from './package-index';
import { createPythonParser } from './python-parser';
import { collectSourceFiles, MAX_FILES } from './source-files';

export interface InferFromPathsOptions extends InferOptions {
  /** A PEP 503 simple index to confirm names with; none means no network at all. */
  indexUrl?: string;
  fetch?: FetchFunction;
  indexTimeoutMs?: number;
  /** Where the search for a project root stops (defaults to the user's home folder). */
  homeDir?: string;
}

// Generous for notebooks (outputs make them big, and they are read in well under a second per
// 50 MB); a multi-megabyte .py file is generated data, not code someone imports from.
const MAX_NOTEBOOK_BYTES = 400 * 1024 * 1024;
const MAX_SCRIPT_BYTES = 10 * 1024 * 1024;

interface QueuedFile {
  path: string;
  /** The folders its imports are looked up in: those of the file the user gave that led here. */
  searchPath: readonly string[];
  via: ReadBecause | null;
}

/**
 * Reads notebooks, scripts and folders of them from disk, one file at a time, and then the
 * user's own modules they import and the files they `%run`, transitively: a helper beside the
 * notebook that imports torch makes torch a package of the notebook.
 */
export async function inferFromPaths(paths: readonly string[], options: InferFromPathsOptions): Promise<InferenceResult> {
  const sources = await collectSourceFiles(paths);
  const parser = options.parser ?? (await createPythonParser(options));
  const collector = new InferenceCollector(parser, {
    pythonVersion: options.pythonVersion,
    localModules: [...sources.localModules, ...(options.localModules ?? [])],
  });
  for (const problem of sources.problems) collector.addFinding(problem.kind, problem.path, null, null, problem.message);

  const finder = new LocalModuleFinder(options.homeDir === undefined ? {} : { home: options.homeDir });
  const queue: QueuedFile[] = [];
  const queued = new Set<string>();
  const enqueue = (path: string, searchPath: readonly string[], via: ReadBecause | null): void => {
    const key = resolve(path);
    if (queued.has(key)) return;
    queued.add(key);
    queue.push({ path, searchPath, via });
  };
  for (const file of sources.files) enqueue(file, await finder.searchPath(file), null);

  let neighboursSkipped = 0;
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const content = await readSource(item.path, collector);
    if (content === null) continue;
    const report = collector.addFile(item.path, content, item.via);
    const found = await findNeighbours(report, item, finder, collector);
    for (const next of found) {
      if (queued.size >= MAX_FILES) neighboursSkipped++;
      else enqueue(next.path, item.searchPath, next.via);
    }
  }
  if (neighboursSkipped > 0) {
    collector.addFinding(
      'too-many-files',
      null,
      null,
      null,
      `Only the first ${MAX_FILES} notebooks and Python files were read; ${neighboursSkipped} more that they import were not.`,
    );
  }

  const result = collector.finish();
  if (options.indexUrl === undefined) return result;
  return confirmInference(result, {
    indexUrl: options.indexUrl,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.indexTimeoutMs === undefined ? {} : { timeoutMs: options.indexTimeoutMs }),
  });
}

/** The local files one file's imports and `%run` lines need; its imports of local code are marked as such. */
async function findNeighbours(
  report: FileReport,
  item: QueuedFile,
  finder: LocalModuleFinder,
  collector: InferenceCollector,
): Promise<Array<{ path: string; via: ReadBecause }>> {
  const found: Array<{ path: string; via: ReadBecause }> = [];
  const shadowWarned = new Set<string>();
  for (const imported of report.imports) {
    const local = await finder.resolveAbsolute(item.searchPath, imported.resolutionPath);
    if (local === null) continue;
    collector.markLocal(imported);
    const via = { file: item.path, cell: imported.cell, line: imported.line, text: imported.text };
    for (const path of local.files) found.push({ path, via });
    const top = imported.resolutionPath.split('.')[0] ?? '';
    if (local.namespaceFolder !== null && !shadowWarned.has(top) && guessDistribution(top).known) {
      shadowWarned.add(top);
      const folder = relative(dirname(item.path), local.namespaceFolder) || basename(local.namespaceFolder);
      collector.addFinding(
        'local-folder-shadowed',
        item.path,
        imported.cell,
        imported.line,
        `${folder}/ is read as your own package \`${top}\`, but it has no __init__.py: if a package that installs \`${top}\` ends up in the image (as a dependency of another), Python imports that one instead. An empty ${folder}/__init__.py makes sure yours is used.`,
      );
    }
  }
  for (const relativeImport of report.relativeImports) {
    const via = {
      file: item.path,
      cell: relativeImport.cell,
      line: relativeImport.line,
      text: `from ${relativeImport.text} import ${relativeImport.names.join(', ')}`,
    };
    for (const path of await finder.resolveRelative(item.path, relativeImport)) found.push({ path, via });
  }
  for (const run of report.runs) {
    const via = { file: item.path, cell: run.cell, line: run.line, text: run.text };
    if (run.module) {
      const local = await finder.resolveAbsolute(item.searchPath, run.target);
      for (const path of local?.files ?? []) found.push({ path, via });
      continue;
    }
    const path = await finder.resolveRun(item.path, run.target);
    if (path !== null) {
      found.push({ path, via });
    } else {
      collector.addFinding(
        'missing-local-file',
        item.path,
        run.cell,
        run.line,
        `\`${run.text}\` runs ${run.target}, which is not in ${dirname(item.path)}: its imports could not be read.`,
      );
    }
  }
  return found;
}

async function readSource(file: string, collector: InferenceCollector): Promise<string | null> {
  const limit = file.toLowerCase().endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_SCRIPT_BYTES;
  try {
    const { size } = await stat(file);
    if (size > limit) {
      collector.addFinding(
        'file-too-large',
        file,
        null,
        null,
        `${file} is ${Math.round(size / 1024 / 1024)} MB, over the ${Math.round(limit / 1024 / 1024)} MB read limit; it was skipped.`,
      );
      return null;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    collector.addFinding('unreadable-file', file, null, null, `${file} could not be read (${errorMessage(error)}).`);
    return null;
  }
}
