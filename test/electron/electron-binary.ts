import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * The Electron binary's path when it is installed, else why not. We look for it without
 * `require('electron')`, which would try to download it (impossible on machines without internet).
 */
export function electronBinary(): { path: string } | { missing: string } {
  const dir = join(createRequire(import.meta.url).resolve('electron/package.json'), '..');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary is not installed here (node_modules/electron/path.txt is absent; it downloads on first use, and this machine cannot reach the download host)' };
  }
  const binary = process.env['ELECTRON_OVERRIDE_DIST_PATH']
    ? join(process.env['ELECTRON_OVERRIDE_DIST_PATH'], readFileSync(pathFile, 'utf8'))
    : join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} is missing` };
}
