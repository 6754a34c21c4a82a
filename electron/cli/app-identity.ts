import { readFileSync } from 'node:fs';

/** Name and version from package.json, the one place they are written. */
export function appIdentity(): { appName: string; appVersion: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName?: string; version?: string };
  return { appName: pkg.productName ?? 'Runtime Image Builder', appVersion: pkg.version ?? '0.0.0' };
}
