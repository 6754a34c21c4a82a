import type { KeyValueStore } from './key-value-store';

/** A store that lives as long as the process: for the headless entry, which keeps no preferences. */
export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  readonly path = ':memory:';

  get(key: string): unknown {
    return this.values.get(key);
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  delete(key: string): void {
    this.values.delete(key);
  }
}
