import { BrowserWindow, nativeTheme, screen } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './security';
import type { KeyValueStore } from '../core/key-value-store';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

const BOUNDS_KEY = 'window.bounds';

function savedBounds(store: KeyValueStore): Bounds | null {
  const value = store.get(BOUNDS_KEY);
  if (typeof value !== 'object' || value === null) return null;
  const b = value as Partial<Bounds>;
  if ([b.x, b.y, b.width, b.height].some((n) => typeof n !== 'number' || !Number.isFinite(n))) return null;
  const bounds = b as Bounds;
  // A display that has been unplugged since must not leave the window off-screen.
  const visible = screen
    .getAllDisplays()
    .some(({ workArea: w }) => bounds.x < w.x + w.width && bounds.x + bounds.width > w.x && bounds.y < w.y + w.height && bounds.y + bounds.height > w.y);
  return visible ? bounds : null;
}

export function createMainWindow(options: { store: KeyValueStore; preloadDir: string; devServerUrl: string | undefined }): BrowserWindow {
  const bounds = savedBounds(options.store);
  const window = new BrowserWindow({
    width: bounds?.width ?? 1100,
    height: bounds?.height ?? 760,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Runtime Image Builder',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
    // Written out here, not built elsewhere, so that a reader (and Electronegativity) sees every
    // security switch of the window in one place.
    webPreferences: {
      preload: join(options.preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (bounds?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    options.store.set(BOUNDS_KEY, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('close', remember);
  window.on('resized', remember);
  window.on('moved', remember);

  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
