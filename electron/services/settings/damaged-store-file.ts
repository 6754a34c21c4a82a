import { existsSync, readFileSync, renameSync } from 'node:fs';

// electron-store and conf throw from their constructor, and from every get and set, when their JSON
// file does not parse (conf's default clearInvalidConfig is false) — and with clearInvalidConfig on,
// they silently start from an empty store. Neither tells the user. Moving the damaged file aside
// first lets the store start clean while the old bytes stay on disk for anyone who wants them.

/** `<file>.damaged-<UTC stamp>`: beside the original so a support person finds it. */
export function damagedCopyPath(filePath: string, now: Date): string {
  return `${filePath}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * If `filePath` exists and is not valid JSON, renames it aside and returns the new path; otherwise
 * returns null. Synchronous because the main process calls it right before constructing the store.
 */
export function setAsideUnparseableJson(filePath: string, now: Date = new Date()): string | null {
  if (!existsSync(filePath)) return null;
  try {
    JSON.parse(readFileSync(filePath, 'utf8'));
    return null;
  } catch {
    const target = damagedCopyPath(filePath, now);
    renameSync(filePath, target);
    return target;
  }
}
