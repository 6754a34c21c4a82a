import { createRequire } from 'node:module';

// Not named `require`: the bundler's ESM shim declares that name in the same module scope.
const resolveFromHere = createRequire(import.meta.url);

/**
 * docker-modem reaches ssh:// engines through the ssh2 package. It is pure JavaScript (its native
 * speed-ups are optional and not built here), but a packaged app may prune it: check before use
 * so the user gets "SSH is not available" instead of a crash.
 */
export function isSshTransportAvailable(): boolean {
  try {
    resolveFromHere.resolve('ssh2');
    return true;
  } catch {
    return false;
  }
}
