import { randomUUID } from 'node:crypto';
import { HistoryEntryPatch, HistoryEntry, NewHistoryEntry, type HistoryList } from '../../contract/domain/history';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';

// Every build and push, kept in the app's key-value store under one key as
// `{ version: 1, entries: [...] }`, oldest first (appending is the common write). Reads are tolerant:
// an entry that no longer passes the schema (hand-edited, half-migrated, from a buggy build) is
// left out with a note rather than hiding the whole history; the next write drops it for good.
// The store rewrites its whole file on each set, so give history its own store file
// (electron-store `name: 'history'`) rather than the settings file.

export const HISTORY_KEY = 'history';
export const HISTORY_FORMAT_VERSION = 1;
/** Enough for years of builds; at a few KB an entry the file stays around a megabyte or two. */
export const DEFAULT_HISTORY_CAP = 500;

/**
 * Where the history is kept: one value under one key. The app core passes its store file
 * (electron-store in the app, conf or memory under plain Node); this service needs no more of it.
 */
export interface HistoryFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface HistoryStoreOptions {
  cap?: number;
  now?: () => Date;
  newId?: () => string;
}

interface Loaded {
  entries: HistoryEntry[];
  notes: string[];
}

function describeEntry(raw: unknown, index: number): string {
  if (typeof raw === 'object' && raw !== null) {
    const image = 'image' in raw && typeof raw.image === 'string' ? raw.image : null;
    const createdAt = 'createdAt' in raw && typeof raw.createdAt === 'string' ? raw.createdAt : null;
    if (image !== null) return `${image}${createdAt === null ? '' : ` (${createdAt})`}`;
  }
  return `entry ${index + 1}`;
}

function invalid(message: string, detail?: string): AppError {
  return new AppError('invalid-input', message, detail);
}

function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

export class HistoryStore {
  private readonly cap: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    private readonly store: HistoryFile,
    options: HistoryStoreOptions = {},
  ) {
    this.cap = options.cap ?? DEFAULT_HISTORY_CAP;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  private load(): Loaded {
    let raw: unknown;
    try {
      raw = this.store.get(HISTORY_KEY);
    } catch (error) {
      return { entries: [], notes: [`The history could not be read: ${errorMessage(error)}`] };
    }
    if (raw === undefined) return { entries: [], notes: [] };
    const list = typeof raw === 'object' && raw !== null && 'entries' in raw && Array.isArray(raw.entries) ? (raw.entries as unknown[]) : null;
    if (list === null) return { entries: [], notes: ['The history was damaged and could not be read; it starts again empty.'] };
    const entries: HistoryEntry[] = [];
    const notes: string[] = [];
    list.forEach((item, index) => {
      const parsed = HistoryEntry.safeParse(item);
      if (parsed.success) entries.push(parsed.data);
      else notes.push(`A damaged history entry was left out: ${describeEntry(item, index)}.`);
    });
    return { entries, notes };
  }

  private save(entries: HistoryEntry[]): void {
    // Keep the newest `cap` entries, stored oldest first.
    const kept = [...entries].sort((a, b) => newestFirst(b, a)).slice(-this.cap);
    this.store.set(HISTORY_KEY, { version: HISTORY_FORMAT_VERSION, entries: kept });
  }

  /** Newest first, with a note for each damaged entry that was left out. */
  list(): HistoryList {
    const { entries, notes } = this.load();
    return { entries: entries.sort(newestFirst), notes };
  }

  get(id: string): HistoryEntry | null {
    return this.load().entries.find((entry) => entry.id === id) ?? null;
  }

  add(entry: NewHistoryEntry): HistoryEntry {
    const parsed = NewHistoryEntry.safeParse(entry);
    if (!parsed.success) throw invalid('This history entry is not valid', parsed.error.message);
    const full: HistoryEntry = { ...parsed.data, id: this.newId(), createdAt: parsed.data.createdAt ?? this.now().toISOString() };
    this.save([...this.load().entries, full]);
    return full;
  }

  /** Fills in what a later step learned (digest, size, lock, result). */
  update(id: string, patch: HistoryEntryPatch): HistoryEntry {
    const parsedPatch = HistoryEntryPatch.safeParse(patch);
    if (!parsedPatch.success) throw invalid('This change to a history entry is not valid', parsedPatch.error.message);
    const { entries } = this.load();
    const index = entries.findIndex((entry) => entry.id === id);
    const current = entries[index];
    if (current === undefined) throw new AppError('not-found', 'That history entry no longer exists');
    const updated = HistoryEntry.parse({ ...current, ...parsedPatch.data });
    entries[index] = updated;
    this.save(entries);
    return updated;
  }

  /** True when something was deleted. */
  delete(id: string): boolean {
    const { entries } = this.load();
    const kept = entries.filter((entry) => entry.id !== id);
    if (kept.length === entries.length) return false;
    this.save(kept);
    return true;
  }
}
