import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The test Electron's binary (test/infra/electron-runtime.sh makes it once and caches it). Never the
 * `electron` package's own binary, which would try to download itself. Throws with the reason when
 * it cannot be had: the real-window suite fails rather than skips.
 */
export function electronBinary(): string {
  const dist =
    process.env['RIB_ELECTRON_DIST'] ||
    execFileSync('bash', [join(repo, 'test/infra/electron-runtime.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const binary = join(dist, 'electron');
  if (!existsSync(binary)) throw new Error(`The test Electron is missing: ${binary}`);
  return binary;
}

/** Lines of the main process's stderr that mean something went wrong (Chromium's own noise aside). */
export function isMainProcessError(line: string): boolean {
  return (
    /Error|Uncaught|Unhandled|A JavaScript error/.test(line) && !/^\[\d+:\d+\/\d+\.\d+:(ERROR|WARNING|INFO):/.test(line.trim()) && !/^dbus-daemon/.test(line)
  );
}
