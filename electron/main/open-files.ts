import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

const openable = new Set(['.txt', '.in', '.ipynb', '.py']);

/** The command-line arguments that are files we can open; flags and the app's own path are skipped. */
export function openableFiles(args: readonly string[]): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && openable.has(extname(arg).toLowerCase()))
    .map((arg) => resolve(arg))
    .filter((path) => existsSync(path) && statSync(path).isFile());
}
