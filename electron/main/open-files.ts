import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** What the app opens: requirements files, notebooks and scripts (the Open dialog offers the same). */
export const OPENABLE_EXTENSIONS = ['txt', 'in', 'ipynb', 'py'] as const;

const openable = new Set<string>(OPENABLE_EXTENSIONS.map((ext) => `.${ext}`));

/** The command-line arguments that are files we can open; flags and the app's own path are skipped. */
export function openableFiles(args: readonly string[]): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && openable.has(extname(arg).toLowerCase()))
    .map((arg) => resolve(arg))
    .filter((path) => existsSync(path) && statSync(path).isFile());
}
