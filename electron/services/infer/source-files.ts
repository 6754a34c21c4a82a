import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * Which files to read for a list of paths the user dropped or opened, and which module names are
 * the user's own (a `helpers.py` or a `mylib/` package next to the notebooks).
 */

// Folders that hold installed or generated code, never the user's notebooks.
const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'node_modules',
  '__pycache__',
  '.ipynb_checkpoints',
  'site-packages',
  'dist-packages',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
]);
const SOURCE_EXTENSIONS = new Set(['.ipynb', '.py']);
export const MAX_FILES = 5000;

export interface SourceFileProblem {
  path: string;
  kind: 'unreadable-file' | 'unsupported-file' | 'too-many-files';
  message: string;
}

export interface CollectedSources {
  /** Files to read, in a stable order. */
  files: string[];
  localModules: string[];
  problems: SourceFileProblem[];
}

export async function collectSourceFiles(paths: readonly string[]): Promise<CollectedSources> {
  const files: string[] = [];
  const problems: SourceFileProblem[] = [];
  const directories = new Set<string>();
  const localModules = new Set<string>();
  let truncated = false;

  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    // A virtual environment under any name has this marker.
    if (entries.some((entry) => entry.isFile() && entry.name === 'pyvenv.cfg')) return;
    directories.add(dir);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_FILES) {
        truncated = true;
        return;
      }
      const full = join(dir, entry.name);
      // Symbolic links are not followed: a link back up the tree would never end.
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(full);
      else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };

  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        await walk(path);
      } else if (SOURCE_EXTENSIONS.has(extname(path).toLowerCase())) {
        files.push(path);
        directories.add(join(path, '..'));
      } else {
        problems.push({ path, kind: 'unsupported-file', message: `${path} is not a notebook (.ipynb) or a Python file (.py).` });
      }
    } catch (error) {
      problems.push({ path, kind: 'unreadable-file', message: `${path} could not be read (${errorCode(error)}).` });
    }
  }
  if (truncated) {
    problems.push({
      path: paths.join(', '),
      kind: 'too-many-files',
      message: `Only the first ${MAX_FILES} notebooks and Python files were read.`,
    });
  }
  for (const dir of directories) {
    for (const name of await modulesIn(dir)) localModules.add(name);
  }
  return { files: [...new Set(files)], localModules: [...localModules].sort(), problems };
}

/** Importable names a directory provides: `name.py` files and package folders. */
async function modulesIn(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && /^[A-Za-z_]\w*\.py$/.test(entry.name)) names.push(entry.name.slice(0, -3));
    if (entry.isDirectory() && /^[A-Za-z_]\w*$/.test(entry.name) && !SKIPPED_DIRS.has(entry.name)) {
      // Namespace packages have no __init__.py: any .py directly inside makes the folder importable.
      const inside = await readdir(join(dir, entry.name)).catch((): string[] => []);
      if (inside.some((name) => name.endsWith('.py'))) names.push(entry.name);
    }
  }
  return names;
}

function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
