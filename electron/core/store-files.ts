import { join } from 'node:path';
import { setAsideUnparseableJson } from '../services/settings';

/** The store files the app keeps in its data folder (electron-store's `name` + .json). */
export const storeNames = { settings: 'settings', history: 'history' } as const;

/**
 * Run before the stores open: a file that is not JSON would make electron-store (and conf) throw
 * on every call, so it is moved aside. Returns where the settings file went, if it was damaged.
 */
export function setAsideDamagedStores(dataDir: string): { settingsSetAside: string | null } {
  const settingsSetAside = setAsideUnparseableJson(join(dataDir, `${storeNames.settings}.json`));
  setAsideUnparseableJson(join(dataDir, `${storeNames.history}.json`));
  return { settingsSetAside };
}
