import { app, BrowserWindow, clipboard, Menu, shell } from 'electron';
import Store from 'electron-store';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../core/app-core';
import { createJobGlue } from './job-glue';
import type { EventChannel, EventPayload } from '../contract/ipc';
import { externalLinks } from '../core/links';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenApp, hardenSession, isTrustedUrl, openExternalSafely } from './security';
import { registerIpc } from './ipc';
import { buildAppMenu } from './menu';
import { createMainWindow } from './window';
import { openableFiles } from './open-files';
import { setAsideDamagedStores, storeNames } from '../core/store-files';
import { nativeDialogs } from './dialogs';

const here = fileURLToPath(new URL('.', import.meta.url));
// Only an unpackaged app (electron-vite dev) loads the renderer from a dev server: a packaged one
// ignores the variable, so nobody can point the window elsewhere through the environment.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it gets our command line (files to open) and comes to the front.
  app.quit();
} else {
  registerAppScheme();
  hardenApp(devServerUrl);

  let mainWindow: BrowserWindow | null = null;
  // Files handed to us before the window could take them (macOS open-file at launch, argv).
  let pendingFiles = openableFiles(process.argv.slice(1));

  const publish = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    if (event === 'job:update') jobGlue.onUpdate(payload as EventPayload<'job:update'>);
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(event, payload);
    }
  };

  // Until the renderer has asked for the files waiting for it, new ones wait too; after that they go as events.
  let rendererListening = false;
  const deliverFiles = (paths: string[]): void => {
    if (paths.length === 0) return;
    if (rendererListening && mainWindow && !mainWindow.webContents.isLoading()) publish('app:open-files', { paths });
    else pendingFiles = [...pendingFiles, ...paths];
  };
  const takePendingFiles = (): string[] => {
    rendererListening = true;
    const files = pendingFiles;
    pendingFiles = [];
    return files;
  };

  const showWindow = (): BrowserWindow => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow({ store, preloadDir: join(here, '../preload'), devServerUrl });
      // A reload starts a renderer that has not asked yet.
      mainWindow.webContents.on('did-start-loading', () => {
        rendererListening = false;
      });
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  };

  const jobGlue = createJobGlue({
    assetsDir: join(app.getAppPath(), 'assets'),
    showWindow: () => showWindow(),
    currentWindow: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
    navigate: (screen) => publish('app:navigate', { screen }),
    cancel: (id) => core?.jobs.cancel(id),
    notificationsOn: () => core?.settings().notifications ?? true,
    // A job that went on after the window closed has ended and its notification is gone: with no
    // window, and no tray on desktops without a StatusNotifier host, nothing could reach the app.
    onIdle: () => {
      if (process.platform !== 'darwin') app.quit();
    },
  });
  let core: AppCore | null = null;

  app.on('open-file', (event, path) => {
    event.preventDefault();
    deliverFiles([path]);
  });

  app.on('second-instance', (_event, argv) => {
    showWindow();
    deliverFiles(openableFiles(argv.slice(1)));
  });

  const { settingsSetAside } = setAsideDamagedStores(app.getPath('userData'));
  const store = new Store({ name: storeNames.settings });
  const historyStore = new Store({ name: storeNames.history });

  void app.whenReady().then(() => {
    hardenSession();
    const dialogs = nativeDialogs(showWindow);
    serveRenderer(join(here, '../renderer'));
    core = createAppCore({
      publish,
      store,
      historyStore,
      dataDir: app.getPath('userData'),
      settingsSetAside,
      env: process.env,
      homedir: homedir(),
      platform: process.platform,
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, arch: process.arch },
      openExternal: openExternalSafely,
      // shell.openPath answers '' when it opened the folder, else the reason it could not.
      openPath: async (path) => (await shell.openPath(path)) === '',
      copyToClipboard: (text) => clipboard.writeText(text),
      takePendingFiles,
      takePendingScreen: () => jobGlue.takeUnseenScreen(),
      dialogs,
    });
    registerIpc(core.dispatch, (url) => isTrustedUrl(url, devServerUrl));

    const isMac = process.platform === 'darwin';
    const menu = buildAppMenu(
      {
        openRequirements: async () => deliverFiles(await dialogs.chooseFiles()),
        openPreferences: () => {
          showWindow();
          publish('app:navigate', { screen: 'settings' });
        },
        openElyraDocs: () => void openExternalSafely(externalLinks['elyra-runtime-images']),
        // Packed apps keep README.md unpacked beside the asar (electron-builder.cjs): the OS cannot open a file inside it.
        openReadme: () => void shell.openPath(join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'README.md')),
      },
      { isMac, isDev: devServerUrl !== undefined },
    );
    Menu.setApplicationMenu(menu);

    jobGlue.createTray();
    showWindow();
    app.on('activate', () => showWindow());
  });

  // With a build or push running, closing the window leaves the app in the tray and its notification;
  // it quits once the job has ended and its notification is gone (jobGlue's onIdle).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !jobGlue.hasRunningJobs()) app.quit();
  });
  // While a job runs, the quit waits for the user's answer (asked without blocking main).
  app.on('before-quit', (event) => {
    if (!jobGlue.mayQuit()) event.preventDefault();
  });
  app.on('will-quit', () => {
    void core?.dispose();
  });
}
