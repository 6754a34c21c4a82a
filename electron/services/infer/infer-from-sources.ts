import type { InferenceResult } from '../../contract/domain/infer';
import { InferenceCollector } from './inference-collector';
import { createPythonParser, type PythonParser, type PythonParserOptions } from './python-parser';

export interface SourceFile {
  /** File name (or path) shown to the user; its extension says how to read it. */
  name: string;
  content: string;
}

export interface InferOptions extends PythonParserOptions {
  /** The image's Python, e.g. `3.11`: decides which modules are in the standard library. */
  pythonVersion: string;
  /** The user's own module names, beyond the `.py` files among the sources. */
  localModules?: readonly string[];
  /** A parser already loaded, to share it between calls. */
  parser?: PythonParser;
}

/**
 * Infers packages from content already in memory (dropped files, tests). No file system and no
 * network: confirming names with an index is `confirmInference`'s job.
 */
export async function inferFromSources(files: readonly SourceFile[], options: InferOptions): Promise<InferenceResult> {
  const parser = options.parser ?? (await createPythonParser(options));
  const collector = new InferenceCollector(parser, options);
  for (const file of files) collector.addFile(file.name, file.content);
  return collector.finish();
}
