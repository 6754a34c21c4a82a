import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve, sep } from 'node:path';
import type { RelativeImport } from './syntax-imports';

/**
 * Finds the user's own modules on disk the way Python's import system would (PEP 420 and the
 * `importlib` path finder): a notebook runs with its folder first on `sys.path`, and projects
 * reach their root (`sys.path.append('..')`, an editable install, a `src/` layout), so the folders
 * searched are the notebook's, each one above it up to the project root, and the root's `src/`.
 */

export interface LocalModule {
  /** The files Python runs for the import: every `__init__.py` on the way and the module itself. */
  files: string[];
  /** Set when the top-level name is a folder without `__init__.py` (a namespace package). */
  namespaceFolder: string | null;
}

type Entry = 'file' | 'dir';

// What marks a project's root folder.
const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git', 'requirements.txt', 'Pipfile', 'environment.yml'];
const MAX_LEVELS_UP = 8;
// Compiled extension modules (`fast.cpython-311-x86_64-linux-gnu.so`, `fast.pyd`) are local too.
const EXTENSION_MODULE = /^([A-Za-z_]\w*)(\.[\w-]+)?\.(so|pyd)$/;

export class LocalModuleFinder {
  private readonly listings = new Map<string, Promise<Map<string, Entry>>>();
  private readonly home: string;

  constructor(options: { home?: string } = {}) {
    this.home = resolve(options.home ?? homedir());
  }

  /** The folders searched for a file the user gave (its own folder first). */
  async searchPath(file: string): Promise<string[]> {
    const dir = dirname(resolve(file));
    let top = dir;
    // Inside a package, the project starts above its top-most package folder.
    while ((await this.isRegularPackage(top)) && dirname(top) !== top) top = dirname(top);
    const marked = await this.markedRoot(dir);
    // A marker inside a package (a requirements.txt next to a notebook in it) does not stop the climb.
    const root = marked !== null && (top === marked || top.startsWith(`${marked}${sep}`)) ? marked : top;
    const path = [dir];
    for (let current = dir; current !== root && dirname(current) !== current && path.length <= MAX_LEVELS_UP;) {
      current = dirname(current);
      path.push(current);
    }
    const src = join(root, 'src');
    if ((await this.list(root)).get('src') === 'dir') path.push(src);
    return [...new Set(path)];
  }

  /**
   * Where `import a.b.c` finds `a` on the search path, and the files it runs. Null when `a` is
   * not the user's: then it is a package to install (or the standard library).
   */
  async resolveAbsolute(searchPath: readonly string[], dotted: string): Promise<LocalModule | null> {
    const [top, ...rest] = dotted.split('.');
    if (top === undefined) return null;
    let namespace: string | null = null;
    for (const [i, dir] of searchPath.entries()) {
      const entries = await this.list(dir);
      if (entries.get(top) === 'dir') {
        const folder = join(dir, top);
        if ((await this.list(folder)).get('__init__.py') === 'file') return { files: await this.descend(folder, rest), namespaceFolder: null };
        // A folder without __init__.py is a namespace package only if nothing else on the path
        // is a module of that name; data folders are no package at all.
        if (namespace === null && (await this.isNamespaceCode(folder, rest, i === 0))) namespace = folder;
        continue;
      }
      if (entries.get(`${top}.py`) === 'file') return { files: [join(dir, `${top}.py`)], namespaceFolder: null };
      for (const [name, kind] of entries) {
        if (kind === 'file' && EXTENSION_MODULE.exec(name)?.[1] === top) return { files: [], namespaceFolder: null };
      }
    }
    return namespace === null ? null : { files: await this.descend(namespace, rest), namespaceFolder: namespace };
  }

