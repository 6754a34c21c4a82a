import { defineConfig } from '@playwright/test';

/**
 * The real-window suite: the BUILT app (out/) started in a real Electron 33 by Playwright's _electron,
 * against the real engine, registry, index and keychain. Run it with `npm run test:electron`
 * (test/electron/run.sh makes the desktop it needs: D-Bus, keyring, X server, notification daemon).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron-artifacts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
});
