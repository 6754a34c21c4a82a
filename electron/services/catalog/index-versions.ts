import { rcompare, valid } from '@renovatebot/pep440';
import type { PackageVersions } from '../../contract/domain/catalog';
import { normalizePackageName } from '../requirements/package-name';
import { fetchSimplePage, type SimplePageOptions } from './simple-page';

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

export type VersionLookupOptions = SimplePageOptions;

/**
 * Released versions of a package from the index's simple API (PEP 691 JSON, else PEP 503 HTML),
 * newest first. Never throws: offline, the answer says versions could not be listed.
 */
export async function listVersions(name: string, options: VersionLookupOptions): Promise<PackageVersions> {
  const page = await fetchSimplePage(name, options);
  const { indexUrl, normalized } = page;
  if (!page.ok) {
    const message = {
      'not-found': `${normalized} is not on ${indexUrl}. Check the spelling.`,
      refused: `${indexUrl} answered ${page.status}; versions could not be listed. You can still type a version.`,
      timeout: `${indexUrl} did not answer in time, so versions could not be listed. You can still type a version.`,
      unreachable: `${indexUrl} could not be reached, so versions could not be listed. You can still type a version.`,
    }[page.why];
    return { name: normalized, indexUrl, ok: false, versions: [], message };
  }
  const versions =
    page.versions ??
    page.files
      .filter((f) => !f.yanked)
      .map((f) => versionFromFilename(f.filename, normalized))
      .filter((v): v is string => v !== null);
  const unique = [...new Set(versions.filter((v) => valid(v) !== null))].sort(rcompare);
  return { name: normalized, indexUrl, ok: true, versions: unique, message: null };
}
