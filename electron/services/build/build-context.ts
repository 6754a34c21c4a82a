import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import type { RecipePlan } from '../../contract/domain/recipe';

/** The Dockerfile's name inside the context; passed to the engine as `dockerfile`. */
export const DOCKERFILE_NAME = 'Dockerfile';

// Fixed metadata for every entry: the same plan gives the same bytes, so COPY steps hit the
// engine's cache on a rebuild and nothing about the user's machine (owner, clock) leaks in.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
const FILE_MODE = 0o644;

export interface ContextEntry {
  name: string;
  content: Buffer;
}

/** What goes into the context, in a fixed order: the Dockerfile, then the plan's files sorted by path. */
export function buildContextEntries(plan: Pick<RecipePlan, 'dockerfile' | 'files'>): ContextEntry[] {
  const files = [...plan.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const names = new Set<string>([DOCKERFILE_NAME]);
  for (const file of files) {
    // The plan's paths are ours, but a bad one would silently overwrite or escape the context.
    if (file.path === '' || file.path.startsWith('/') || file.path.split('/').includes('..') || names.has(file.path)) {
      throw new Error(`Build context path "${file.path}" is not a fresh relative path`);
    }
    names.add(file.path);
  }
  return [
    { name: DOCKERFILE_NAME, content: Buffer.from(plan.dockerfile, 'utf8') },
    ...files.map((file) => ({ name: file.path, content: Buffer.from(file.content, 'utf8') })),
  ];
}

/**
 * An uncompressed tar stream holding only the plan's Dockerfile and files: the user's folders are
 * never sent to the engine. Written in memory; recipes are a few kilobytes.
 */
export function createBuildContext(plan: Pick<RecipePlan, 'dockerfile' | 'files'>): Readable {
  const tar = pack();
  for (const entry of buildContextEntries(plan)) {
    tar.entry(
      { name: entry.name, size: entry.content.length, mode: FILE_MODE, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: 'root', gname: 'root', type: 'file' },
      entry.content,
    );
  }
  tar.finalize();
  // tar-stream's pack is a streamx stream; wrapped, it is a plain Node Readable for the HTTP request.
  return Readable.from(tar, { objectMode: false });
}
