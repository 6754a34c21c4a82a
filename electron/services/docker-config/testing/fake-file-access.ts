import type { FileAccess } from '../file-access';

export type FakeEntry =
  | string
  /** A socket or other non-readable thing that exists. */
  | { kind: 'socket' }
  /** Exists but reading it fails with this errno code (EACCES, EISDIR, …). */
  | { kind: 'error'; code: string };

/**
 * An in-memory FileAccess for tests: paths map to file contents, sockets or failures;
 * `links` maps a path to what it points to (for realpath).
 */
export function fakeFileAccess(entries: Record<string, FakeEntry>, links: Record<string, string> = {}): FileAccess {
  const resolve = (path: string): string => {
    let current = path;
    for (let hops = 0; hops < 10; hops++) {
      const target = links[current];
      if (target === undefined) return current;
      current = target;
    }
    return current;
  };
  return {
    async readText(path) {
      const entry = entries[resolve(path)];
      if (entry === undefined) throw nodeError('ENOENT', 'open', path);
      if (typeof entry === 'string') return entry;
      throw nodeError(entry.kind === 'error' ? entry.code : 'EISDIR', 'open', path);
    },
    async exists(path) {
      return entries[resolve(path)] !== undefined || links[path] !== undefined;
    },
    async realpath(path) {
      const resolved = resolve(path);
      if (entries[resolved] === undefined) throw nodeError('ENOENT', 'realpath', path);
      return resolved;
    },
  };
}

/** Shaped like the errors Node's fs and net throw: message, code, errno, syscall, path. */
export function nodeError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}
