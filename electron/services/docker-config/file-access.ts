import { lstat, readFile, realpath } from 'node:fs/promises';

/**
 * The few file operations discovery needs. Injected so unit tests can describe a whole
 * ~/.docker tree (and its failures) as a plain object instead of touching the disk.
 */
export interface FileAccess {
  /** Rejects with a Node error carrying `code` (ENOENT, EACCES, …). */
  readText(path: string): Promise<string>;
  /**
   * True when something is at `path`, even if we may not read or connect to it: an unreadable
   * socket is still worth probing, because the probe can explain the permission problem.
   */
  exists(path: string): Promise<boolean>;
  /** Resolves symlinks; rejects when the path does not exist. */
  realpath(path: string): Promise<string>;
}

export const nodeFileAccess: FileAccess = {
  readText: (path) => readFile(path, 'utf8'),
  exists: async (path) => {
    try {
      await lstat(path);
      return true;
    } catch (error) {
      const code = errorCode(error);
      return code !== 'ENOENT' && code !== 'ENOTDIR';
    }
  },
  realpath: (path) => realpath(path),
};

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status dockerode puts on a failed request's error; null for anything else (socket errors, our own). */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const { statusCode } = error;
    return typeof statusCode === 'number' ? statusCode : null;
  }
  return null;
}
