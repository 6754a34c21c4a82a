import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/**
 * What a run gets of the user's folder. Elyra sends a node its file and the dependencies declared
 * beside it, unpacked in the working directory (the archive is made relative to the file's folder);
 * without declarations to read, the try sends the file's folder, as a user declaring `*` would,
 * bounded so that a folder of data sets does not go into every run.
 */

const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'node_modules',
  '__pycache__',
  '.ipynb_checkpoints',
  'site-packages',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
]);
const SOURCE = new Set(['.py', '.ipynb']);
export const WORK_MAX_BYTES = 100 * 1024 * 1024;
export const WORK_MAX_FILES = 2000;
const FIXED_MTIME = new Date(0);

export interface WorkFile {
  /** '/'-separated, relative to the folder. */
  path: string;
  absolute: string;
  size: number;
}

export interface WorkFolder {
  files: WorkFile[];
  /** What was left out, in words; null when nothing was. */
  leftOut: string | null;
}

export interface CollectWorkOptions {
  /** Folders not to send (the try's own output folder when it is inside). */
  exclude?: readonly string[];
  maxBytes?: number;
  maxFiles?: number;
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export async function collectWorkFolder(folder: string, options: CollectWorkOptions = {}): Promise<WorkFolder> {
  const maxBytes = options.maxBytes ?? WORK_MAX_BYTES;
  const maxFiles = options.maxFiles ?? WORK_MAX_FILES;
  const exclude = (options.exclude ?? []).map((p) => resolve(p));
  const found: WorkFile[] = [];
  let seen = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    // A virtual environment under any name has this marker.
    if (entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg')) return;
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (exclude.some((x) => inside(full, x))) continue;
      // Links are not followed: one pointing up the tree would never end.
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
        // Stop walking a huge tree early: what is over the file limit is left out anyway.
        if (seen < maxFiles * 5) await walk(full);
      } else if (entry.isFile()) {
        seen++;
        const info = await stat(full).catch(() => null);
        if (info) found.push({ path: relative(folder, full).split(sep).join('/'), absolute: full, size: info.size });
      }
    }
  };
  await walk(resolve(folder));
  // Code first, then the smallest files: a folder over the limit keeps what notebooks import and read most.
  const ordered = [...found].sort(
    (a, b) => Number(SOURCE.has(extname(b.path))) - Number(SOURCE.has(extname(a.path))) || a.size - b.size || a.path.localeCompare(b.path),
  );
  const files: WorkFile[] = [];
  let bytes = 0;
  for (const file of ordered) {
    if (files.length >= maxFiles || bytes + file.size > maxBytes) continue;
    files.push(file);
    bytes += file.size;
  }
  const left = found.length - files.length;
  const leftBytes = found.reduce((n, f) => n + f.size, 0) - bytes;
  const leftOut =
    left > 0 || seen > found.length
      ? `${left} file${left === 1 ? '' : 's'} of the folder (${Math.round(leftBytes / 1024 / 1024)} MB) were not sent with the run: over the ${Math.round(maxBytes / 1024 / 1024)} MB and ${maxFiles} files a try sends.`
      : null;
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, leftOut };
}

async function tarBuffer(entries: { name: string; content: Buffer; mode: number }[], directories: readonly string[] = []): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolvePromise, reject) => {
    tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on('end', () => resolvePromise(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  for (const name of directories) tar.entry({ name, mode: 0o755, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: 'root', gname: 'root', type: 'directory' });
  for (const entry of entries) {
    tar.entry(
      { name: entry.name, size: entry.content.length, mode: entry.mode, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: 'root', gname: 'root', type: 'file' },
      entry.content,
    );
  }
  tar.finalize();
  return done;
}

/** The folder as `tar -zxf` unpacks it, files readable by any user (the run's user owns what it unpacks). */
export async function workArchive(work: WorkFolder): Promise<Buffer> {
  const entries = await Promise.all(work.files.map(async (f) => ({ name: f.path, content: await readFile(f.absolute), mode: 0o644 })));
  return gzipSync(await tarBuffer(entries));
}

/** What is put into the container's /tmp before it starts: the folder's archive and the runner. */
export const TRY_DIR = '/tmp/rib-try';

export async function runBundle(files: { work: Buffer; runner: string }): Promise<Buffer> {
  return tarBuffer(
    [
      { name: 'rib-try/work.tar.gz', content: files.work, mode: 0o644 },
      { name: 'rib-try/run.py', content: Buffer.from(files.runner, 'utf8'), mode: 0o644 },
    ],
    ['rib-try/'],
  );
}
