import type { DistributionGuess } from './distribution-mapping';

/**
 * IPython magics that say something about the files or packages a notebook needs, read from the
 * command lines `prepareCell` sets aside: `%run other.py` runs a neighbour file, `%load_ext x`
 * imports module x (IPython 8 `ExtensionManager.load_extension`), `%matplotlib` imports matplotlib.
 */

export interface RunTarget {
  /** A file path as written (`helpers.py`, `../setup.ipynb`), or a module name with `module`. */
  target: string;
  module: boolean;
}

// `%run` options (IPython 8 `ExecutionMagics.run`: 'nidtN:b:pD:l:rs:T:em:G'): these take a value.
const RUN_VALUE_OPTIONS = new Set(['N', 'b', 'D', 'l', 's', 'T']);

/** The file or module a `%run` line runs; null for another command or a target known only at run time. */
export function parseRunCommand(command: string): RunTarget | null {
  const magic = /^%run\s+(.*)$/s.exec(command.trim());
  if (magic === null) return null;
  const words = splitWords(magic[1] ?? '');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const option = /^-(\w)(.*)$/.exec(word);
    if (option === null) return knownAtReadTime(word) ? { target: word, module: false } : null;
    const [, letter, attached] = option;
    if (letter === 'm') {
      const module = attached !== '' ? attached : words[i + 1];
      return module !== undefined && /^[A-Za-z_][\w.]*$/.test(module) ? { target: module, module: true } : null;
    }
    if (letter !== undefined && RUN_VALUE_OPTIONS.has(letter) && attached === '') i++;
  }
  return null;
}

/** Modules that `%load_ext` / `%reload_ext` import. */
export function parseExtensionCommand(command: string): string[] {
  const magic = /^%(?:re)?load_ext\s+(.*)$/s.exec(command.trim());
  if (magic === null) return [];
  return splitWords(magic[1] ?? '').filter((word) => /^[A-Za-z_][\w.]*$/.test(word));
}

/** `%matplotlib inline` imports matplotlib; the widget backend also needs ipympl. */
export function parseMatplotlibCommand(command: string): string[] {
  const magic = /^%matplotlib(?:\s+(\S+))?\s*$/.exec(command.trim());
  if (magic === null) return [];
  const backend = magic[1] ?? '';
  return backend === 'widget' || backend === 'ipympl' ? ['matplotlib', 'ipympl'] : ['matplotlib'];
}

// Extensions that ship with IPython itself (IPython 8 `extensions.py` BUILTINS_EXTS): nothing to install.
const IPYTHON_EXTENSIONS = new Set(['autoreload', 'storemagic']);

// Extension modules whose distribution is not found by the import name alone.
const EXTENSION_DISTRIBUTIONS: Readonly<Record<string, { distribution: string; alternatives?: readonly string[] }>> = {
  sql: { distribution: 'jupysql', alternatives: ['ipython-sql'] },
  autotime: { distribution: 'ipython-autotime' },
  nb_black: { distribution: 'nb-black' },
  lab_black: { distribution: 'nb-black' },
  jupyter_black: { distribution: 'jupyter-black' },
};

/** True when `%load_ext name` needs nothing beyond IPython. */
export function isIpythonExtension(module: string): boolean {
  return IPYTHON_EXTENSIONS.has(module);
}

/** The distribution for an extension module when the import mapping would not find it. */
export function extensionGuess(module: string): DistributionGuess | null {
  const entry = EXTENSION_DISTRIBUTIONS[module];
  if (entry === undefined) return null;
  const alternatives = entry.alternatives ?? [];
  return {
    distribution: entry.distribution,
    kind: 'mapping',
    known: true,
    importName: module,
    note: null,
    candidates: alternatives.length === 0 ? [] : [entry.distribution, ...alternatives].map((distribution) => ({ distribution, note: null })),
    mustChoose: false,
  };
}

function knownAtReadTime(word: string): boolean {
  return word !== '' && !/[$*?{}[\]]/.test(word);
}

/** Words as IPython's `arg_split` gives them for simple cases: whitespace-separated, quotes removed. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}
