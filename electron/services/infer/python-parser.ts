import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * One tree-sitter runtime and one Python grammar per process: loading the wasm costs ~10 ms and
 * some memory, so everything shares the same loaded language. The grammar path is an argument
 * because a packaged Electron app keeps the wasm outside the asar archive, not in node_modules.
 */

export interface PythonParserOptions {
  /** Path to `tree-sitter-python.wasm`; defaults to the copy in node_modules. */
  grammarWasmPath?: string;
  /** Path to web-tree-sitter's own `tree-sitter.wasm`; defaults to the one next to its module. */
  runtimeWasmPath?: string;
}

export interface PythonParser {
  /** Parses one unit of source. The caller must `delete()` the tree: it lives in wasm memory. */
  parse(source: string): Tree;
}

export function defaultGrammarWasmPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
}

let runtimeReady: Promise<void> | null = null;
const languages = new Map<string, Promise<Language>>();

function initRuntime(runtimeWasmPath: string | undefined): Promise<void> {
  if (runtimeReady === null) {
    const options = runtimeWasmPath === undefined ? undefined : { locateFile: (): string => runtimeWasmPath };
    runtimeReady = Parser.init(options).catch((error: unknown) => {
      // A failed init must not poison the process: let the next caller try again.
      runtimeReady = null;
      throw error;
    });
  }
  return runtimeReady;
}

function loadLanguage(grammarWasmPath: string): Promise<Language> {
  let language = languages.get(grammarWasmPath);
  if (language === undefined) {
    language = Language.load(grammarWasmPath).catch((error: unknown) => {
      languages.delete(grammarWasmPath);
      throw error;
    });
    languages.set(grammarWasmPath, language);
  }
  return language;
}

export async function createPythonParser(options: PythonParserOptions = {}): Promise<PythonParser> {
  await initRuntime(options.runtimeWasmPath);
  const language = await loadLanguage(options.grammarWasmPath ?? defaultGrammarWasmPath());
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(source: string): Tree {
      const tree = parser.parse(source);
      // parse() only returns null when cancelled or without a language; neither happens here.
      if (tree === null) throw new Error('tree-sitter returned no tree');
      return tree;
    },
  };
}
