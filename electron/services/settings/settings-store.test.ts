import Conf from 'conf';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../contract/domain/settings';
import { AppError } from '../../contract/errors';
import type { SettingsFile } from './settings-store';
import { setAsideUnparseableJson } from './damaged-store-file';
import { loadSettings, loadSettingsAfterSetAside, saveSettings, SETTINGS_KEY } from './settings-store';

// Against the real conf (electron-store's base), in a throwaway directory.

let dir: string;
let store: Conf;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'settings-'));
  store = new Conf({ cwd: dir, projectName: 'runtime-image-builder-test' });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadSettings', () => {
  it('gives the defaults on first run and writes nothing', () => {
    const result = loadSettings(store);
    expect(result).toEqual({ settings: DEFAULT_SETTINGS, reset: [], message: null });
    expect(store.get(SETTINGS_KEY)).toBeUndefined();
  });

  it('reads back what was saved', () => {
    const saved = saveSettings(store, { defaultRegistry: 'quay.io', defaultNamespace: 'alice', platform: 'linux/arm64', notifications: false });
    expect(saved.defaultRegistry).toBe('quay.io');
    expect(loadSettings(store)).toEqual({ settings: saved, reset: [], message: null });
  });

  it('resets only the damaged fields, says which, and saves the repair', () => {
    store.set(SETTINGS_KEY, {
      ...DEFAULT_SETTINGS,
      defaultRegistry: 'ghcr.io',
      platform: 'windows/amd64',
      notifications: 'yes',
      packageIndex: { indexUrl: 'ftp://nope', extraIndexUrls: ['https://extra.example/simple'], trustedHosts: [] },
    });
    const result = loadSettings(store);
    expect(result.settings.defaultRegistry).toBe('ghcr.io');
    expect(result.settings.platform).toBe('linux/amd64');
    expect(result.settings.notifications).toBe(true);
    expect(result.settings.packageIndex).toEqual({
      indexUrl: DEFAULT_SETTINGS.packageIndex.indexUrl,
      extraIndexUrls: ['https://extra.example/simple'],
      trustedHosts: [],
    });
    expect(result.reset).toEqual(['platform', 'packageIndex.indexUrl', 'notifications']);
    expect(result.message).toBe('Your settings file was damaged; these were reset: image platform, package index URL, notifications.');
    // Repaired on disk: the notice is shown once.
    expect(loadSettings(store).message).toBeNull();
  });

  it('ignores fields it does not know and fills fields that are missing without calling it damage', () => {
    store.set(SETTINGS_KEY, { defaultRegistry: 'quay.io', someFutureSetting: 1 });
    const result = loadSettings(store);
    expect(result.reset).toEqual([]);
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, defaultRegistry: 'quay.io' });
  });

  it('resets everything when the value is not an object at all', () => {
    store.set(SETTINGS_KEY, 'garbage');
    const result = loadSettings(store);
    // A file was there, so the app ran before: the first-run guide must not cover the notice.
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
    expect(result.reset).toEqual(Object.keys(DEFAULT_SETTINGS));
  });

  it('recovers from a settings file that is not JSON, keeping the damaged file aside', () => {
    saveSettings(store, { defaultNamespace: 'alice' });
    writeFileSync(store.path, '{"settings": {"defaultNamespace": "al');
    expect(() => store.get(SETTINGS_KEY)).toThrow(SyntaxError); // what conf does on its own
    const result = loadSettings(store);
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
    expect(result.reset).toHaveLength(Object.keys(DEFAULT_SETTINGS).length);
    expect(result.message).toMatch(
      /^Your settings file could not be read \(.+\); all settings were reset to their defaults\. The damaged file was kept as .+\.damaged-/,
    );
    const kept = readdirSync(dir).filter((name) => name.includes('.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dir, kept[0] ?? ''), 'utf8')).toContain('"al');
    expect(store.get(SETTINGS_KEY)).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
  });

  it('never throws, even when the store cannot be read or written at all', () => {
    const broken: SettingsFile = {
      path: path.join(dir, 'nowhere.json'),
      get: () => {
        throw new Error('EACCES: permission denied');
      },
      set: () => {
        throw new Error('EROFS: read-only file system');
      },
    };
    const result = loadSettings(broken, { setAside: () => null });
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
    expect(result.message).toContain('EACCES');
    expect(result.message).toContain('could not be saved (EROFS');
  });
});

describe('saveSettings', () => {
  it('merges a partial package index with the current one', () => {
    saveSettings(store, { packageIndex: { extraIndexUrls: ['https://a.example/simple'] } });
    const next = saveSettings(store, { packageIndex: { trustedHosts: ['a.example', 'localhost:8080'] } });
    expect(next.packageIndex).toEqual({
      indexUrl: 'https://pypi.org/simple',
      extraIndexUrls: ['https://a.example/simple'],
      trustedHosts: ['a.example', 'localhost:8080'],
    });
  });

  it('rejects an invalid change with a message naming the field, and changes nothing', () => {
    saveSettings(store, { defaultNamespace: 'alice' });
    const attempt = () => saveSettings(store, { packageIndex: { indexUrl: 'not a url' } });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/^package index URL: /);
    expect(() => saveSettings(store, { platform: 'linux/s390x' } as unknown as Partial<Settings>)).toThrow(/image platform/);
    expect(() => saveSettings(store, { unknownKey: true } as unknown as Partial<Settings>)).toThrow(AppError);
    expect(loadSettings(store).settings).toEqual({ ...DEFAULT_SETTINGS, defaultNamespace: 'alice' });
  });

  it('after the app set a damaged file aside: the defaults, the first run done, and where the file went', () => {
    const result = loadSettingsAfterSetAside(store, '/data/settings.json.damaged-1');
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, firstRunDone: true });
    expect(result.message).toBe(
      'Your settings file could not be read, so the app started with its defaults. The old file was kept as /data/settings.json.damaged-1.',
    );
    expect(loadSettings(store).settings.firstRunDone).toBe(true);
  });

  it('marks the first run done', () => {
    expect(saveSettings(store, { firstRunDone: true }).firstRunDone).toBe(true);
    expect(loadSettings(store).settings.firstRunDone).toBe(true);
  });
});

describe('setAsideUnparseableJson', () => {
  it('leaves a good file or a missing file alone and moves a broken one', () => {
    const file = path.join(dir, 'config.json');
    expect(setAsideUnparseableJson(file)).toBeNull();
    writeFileSync(file, '{"a":1}');
    expect(setAsideUnparseableJson(file)).toBeNull();
    writeFileSync(file, '{"a":');
    const moved = setAsideUnparseableJson(file, new Date('2026-11-02T10:20:30.456Z'));
    expect(moved).toBe(`${file}.damaged-2026-11-02T10-20-30-456Z`);
    expect(existsSync(file)).toBe(false);
    // After that, conf opens without throwing.
    expect(() => new Conf({ cwd: dir, projectName: 'x', configName: 'config' }).get('a')).not.toThrow();
  });
});
