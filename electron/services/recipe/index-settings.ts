import type { IndexSettings, RecipeFinding } from '../../contract/domain/recipe';

/** pip reads these environment variables; the recipe passes them as build args (never secrets). */
export const pipIndexArgs = {
  indexUrl: 'PIP_INDEX_URL',
  extraIndexUrls: 'PIP_EXTRA_INDEX_URL',
  trustedHosts: 'PIP_TRUSTED_HOST',
} as const;

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

function checkUrl(url: string, label: string): RecipeFinding[] {
  const base = { where: label, packageId: null, field: 'index' as const };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [
      {
        ...base,
        severity: 'error',
        code: 'index-url-invalid',
        message: `${label} is not a URL: "${url}".`,
        hint: 'It looks like https://pypi.example.com/simple.',
      },
    ];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return [{ ...base, severity: 'error', code: 'index-url-scheme', message: `${label} must start with https:// or http://.` }];
  }
  if (hasCredentials(url)) {
    return [
      {
        ...base,
        severity: 'error',
        code: 'index-url-credentials',
        message: `${label} has a user name or password in it. Build arguments show in the image's history, so the app will not pass it.`,
        hint: 'Use an index that the build can reach without a password (for example a mirror on this computer with the "host" build network).',
      },
    ];
  }
  return [];
}

export function checkIndexSettings(index: IndexSettings): RecipeFinding[] {
  return [...(index.indexUrl ? checkUrl(index.indexUrl, 'Package index URL') : []), ...index.extraIndexUrls.flatMap((url) => checkUrl(url, 'Extra index URL'))];
}

/**
 * Build args for the settings that are set; names only appear in the Dockerfile when used. A URL
 * with credentials is never passed (checkIndexSettings reports it), since build args are in the history.
 */
export function pipBuildArgs(index: IndexSettings): Record<string, string> {
  const args: Record<string, string> = {};
  if (index.indexUrl && !hasCredentials(index.indexUrl)) args[pipIndexArgs.indexUrl] = index.indexUrl;
  const extra = index.extraIndexUrls.filter((url) => !hasCredentials(url));
  if (extra.length > 0) args[pipIndexArgs.extraIndexUrls] = extra.join(' ');
  if (index.trustedHosts.length > 0) args[pipIndexArgs.trustedHosts] = index.trustedHosts.join(' ');
  return args;
}
