import { rcompare, valid } from '@renovatebot/pep440';
import { z } from 'zod';
import type { PackageVersions } from '../../contract/domain/catalog';
import { normalizePackageName } from '../requirements/package-name';

export const PYPI_SIMPLE = 'https://pypi.org/simple';

/** PEP 691 JSON; `versions` is PEP 700 and newer indexes send it, older ones only list files. */
const SimpleJson = z.object({
  versions: z.array(z.string()).optional(),
  files: z.array(z.object({ filename: z.string(), yanked: z.union([z.boolean(), z.string()]).optional() })).optional(),
});

/** `name-1.2.3-py3-none-any.whl`, `name-1.2.3.tar.gz`: the version is what follows the name. */
export function versionFromFilename(filename: string, normalized: string): string | null {
  const base = filename.replace(/\.(whl|tar\.gz|zip|tar\.bz2|tgz|egg)$/i, '');
  const parts = base.split('-');
  for (let i = 1; i < parts.length; i += 1) {
    if (normalizePackageName(parts.slice(0, i).join('-')) === normalized) {
      const candidate = parts[i] ?? '';
      return valid(candidate) ? candidate : null;
    }
  }
  return null;
}

function fromHtml(html: string, normalized: string): string[] {
  const names = [...html.matchAll(/<a\b[^>]*>([^<]+)<\/a>/gi)].map((m) => (m[1] ?? '').trim());
  return names.map((n) => versionFromFilename(n, normalized)).filter((v): v is string => v !== null);
}

export interface VersionLookupOptions {
  indexUrl: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Released versions of a package from the index's simple API (PEP 691 JSON, else PEP 503 HTML),
 * newest first. Never throws: offline, the answer says versions could not be listed.
 */
export async function listVersions(name: string, options: VersionLookupOptions): Promise<PackageVersions> {
  const indexUrl = (options.indexUrl ?? PYPI_SIMPLE).replace(/\/+$/, '');
  const normalized = normalizePackageName(name);
  const url = `${indexUrl}/${normalized}/`;
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      headers: { Accept: 'application/vnd.pypi.simple.v1+json, text/html;q=0.1' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (response.status === 404) {
      return { name: normalized, indexUrl, ok: false, versions: [], message: `${normalized} is not on ${indexUrl}. Check the spelling.` };
    }
    if (!response.ok) {
      return { name: normalized, indexUrl, ok: false, versions: [], message: `${indexUrl} answered ${response.status}; versions could not be listed. You can still type a version.` };
    }
    const body = await response.text();
    const type = response.headers.get('content-type') ?? '';
    let versions: string[];
    if (type.includes('json')) {
      const parsed = SimpleJson.safeParse(JSON.parse(body));
      const data = parsed.success ? parsed.data : {};
      versions = data.versions ?? (data.files ?? []).filter((f) => !f.yanked).map((f) => versionFromFilename(f.filename, normalized)).filter((v): v is string => v !== null);
    } else {
      versions = fromHtml(body, normalized);
    }
    const unique = [...new Set(versions.filter((v) => valid(v) !== null))].sort(rcompare);
    return { name: normalized, indexUrl, ok: true, versions: unique, message: null };
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
    return { name: normalized, indexUrl, ok: false, versions: [], message: `${indexUrl} ${why}, so versions could not be listed. You can still type a version.` };
  }
}
