import { explain, satisfies } from '@renovatebot/pep440';
import { specifierClauses } from './specifier-syntax';

// Whether two specifiers admit a common version. @renovatebot/pep440 has no intersection, so we probe
// it: the versions a specifier allows form intervals whose ends are the versions it names (and the
// next release after a '~=' or '.*' prefix). Testing each end, a point just above it and a point just
// below it therefore finds a common version whenever one exists, up to exotic pre/post/dev gaps.
// The answer follows the library's reading of PEP 440, including its simplified '>'/'<' (it treats
// '>1.0.post1' as excluding every 1.0 release, 1.0.post2 included).

interface Boundary {
  epoch: number;
  release: number[];
}

const BIG = 999_999_999;

function bumped(release: readonly number[], keep: number): number[] {
  const head = release.slice(0, Math.max(1, keep));
  const last = head.length - 1;
  head[last] = (head[last] ?? 0) + 1;
  return head;
}

function render({ epoch, release }: Boundary): string {
  return `${epoch > 0 ? `${epoch}!` : ''}${release.join('.')}`;
}

function collectCandidates(specifiers: readonly string[]): string[] {
  const written: string[] = [];
  const boundaries: Boundary[] = [];
  for (const specifier of specifiers) {
    for (const { op, version: rawVersion } of specifierClauses(specifier)) {
      const wildcard = rawVersion.endsWith('.*');
      const version = wildcard ? rawVersion.slice(0, -2) : rawVersion;
      written.push(version);
      const parsed = explain(version);
      if (parsed === null) continue;
      boundaries.push({ epoch: parsed.epoch, release: [...parsed.release] });
      // The typings call `post` an array; at run time it is a number or null.
      const post: unknown = parsed.post;
      if (typeof post === 'number') written.push(`${parsed.base_version}.post${post + 1}`);
      if (op === '~=') boundaries.push({ epoch: parsed.epoch, release: bumped(parsed.release, parsed.release.length - 1) });
      if (wildcard) boundaries.push({ epoch: parsed.epoch, release: bumped(parsed.release, parsed.release.length) });
    }
  }
  const depth = Math.max(1, ...boundaries.map((boundary) => boundary.release.length)) + 1;
  const candidates = new Set<string>(written);
  for (const boundary of boundaries) {
    const padded = [...boundary.release, ...Array<number>(depth - boundary.release.length).fill(0)];
    candidates.add(render(boundary));
    candidates.add(render({ epoch: boundary.epoch, release: [...padded, 1] }));
    const lastNonZero = boundary.release.findLastIndex((part) => part > 0);
    if (lastNonZero >= 0) {
      const below = boundary.release.slice(0, lastNonZero + 1);
      below[lastNonZero] = (below[lastNonZero] ?? 1) - 1;
      while (below.length < depth) below.push(BIG);
      candidates.add(render({ epoch: boundary.epoch, release: below }));
    } else if (boundary.epoch > 0) {
      candidates.add(render({ epoch: boundary.epoch - 1, release: Array<number>(depth).fill(BIG) }));
    }
  }
  candidates.add('0');
  return [...candidates];
}

function allows(version: string, specifier: string): boolean {
  if (specifier === '') return true;
  try {
    // Pre-releases count: a user who pins '==2.0rc1' means it, and a conflict must be a real one.
    return satisfies(version, specifier, { prereleases: true });
  } catch {
    // The library throws on a candidate it cannot parse (e.g. an '===' legacy string against '>=').
    return false;
  }
}

/** A version that satisfies every specifier, or null when none does. Specifiers must be canonical. */
export function commonVersion(specifiers: readonly string[]): string | null {
  const nonEmpty = specifiers.filter((specifier) => specifier !== '');
  if (nonEmpty.length === 0) return '0';
  for (const candidate of collectCandidates(nonEmpty)) {
    if (nonEmpty.every((specifier) => allows(candidate, specifier))) return candidate;
  }
  return null;
}

export function specifiersOverlap(a: string, b: string): boolean {
  return commonVersion([a, b]) !== null;
}
