/**
 * The little the core needs from a settings file. electron-store provides it in the app and its
 * base, conf, provides it under plain Node (tests, CLI); both write atomically.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}
