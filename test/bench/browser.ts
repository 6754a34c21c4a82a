// The built renderer in Debian's Chromium, with the app's core behind the Playwright test bridge, as
// the e2e fixtures run it (test/e2e/fixtures.ts): same static server and CSP, same derived bridge,
// same dispatcher. The bench holds the core, so it can drive jobs whose output it chooses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { AppCore } from '../../electron/core/app-core';
import { emitToPage, installTestBridge } from '../e2e/bridge';
import { serveRenderer } from '../e2e/static-server';
import { startHeadlessCore } from '../support/headless-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface AppHarness {
  browser: Browser;
  core: AppCore;
  url: string;
  /** A new context (empty cache) and page with the bridge installed, not yet navigated. */
  newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startAppHarness(browser: Browser, rendererDir: string): Promise<AppHarness> {
  const server = await serveRenderer(rendererDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'rib-bench-app-'));
  const pages = new Set<Page>();
  const { core } = startHeadlessCore({
    // Every open page gets main's events, as every window would.
    publish: (event, payload) => {
      for (const page of pages) void emitToPage(page, event, payload);
    },
    dataDir,
    env: process.env,
    // A home of its own: the bench must not read the developer's Docker logins.
    homedir: dataDir,
    version: '0.0.0-bench',
    // A returning user: the first-run guide (a modal over the window) was seen, as the e2e fixtures do.
    startSettings: { firstRunDone: true },
  });
  return {
    browser,
    core,
    url: server.url,
    newPage: async () => {
      const context = await browser.newContext({ viewport: { width: 1180, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('close', () => pages.delete(page));
      pages.add(page);
      // tsx (esbuild keepNames) wraps named functions in the bench's page code as __name(fn, 'name');
      // the page has no such helper, so give it one that leaves the function as it is.
      await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
      await installTestBridge(page, core.dispatch);
      return { context, page, errors };
    },
    close: async () => {
      await core.dispose();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
