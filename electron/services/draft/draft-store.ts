import { DRAFT_FORMAT_VERSION, Draft } from '../../contract/domain/draft';
import { AppError } from '../../contract/errors';
import { readTextIfExists, removeFile, removeStaleTempFiles, writeFileAtomic } from '../settings/atomic-file';

// The recipe being edited, in a file of its own (not in the settings store, whose every write
// rewrites settings and history too). Each save replaces the file atomically, so a crash, a kill or
// a power cut during a save leaves the previous draft whole. The caller debounces; saves still
// land in call order.

export type DraftPayload = Draft['payload'];

export interface DraftStoreOptions {
  now?: () => Date;
}

export class DraftStore {
  private readonly now: () => Date;

  constructor(
    readonly filePath: string,
    options: DraftStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Saves the payload as the current draft and returns what was written. */
  async save(payload: DraftPayload): Promise<Draft> {
    const parsed = Draft.safeParse({ version: DRAFT_FORMAT_VERSION, updatedAt: this.now().toISOString(), payload });
    if (!parsed.success) throw new AppError('invalid-input', 'The draft cannot be saved: it is not plain JSON data', parsed.error.message);
    await writeFileAtomic(this.filePath, JSON.stringify(parsed.data), { createDirectoryMode: 0o700 });
    return parsed.data;
  }

  /**
   * The last draft saved completely, or null when there is none (or the file was damaged by
   * something other than us). Also clears temp files that killed saves left behind.
   */
  async load(): Promise<Draft | null> {
    await removeStaleTempFiles(this.filePath).catch(() => []);
    const text = await readTextIfExists(this.filePath);
    if (text === null) return null;
    try {
      const parsed = Draft.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Forgets the draft (the recipe was built, or the user started over). */
  async clear(): Promise<void> {
    await removeFile(this.filePath);
  }
}
