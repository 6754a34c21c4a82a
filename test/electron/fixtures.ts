import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsPatch } from '../../electron/contract/domain/settings';
import { writeStartSettings } from '../support/headless-core';
import { DesktopBus } from './desktop-bus';
import { electronBinary, isMainProcessError } from './electron-runtime';

export { isMainProcessError };

export const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots of the real window; the README's come from here (docs/screenshots). */
export const screenshotDir = join(repo, 'test-results', 'screenshots', 'electron');
const productName = 'Runtime Image Builder';

const testIndex = process.env['RIB_INDEX_URL'];
/** A returning user of the test set-up: its package index, Elyra main on the engine's Python 3.11. */
export const returningUser: SettingsPatch = testIndex
  ? {
      packageIndex: { indexUrl: testIndex, extraIndexUrls: [], trustedHosts: [new URL(testIndex).host] },
      elyraVersion: 'main',
      pythonVersion: '3.11',
      buildNetwork: 'host',
      firstRunDone: true,
    }
  : { elyraVersion: 'main', pythonVersion: '3.11', firstRunDone: true };

/** One user's machine: a home, a config folder (the app's data folder is in it) and Jupyter's data folder. */
export interface UserHome {
  root: string;
  home: string;
  configHome: string;
  /** app.getPath('userData'): settings.json, history.json, draft.json. */
  dataDir: string;
  jupyterDataDir: string;
  env: Record<string, string>;
}

export function makeUserHome(settings: SettingsPatch | null = returningUser): UserHome {
  const root = mkdtempSync(join(tmpdir(), 'rib-electron-'));
  const home = join(root, 'home');
  const configHome = join(root, 'config');
  const dataDir = join(configHome, productName);
  const jupyterDataDir = join(root, 'jupyter');
  for (const dir of [home, dataDir, jupyterDataDir]) mkdirSync(dir, { recursive: true });
  if (settings) writeStartSettings(dataDir, settings);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: configHome, JUPYTER_DATA_DIR: jupyterDataDir, DOCKER_CONFIG: join(home, '.docker') });
  return { root, home, configHome, dataDir, jupyterDataDir, env };
}

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  /** What the main process printed on stderr (crashes, uncaught errors). */
  mainErrors: string[];
  pageErrors: string[];
}

/** Starts the BUILT app (out/) in the test Electron, as `electron <repo> [files…]` would. */
export async function launchApp(user: UserHome, files: string[] = [], extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const app = await electron.launch({
    executablePath: electronBinary(),
    args: [repo, ...files],
    env: { ...user.env, ...extraEnv },
    cwd: user.home,
  });
  const mainErrors: string[] = [];
  app.process().stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (isMainProcessError(line)) mainErrors.push(line);
  });
  const page = await app.firstWindow();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { app, page, mainErrors, pageErrors };
}

/** Saves a screenshot of the real window (the renderer's page, at the window's size). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Transitions finished: a button that has just stopped loading is caught half-way otherwise.
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' });
}

export const test = base.extend<{ user: UserHome }, { desktop: DesktopBus }>({
  desktop: [
    async ({}, use) => {
      const bus = new DesktopBus();
      await bus.start();
      await use(bus);
      bus.stop();
    },
    { scope: 'worker' },
  ],
  user: async ({}, use) => {
    const user = makeUserHome();
    await use(user);
    rmSync(user.root, { recursive: true, force: true, maxRetries: 5 });
  },
});

/** Closes the app, then checks that neither process reported an error while it ran. */
export async function closeApp(running: RunningApp): Promise<void> {
  await running.app.close();
  expect(running.mainErrors, 'the main process reported errors').toEqual([]);
  expect(running.pageErrors, 'the window threw').toEqual([]);
}

export { expect };
