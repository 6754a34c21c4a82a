import { defineConfig } from '@playwright/test';

/**
 * The packaged app (test/packaged/pack.sh: electron-builder --dir with electron-builder.cjs) started
 * from its folder, on the real-window suite's desktop. Run it with `npm run test:packaged` after a build.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/packaged-artifacts',
  fullyParallel: false,
  workers: 1,
  // A launch takes ~7 s here on an idle machine and several times that under load.
  timeout: 150_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
});
