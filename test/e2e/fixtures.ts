import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import type { SettingsPatch } from '../../electron/contract/domain/settings';
import { serveRenderer } from './static-server';
import { emitToPage, installTestBridge } from './bridge';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(repo, 'test-results', 'screenshots');

export interface AppHarness {
  page: Page;
  /** What the next native dialog will answer, as if the user had picked it. */
  dialogAnswers: { folder: string | null; files: string[] };
  core: AppCore;
  dataDir: string;
  /** Saves a full-window screenshot under test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** The preferences the app starts with (the local package index of the test set-up, by default). */
  settings: SettingsPatch;
}

const testIndex = process.env['RIB_INDEX_URL'];
const testSettings: SettingsPatch = testIndex
  ? { packageIndex: { indexUrl: testIndex, extraIndexUrls: [], trustedHosts: [new URL(testIndex).host] }, elyraVersion: 'main' }
  : { elyraVersion: 'main' };

export const test = base.extend<{ app: AppHarness; appOptions: AppOptions }, { rendererUrl: string }>({
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer(join(repo, 'out', 'renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  appOptions: [{ env: process.env, homedir: process.env['HOME'] ?? tmpdir(), settings: testSettings }, { option: true }],
  app: async ({ page, rendererUrl, appOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rib-e2e-'));
    const dialogAnswers: AppHarness['dialogAnswers'] = { folder: null, files: [] };
    const store = new Conf({ cwd: dataDir, configName: 'settings', projectName: 'runtime-image-builder' });
    store.set('settings', appOptions.settings);
    const core = createAppCore({
      publish: (event, payload) => void emitToPage(page, event, payload),
      store,
      historyStore: new Conf({ cwd: dataDir, configName: 'history', projectName: 'runtime-image-builder' }),
      dataDir,
      env: appOptions.env,
      homedir: appOptions.homedir,
      platform: process.platform,
      appInfo: { name: 'Runtime Image Builder', version: '0.0.0-test', platform: process.platform, arch: process.arch },
      openExternal: async () => true,
      dialogs: {
        chooseFolder: async () => dialogAnswers.folder,
        chooseFiles: async () => dialogAnswers.files,
      },
    });
    await installTestBridge(page, core.dispatch);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(rendererUrl);
    mkdirSync(screenshotDir, { recursive: true });
    await use({
      page,
      dialogAnswers,
      core,
      dataDir,
      screenshot: async (name) => {
        await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      },
    });
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    expect(pageErrors, 'the page threw').toEqual([]);
  },
});

export { expect };
