import { readFile, stat } from 'node:fs/promises';
import type { InferenceResult } from '../../contract/domain/infer';
import { errorMessage } from '../docker-config/file-access';
import { confirmInference } from './confirm-inference';
import { InferenceCollector } from './inference-collector';
import type { InferOptions } from './infer-from-sources';
import type { FetchFunction } from './package-index';
import { createPythonParser } from './python-parser';
import { collectSourceFiles } from './source-files';

export interface InferFromPathsOptions extends InferOptions {
  /** A PEP 503 simple index to confirm names with; none means no network at all. */
  indexUrl?: string;
  fetch?: FetchFunction;
  indexTimeoutMs?: number;
}

// Generous for notebooks (outputs make them big, and they are read in well under a second per
// 50 MB); a multi-megabyte .py file is generated data, not code someone imports from.
const MAX_NOTEBOOK_BYTES = 400 * 1024 * 1024;
const MAX_SCRIPT_BYTES = 10 * 1024 * 1024;

/** Reads notebooks, scripts and folders of them from disk, one file at a time. */
export async function inferFromPaths(
  paths: readonly string[],
  options: InferFromPathsOptions,
): Promise<InferenceResult> {
  const sources = await collectSourceFiles(paths);
  const parser = options.parser ?? (await createPythonParser(options));
  const collector = new InferenceCollector(parser, {
    pythonVersion: options.pythonVersion,
    localModules: [...sources.localModules, ...(options.localModules ?? [])],
  });
  for (const problem of sources.problems) collector.addFinding(problem.kind, problem.path, null, null, problem.message);

  for (const file of sources.files) {
    const limit = file.toLowerCase().endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_SCRIPT_BYTES;
    let content: string;
    try {
      const { size } = await stat(file);
      if (size > limit) {
        collector.addFinding('file-too-large', file, null, null,
          `${file} is ${Math.round(size / 1024 / 1024)} MB, over the ${Math.round(limit / 1024 / 1024)} MB read limit; it was skipped.`);
        continue;
      }
      content = await readFile(file, 'utf8');
    } catch (error) {
      collector.addFinding('unreadable-file', file, null, null,
        `${file} could not be read (${errorMessage(error)}).`);
      continue;
    }
    collector.addFile(file, content);
  }

  const result = collector.finish();
  if (options.indexUrl === undefined) return result;
  return confirmInference(result, {
    indexUrl: options.indexUrl,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.indexTimeoutMs === undefined ? {} : { timeoutMs: options.indexTimeoutMs }),
  });
}
