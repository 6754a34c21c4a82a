import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCore } from '../../electron/core/app-core';
import type { SettingsPatch } from '../../electron/contract/domain/settings';
import { engineMissingReason } from '../support/engine-env';
import { startHeadlessCore, writeStartSettings } from '../support/headless-core';
import { serveRenderer } from './static-server';
import { emitToPage, installTestBridge } from './bridge';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(repo, 'test-results', 'screenshots');

export interface AppHarness {
  page: Page;
  /** Files the app is "started with" (command line, Dock): the renderer takes them once it listens. */
  pendingFiles: string[];
  /** Everything the app copied to the clipboard, in order. */
  clipboard: string[];
  /** What the next native dialog will answer, as if the user had picked it. */
  dialogAnswers: { folder: string | null; files: string[] };
  core: AppCore;
  dataDir: string;
  /** Saves a full-window screenshot under test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Quits and starts the app again on the same data folder (a new page, a new core). */
  restart(): Promise<void>;
}

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** The preferences the app starts with (the local package index of the test set-up, by default). */
  settings: SettingsPatch;
}

const testIndex = process.env['RIB_INDEX_URL'];
// The test engine's Python base is Debian's 3.11, tagged python:3.11-slim; the index is on 127.0.0.1,
// which builds reach through the host network.
const testSettings: SettingsPatch = testIndex
  ? {
      packageIndex: { indexUrl: testIndex, extraIndexUrls: [], trustedHosts: [new URL(testIndex).host] },
      elyraVersion: 'main',
      pythonVersion: '3.11',
      buildNetwork: 'host',
      firstRunDone: true,
    }
  : { elyraVersion: 'main', pythonVersion: '3.11', firstRunDone: true };

interface StartOptions {
  page: Page;
  rendererUrl: string;
  dataDir: string;
  appOptions: AppOptions;
  dialogAnswers: AppHarness['dialogAnswers'];
  pageErrors: string[];
  clipboard: string[];
  pendingFiles: string[];
}

/** What main does at start, with the test bridge in place of the preload: stores, core, page. */
async function startApp({ page, rendererUrl, dataDir, appOptions, dialogAnswers, pageErrors, clipboard, pendingFiles }: StartOptions): Promise<AppCore> {
  const { core } = startHeadlessCore({
    publish: (event, payload) => void emitToPage(page, event, payload),
    dataDir,
    env: appOptions.env,
    homedir: appOptions.homedir,
    version: '0.0.0-test',
    copyToClipboard: (text) => clipboard.push(text),
    takePendingFiles: () => pendingFiles.splice(0),
    dialogs: {
      chooseFolder: async () => dialogAnswers.folder,
      chooseFiles: async () => dialogAnswers.files,
    },
  });
  await installTestBridge(page, core.dispatch);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(rendererUrl);
  return core;
}

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
  app: async ({ page, context, rendererUrl, appOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rib-e2e-'));
    writeStartSettings(dataDir, appOptions.settings);
    const dialogAnswers: AppHarness['dialogAnswers'] = { folder: null, files: [] };
    const pageErrors: string[] = [];
    const clipboard: string[] = [];
    const pendingFiles: string[] = [];
    const start = (p: Page) => startApp({ page: p, rendererUrl, dataDir, appOptions, dialogAnswers, pageErrors, clipboard, pendingFiles });
    mkdirSync(screenshotDir, { recursive: true });
    const harness: AppHarness = {
      page,
      dialogAnswers,
      clipboard,
      pendingFiles,
      core: await start(page),
      dataDir,
      screenshot: async (name) => {
        await harness.page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      },
      restart: async () => {
        await harness.core.dispose();
        await harness.page.close();
        harness.page = await context.newPage();
        harness.core = await start(harness.page);
      },
    };
    await use(harness);
    await harness.core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    expect(pageErrors, 'the page threw').toEqual([]);
  },
});

/**
 * For a describe block whose tests need the real engine: where there is none, they are skipped and
 * engineMissingReason prints why (under CI it throws instead, so nothing is skipped there).
 */
export function needEngine(): void {
  const missing = engineMissingReason();
  test.skip(missing !== null, missing ?? '');
}

export { expect };
