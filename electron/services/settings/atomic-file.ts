import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errorCode } from '../docker-config/file-access';

// Files that must never be seen half-written: the draft, the Elyra runtime-image file. The bytes go
// to a temporary file in the same directory (a rename is atomic only within one file system), which
// is flushed to disk before it is renamed over the target; then the directory itself is flushed so
// the rename survives a power cut. A process killed at any instant leaves either the old file or the
// new one, plus at worst a stray temporary file that removeStaleTempFiles() clears later.

export interface AtomicWriteOptions {
  /** File mode of a new file. Default 0o600: these files are the user's own. */
  mode?: number;
  /** When false, refuse to replace an existing file (AtomicWriteConflict) instead of replacing it. Default true. */
  overwrite?: boolean;
  /** Create missing parent directories with this mode. Default: the directory must exist. */
  createDirectoryMode?: number;
}

/** The target existed and overwrite was false. */
export class AtomicWriteConflict extends Error {
  override readonly name = 'AtomicWriteConflict';
  readonly code = 'EEXIST';
  constructor(readonly filePath: string) {
    super(`${filePath} already exists`);
  }
}

const TEMP_SUFFIX = '.tmp';

/** `.<name>.<pid>.<random>.tmp` beside the target: hidden, and traceable to the process that wrote it. */
function tempPathFor(filePath: string): string {
  const dir = path.dirname(filePath);
  return path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * On Windows a rename over a file that another process (an indexer, an antivirus) holds open fails
 * for a moment with EPERM/EACCES/EBUSY; retrying briefly is what graceful-fs does too.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= 10 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      await delay(20 * (attempt + 1));
    }
  }
}

/** Flushes a directory entry change (the rename) to disk. Windows cannot open a directory: nothing to do there. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Puts the finished temp file in place without replacing an existing file. A hard link fails with
 * EEXIST atomically when the target exists, so two writers cannot both "create". File systems
 * without hard links (FAT, some network shares) fall back to a check then rename, which has a
 * small window but no torn file.
 */
async function linkIntoPlace(tempPath: string, filePath: string): Promise<void> {
  try {
    await fs.link(tempPath, filePath);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') throw new AtomicWriteConflict(filePath);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    if (await pathExists(filePath)) throw new AtomicWriteConflict(filePath);
    await renameWithRetry(tempPath, filePath);
    return;
  }
  await fs.unlink(tempPath);
}

async function writeOnce(filePath: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const dir = path.dirname(filePath);
  if (options.createDirectoryMode !== undefined) await fs.mkdir(dir, { recursive: true, mode: options.createDirectoryMode });
  const tempPath = tempPathFor(filePath);
  let placed = false;
  try {
    const handle = await fs.open(tempPath, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      // Data must be on disk before the rename makes it the file; otherwise a crash can leave an
      // empty or partial file under the final name (the classic ext4 delayed-allocation case).
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) await linkIntoPlace(tempPath, filePath);
    else await renameWithRetry(tempPath, filePath);
    placed = true;
    await syncDirectory(dir);
  } finally {
    if (!placed) await fs.rm(tempPath, { force: true });
  }
}

/**
 * Writes (and removals) of one path happen one after another in call order, so a slow earlier save
 * can never land after, and undo, a later one or a removal.
 */
const queues = new Map<string, Promise<unknown>>();

function enqueue(filePath: string, task: (resolvedPath: string) => Promise<void>): Promise<void> {
  const key = path.resolve(filePath);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => task(key));
  queues.set(key, next);
  const forget = () => {
    if (queues.get(key) === next) queues.delete(key);
  };
  next.then(forget, forget);
  return next;
}

export function writeFileAtomic(filePath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  return enqueue(filePath, (resolved) => writeOnce(resolved, data, options));
}

/** Removes the file (no error if it is not there), in order with the writes to it, and flushes the directory. */
export function removeFile(filePath: string): Promise<void> {
  return enqueue(filePath, async (resolved) => {
    try {
      await fs.unlink(resolved);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    await syncDirectory(path.dirname(resolved));
  });
}

export async function pathExists(filePath: string): Promise<boolean> {
  try {
    await fs.lstat(filePath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
    throw error;
  }
}

/** The file's text, or null when there is no such file. */
export async function readTextIfExists(filePath: string): Promise<string | null> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/** Temporary files left beside `filePath` by writes that never finished (the writer was killed). */
export async function listTempFiles(filePath: string): Promise<string[]> {
  const dir = path.dirname(filePath);
  const prefix = `.${path.basename(filePath)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)).map((name) => path.join(dir, name));
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; leave its file alone.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Deletes temp files whose writer is no longer running. Files of this process and of live processes
 * are kept: they may be mid-write. Returns what was removed.
 */
export async function removeStaleTempFiles(filePath: string): Promise<string[]> {
  const removed: string[] = [];
  for (const tempPath of await listTempFiles(filePath)) {
    const pid = Number(
      path
        .basename(tempPath)
        .slice(path.basename(filePath).length + 2)
        .split('.')[0],
    );
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    await fs.rm(tempPath, { force: true });
    removed.push(tempPath);
  }
  return removed;
}
