import Conf from 'conf';
import type { SettingsPatch } from '../../electron/contract/domain/settings';
import { type AppCore, type AppCoreDeps, createAppCore } from '../../electron/core/app-core';
import { setAsideDamagedStores, storeNames } from '../../electron/core/store-files';
import { SETTINGS_KEY } from '../../electron/services/settings';

/** One of the app's store files in a data folder, as electron-store keeps it (conf is what electron-store is built on). */
export function openStore(dataDir: string, name: keyof typeof storeNames): Conf {
  return new Conf({ cwd: dataDir, configName: storeNames[name], projectName: 'runtime-image-builder' });
}

/** Writes the preferences an app on this data folder starts with. */
export function writeStartSettings(dataDir: string, settings: SettingsPatch): void {
  openStore(dataDir, 'settings').set(SETTINGS_KEY, settings);
}

/** What a core without windows must be told; the rest has a headless default (below). */
export type HeadlessCoreOptions = Pick<AppCoreDeps, 'publish' | 'dataDir' | 'env' | 'homedir'> &
  Partial<Pick<AppCoreDeps, 'copyToClipboard' | 'takePendingFiles' | 'dialogs' | 'logError' | 'openPath'>> & {
    /** appInfo.version: tells the runs apart in what the app records ("0.0.0-bench"). */
    version: string;
    /** The preferences it starts with, as a user's earlier session left them. */
    startSettings?: SettingsPatch;
  };

/**
 * The app core as electron/main/index.ts builds it, without Electron: damaged store files set aside
 * first, then the stores on the data folder. No browser to open, no clipboard, dialogs that answer
 * nothing, unless the caller says otherwise. The e2e fixtures, the bench and the suites that drive
 * the core directly all start it here.
 */
export function startHeadlessCore(options: HeadlessCoreOptions): { core: AppCore; settingsSetAside: string | null } {
  const { dataDir, version, startSettings, ...rest } = options;
  const { settingsSetAside } = setAsideDamagedStores(dataDir);
  if (startSettings !== undefined) writeStartSettings(dataDir, startSettings);
  const core = createAppCore({
    store: openStore(dataDir, 'settings'),
    historyStore: openStore(dataDir, 'history'),
    dataDir,
    settingsSetAside,
    platform: process.platform,
    appInfo: { name: 'Runtime Image Builder', version, platform: process.platform, arch: process.arch },
    openExternal: async () => true,
    openPath: async () => true,
    copyToClipboard: () => undefined,
    dialogs: { chooseFolder: async () => null, chooseFiles: async () => [] },
    ...rest,
  });
  return { core, settingsSetAside };
}