  /** `from .x import y` in `file`: the files of the package it names, from the file's own folder. */
  async resolveRelative(file: string, relative: RelativeImport): Promise<string[]> {
    let base = dirname(resolve(file));
    for (let level = 1; level < relative.level; level++) base = dirname(base);
    const files: string[] = [];
    const init = join(base, '__init__.py');
    if ((await this.list(base)).get('__init__.py') === 'file') files.push(init);
    let target = base;
    if (relative.module !== '') {
      const [first, ...rest] = relative.module.split('.');
      const entries = await this.list(base);
      if (first === undefined) return files;
      if (entries.get(`${first}.py`) === 'file') return [...files, join(base, `${first}.py`)];
      if (entries.get(first) !== 'dir') return files;
      target = join(base, first);
      const below = await this.descend(target, rest);
      files.push(...below);
      // Only a folder can hold the imported names as submodules.
      const last = below[below.length - 1];
      if (last !== undefined && !last.endsWith('__init__.py')) return files;
      target = join(target, ...rest);
    }
    for (const name of relative.names) {
      const entries = await this.list(target);
      if (entries.get(`${name}.py`) === 'file') files.push(join(target, `${name}.py`));
      else if (entries.get(name) === 'dir') files.push(...(await this.descend(join(target, name), [])));
    }
    return [...new Set(files)];
  }

  /** `%run helper` in a notebook: the file as IPython finds it from the notebook's folder (`.py` added when missing). */
  async resolveRun(notebook: string, target: string): Promise<string | null> {
    const expanded = target.startsWith('~/') ? join(this.home, target.slice(2)) : target;
    const path = resolve(dirname(resolve(notebook)), expanded);
    const entries = await this.list(dirname(path));
    const name = parse(path).base;
    if (entries.get(name) === 'file') return path;
    if (!name.endsWith('.py') && entries.get(`${name}.py`) === 'file') return `${path}.py`;
    return null;
  }

  /** The `__init__.py` files and the module file Python runs for the submodules `parts` of a package folder. */
  private async descend(folder: string, parts: readonly string[]): Promise<string[]> {
    const files: string[] = [];
    let current = folder;
    for (let i = 0; ; i++) {
      const entries = await this.list(current);
      if (entries.get('__init__.py') === 'file') files.push(join(current, '__init__.py'));
      const next = parts[i];
      if (next === undefined) return files;
      if (entries.get(next) === 'dir') {
        current = join(current, next);
        continue;
      }
      if (entries.get(`${next}.py`) === 'file') files.push(join(current, `${next}.py`));
      // Anything else is a name defined in the package (`from mylib import clean`).
      return files;
    }
  }

  /**
   * A folder without `__init__.py` counts as code when the import reaches a module inside it,
   * or, beside the notebook, when it holds Python files at all (a `data/` folder does not).
   */
  private async isNamespaceCode(folder: string, rest: readonly string[], besideTheFile: boolean): Promise<boolean> {
    const entries = await this.list(folder);
    const next = rest[0];
    if (next !== undefined && (entries.get(`${next}.py`) === 'file' || entries.get(next) === 'dir')) return true;
    if (!besideTheFile) return false;
    if ([...entries].some(([name, kind]) => kind === 'file' && name.endsWith('.py'))) return true;
    for (const [name, kind] of entries) {
      if (kind !== 'dir') continue;
      const inner = await this.list(join(folder, name));
      if ([...inner].some(([file, innerKind]) => innerKind === 'file' && file.endsWith('.py'))) return true;
    }
    return false;
  }

  private async isRegularPackage(dir: string): Promise<boolean> {
    return (await this.list(dir)).get('__init__.py') === 'file';
  }

  /** The nearest folder at or above `dir` with a project marker, never the home folder or the file system root. */
  private async markedRoot(dir: string): Promise<string | null> {
    let current = dir;
    for (let level = 0; level <= MAX_LEVELS_UP; level++) {
      if (current === this.home || dirname(current) === current) return null;
      const entries = await this.list(current);
      if (ROOT_MARKERS.some((marker) => entries.has(marker))) return current;
      current = dirname(current);
    }
    return null;
  }

  private list(dir: string): Promise<Map<string, Entry>> {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readdir(dir, { withFileTypes: true }).then(
        (entries) => {
          const map = new Map<string, Entry>();
          // A linked Python file is read; a linked folder is not followed (a link up the tree never ends).
          for (const entry of entries) {
            if (entry.isDirectory()) map.set(entry.name, 'dir');
            else if (entry.isFile() || (entry.isSymbolicLink() && /\.(py|ipynb)$/.test(entry.name))) map.set(entry.name, 'file');
          }
          return map;
        },
        () => new Map<string, Entry>(),
      );
      this.listings.set(dir, listing);
    }
    return listing;
  }
}
