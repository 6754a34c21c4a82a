import { valid } from '@renovatebot/pep440';
import type { VcsKind } from '../../contract/domain/requirements';
import { isValidPackageName } from './package-name';

// Recognizing what a requirement points at: a package index name, a URL, a VCS repository or a path
// on this computer. An image build sees none of this computer's files, so paths are what we must catch.

// pip's is_url(): the archive schemes plus every scheme its VCS backends register.
const VCS_SCHEMES: Readonly<Record<VcsKind, readonly string[]>> = {
  git: ['git', 'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file'],
  hg: ['hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http'],
  svn: ['svn', 'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file'],
  bzr: ['bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file'],
};
const ARCHIVE_SCHEMES = ['http', 'https', 'file', 'ftp'];

export const ARCHIVE_EXTENSIONS = ['.whl', '.tar.gz', '.tgz', '.tar', '.zip', '.tar.bz2', '.tbz', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma'];

export function urlScheme(text: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  return match?.[1]?.toLowerCase() ?? null;
}

export function vcsKindOf(url: string): VcsKind | null {
  const scheme = urlScheme(url);
  if (scheme === null) return null;
  for (const [kind, schemes] of Object.entries(VCS_SCHEMES) as Array<[VcsKind, readonly string[]]>) {
    if (schemes.includes(scheme)) return kind;
  }
  return null;
}

/** What pip treats as a URL rather than a name or a path. */
export function isPipUrl(text: string): boolean {
  const scheme = urlScheme(text);
  if (scheme === null) return false;
  return ARCHIVE_SCHEMES.includes(scheme) || vcsKindOf(text) !== null;
}

export function isFileUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === 'file' || (scheme !== null && scheme.endsWith('+file'));
}

export function isSshUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme !== null && (scheme.endsWith('+ssh') || scheme === 'bzr+sftp');
}

export function hasArchiveExtension(text: string): boolean {
  const lower = text.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Paths the way pip recognizes them (os.sep in it, a leading '.', a drive letter) plus '~'. */
export function looksLikeLocalPath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || text.startsWith('.') || text.startsWith('~') || /^[A-Za-z]:/.test(text);
}

/** A URL we can hand to pip inside the build: a scheme and something after it. */
export function isWellFormedUrl(url: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/.test(url) && !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s/]\S*$/.test(url)) return false;
  const scheme = urlScheme(url) ?? '';
  if (scheme === 'http' || scheme === 'https') {
    try {
      return new URL(url).hostname !== '';
    } catch {
      return false;
    }
  }
  return true;
}

/** True when the URL carries a user name with a password or token; 'git@' (an SSH login) is not one. */
export function hasUrlCredentials(url: string): boolean {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@\s]*)@/.exec(url);
  if (match === null) return false;
  const userInfo = match[1] ?? '';
  // '${TOKEN}' placeholders are pip's environment expansion; the 'env-var' finding covers those.
  const onlyPlaceholders = /^(?:\$\{[A-Z0-9_]+\}:?)+$/.test(userInfo);
  return userInfo !== '' && userInfo !== 'git' && !onlyPlaceholders;
}

export function hostOfUrl(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

function lastPathSegment(url: string): string {
  const withoutQuery = url.replace(/[?#].*$/s, '');
  const segments = withoutQuery.split('/');
  return decodeURIComponentSafe(segments[segments.length - 1] ?? '');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The name pip would read from '#egg=name' (extras after it are ignored, as pip does). */
export function eggNameOf(url: string): string | null {
  const fragment = /#(.*)$/s.exec(url)?.[1];
  if (fragment === undefined) return null;
  for (const part of fragment.split('&')) {
    const [key, value] = part.split('=', 2);
    if (key === 'egg' && value !== undefined) {
      const name = value.replace(/\[.*$/s, '');
      return isValidPackageName(name) ? name : null;
    }
  }
  return null;
}

/** The project name a wheel or sdist file name carries, e.g. 'pandas-2.2.0-cp312-….whl' → 'pandas'. */
export function archiveNameOf(url: string): string | null {
  const file = lastPathSegment(url);
  const lower = file.toLowerCase();
  if (lower.endsWith('.whl')) {
    const name = file.split('-')[0] ?? '';
    return isValidPackageName(name) ? name : null;
  }
  const extension = ARCHIVE_EXTENSIONS.find((candidate) => lower.endsWith(candidate));
  if (extension === undefined) return null;
  const stem = file.slice(0, file.length - extension.length);
  // An sdist is '<name>-<version>'; names may contain '-', so split at the last dash before a version.
  for (let dash = stem.lastIndexOf('-'); dash > 0; dash = stem.lastIndexOf('-', dash - 1)) {
    const name = stem.slice(0, dash);
    if (valid(stem.slice(dash + 1)) !== null && isValidPackageName(name)) return name;
  }
  return null;
}

/**
 * The name a repository URL most likely installs, from its path: `git+https://github.com/org/my-tool.git@v2`
 * gives `my-tool`. pip itself takes the name from the project's metadata once it has built it; this
 * is only what the app calls it until then (for duplicates and Elyra conflicts).
 */
export function repositoryNameOf(url: string): string | null {
  const path = url.replace(/#.*$/s, '').replace(/\?.*$/s, '');
  const segments = path.split('/').filter((s) => s !== '');
  const last = (segments.at(-1) ?? '').replace(/@[^@]*$/, '').replace(/\.git$/i, '');
  return isValidPackageName(last) ? last : null;
}
