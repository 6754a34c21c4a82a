import { defineConfig } from '@playwright/test';
import { electronBinary } from './electron-binary';

const binary = electronBinary();
if ('missing' in binary) console.log(`The Electron suite does not run here: ${binary.missing}.`);

/** Launches the real, built app with Playwright's Electron support (needs the Electron binary). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron-artifacts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});
