import { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsPatch, Settings, type SettingsLoadResult } from '../../contract/domain/settings';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { isPlainObject } from '../shared/plain-object';
import { setAsideUnparseableJson } from './damaged-store-file';

// Settings live under one key of the app's key-value store. Loading repairs rather than rejects: a
// damaged field goes back to its default and the user is told which ones, everything else is kept.

export const SETTINGS_KEY = 'settings';

/**
 * Where the settings are kept: one value under one key of a store file, whose path is where an
 * unreadable file is set aside. The app core passes electron-store (conf under plain Node).
 */
export interface SettingsFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

/** Words for the notice; keys are field paths as `reset` lists them. */
const LABELS: Record<string, string> = {
  defaultRegistry: 'default registry',
  defaultNamespace: 'default namespace',
  elyraVersion: 'Elyra version',
  pythonVersion: 'Python version',
  platform: 'image platform',
  packageIndex: 'package index',
  'packageIndex.indexUrl': 'package index URL',
  'packageIndex.extraIndexUrls': 'extra package index URLs',
  'packageIndex.trustedHosts': 'trusted hosts',
  buildNetwork: 'build network',
  notifications: 'notifications',
  firstRunDone: 'first-run guide',
};

export interface LoadSettingsDeps {
  /** Moves an unreadable store file aside; returns where it went. Default: rename beside it. */
  setAside?: (filePath: string) => string | null;
}

/**
 * Keeps every field of `raw` that passes its schema, takes the default for the others, and records
 * which were damaged. A missing field is not damage: it is a setting added by a newer version.
 * One level of nesting (packageIndex) is repaired field by field too.
 */
function repairFields<T extends Record<string, unknown>>(
  shape: Record<string, z.ZodType>,
  defaults: T,
  raw: Record<string, unknown>,
  prefix: string,
  reset: string[],
): T {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in raw) || raw[key] === undefined) continue;
    const value = raw[key];
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      result[key] = parsed.data;
      continue;
    }
    const nestedDefaults = defaults[key];
    if (schema instanceof z.ZodObject && isPlainObject(nestedDefaults) && isPlainObject(value)) {
      result[key] = repairFields(schema.shape, nestedDefaults, value, `${prefix}${key}.`, reset);
    } else {
      reset.push(`${prefix}${key}`);
    }
  }
  return result as T;
}

/**
 * Defaults for a store file that exists but is damaged. A file on disk means the app ran here
 * before, so the first-run guide stays done: it would cover the notice that explains the reset.
 */
const DAMAGED_FILE_DEFAULTS: Settings = { ...DEFAULT_SETTINGS, firstRunDone: true };

function labelsOf(reset: string[]): string {
  return reset.map((key) => LABELS[key] ?? key).join(', ');
}

/** Reads the settings, repairing what is damaged. Never throws: the app must start whatever is on disk. */
export function loadSettings(store: SettingsFile, deps: LoadSettingsDeps = {}): SettingsLoadResult {
  const setAside = deps.setAside ?? ((filePath: string) => setAsideUnparseableJson(filePath));
  let raw: unknown;
  try {
    raw = store.get(SETTINGS_KEY);
  } catch (readError) {
    // The whole file is unreadable (conf throws on every access). Move it aside so the store works again.
    const all = Object.keys(DEFAULT_SETTINGS);
    let keptAt: string | null = null;
    let note = '';
    try {
      keptAt = setAside(store.path);
      store.set(SETTINGS_KEY, DAMAGED_FILE_DEFAULTS);
    } catch (repairError) {
      note = ` They could not be saved (${errorMessage(repairError)}).`;
    }
    const where = keptAt === null ? '' : ` The damaged file was kept as ${keptAt}.`;
    const why = readError instanceof Error ? ` (${readError.message})` : '';
    return {
      settings: { ...DAMAGED_FILE_DEFAULTS },
      reset: all,
      message: `Your settings file could not be read${why}; all settings were reset to their defaults.${where}${note}`,
    };
  }

  if (raw === undefined) return { settings: { ...DEFAULT_SETTINGS }, reset: [], message: null };

  const reset: string[] = [];
  let settings: Settings;
  if (!isPlainObject(raw)) {
    reset.push(...Object.keys(DEFAULT_SETTINGS));
    settings = { ...DAMAGED_FILE_DEFAULTS };
  } else {
    settings = repairFields(Settings.shape, DEFAULT_SETTINGS, raw, '', reset);
    if (reset.includes('firstRunDone')) settings.firstRunDone = DAMAGED_FILE_DEFAULTS.firstRunDone;
  }
  if (reset.length === 0) return { settings, reset, message: null };

  let note = '';
  try {
    store.set(SETTINGS_KEY, settings);
  } catch (error) {
    note = ` The repair could not be saved (${errorMessage(error)}); it will be tried again next time.`;
  }
  return { settings, reset, message: `Your settings file was damaged; these were reset: ${labelsOf(reset)}.${note}` };
}

/**
 * The settings after the app moved an unparseable store file aside before opening the store (so
 * the store is empty now): the defaults, except that the first run is known to be done.
 */
export function loadSettingsAfterSetAside(store: SettingsFile, keptAt: string): SettingsLoadResult {
  let note = '';
  try {
    store.set(SETTINGS_KEY, DAMAGED_FILE_DEFAULTS);
  } catch (error) {
    note = ` The defaults could not be saved (${errorMessage(error)}).`;
  }
  return {
    settings: { ...DAMAGED_FILE_DEFAULTS },
    reset: Object.keys(DEFAULT_SETTINGS),
    message: `Your settings file could not be read, so the app started with its defaults. The old file was kept as ${keptAt}.${note}`,
  };
}

/** Applies a change from the preferences screen and returns the settings now in force. */
export function saveSettings(store: SettingsFile, patch: SettingsPatch): Settings {
  const parsedPatch = SettingsPatch.safeParse(patch);
  if (!parsedPatch.success) {
    const issue = parsedPatch.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('invalid-input', `${LABELS[field] ?? (field || 'Settings')}: ${issue?.message ?? 'invalid value'}`);
  }
  const { settings: current } = loadSettings(store);
  const { packageIndex, ...rest } = parsedPatch.data;
  const next = Settings.parse({ ...current, ...rest, packageIndex: { ...current.packageIndex, ...packageIndex } });
  store.set(SETTINGS_KEY, next);
  return next;
}
