// Finishes the test Electron dist made by electron-runtime.sh: node electron-dist.mjs <dist> <default-app dir>
// - Fuses: the repackaged binary has LoadBrowserProcessSpecificV8Snapshot on, and we deleted the snapshot it
//   would load, so it goes off; EnableNodeCliInspectArguments goes on, because Playwright's _electron drives
//   the main process through --inspect. (The app we ship sets its own fuses: electron-builder.cjs.)
// - resources/default_app.asar: what `electron <app dir>` runs to start the app in that folder.
import path from 'node:path';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';
import asar from '@electron/asar';

async function main() {
  const [dist, defaultApp] = process.argv.slice(2);
  if (!dist || !defaultApp) throw new Error('usage: electron-dist.mjs <dist> <default-app dir>');
  await flipFuses(path.join(dist, 'electron'), {
    version: FuseVersion.V1,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: true,
  });
  await asar.createPackage(defaultApp, path.join(dist, 'resources', 'default_app.asar'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
