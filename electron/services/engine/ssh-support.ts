import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * docker-modem reaches ssh:// engines through the ssh2 package. It is pure JavaScript (its native
 * speed-ups are optional and not built here), but a packaged app may prune it: check before use
 * so the user gets "SSH is not available" instead of a crash.
 */
export function isSshTransportAvailable(): boolean {
  try {
    require.resolve('ssh2');
    return true;
  } catch {
    return false;
  }
}
