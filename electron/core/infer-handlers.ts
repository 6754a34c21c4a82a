import type { Handlers } from '../contract/ipc';
import { confirmInference, createPythonParser, inferFromPaths, inferFromSources, type PythonParser } from '../services/infer';

/**
 * Reading notebooks: the parser (a wasm grammar) is loaded once, on first use, and shared. The
 * index confirms names when it answers; when it does not, the inference stands on its own.
 */
export function inferHandlers(): Pick<Handlers, 'infer:paths' | 'infer:sources'> {
  let parser: Promise<PythonParser> | null = null;
  const sharedParser = () => (parser ??= createPythonParser());
  return {
    'infer:paths': async ({ paths, pythonVersion, indexUrl }) =>
      inferFromPaths(paths, { pythonVersion, parser: await sharedParser(), ...(indexUrl ? { indexUrl } : {}) }),
    'infer:sources': async ({ files, pythonVersion, indexUrl }) => {
      const result = await inferFromSources(files, { pythonVersion, parser: await sharedParser() });
      if (!indexUrl) return result;
      return confirmInference(result, { indexUrl });
    },
  };
}
