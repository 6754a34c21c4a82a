// The test Electron's default app: `electron [switches] <app dir> [files…]` starts the app in <app dir>
// the way Electron's own default app does (name, version and paths from its package.json, then its main).
// An ES module with a top-level await, so that Electron waits for the app's own main (an ES module
// that registers its schemes before 'ready') before it emits 'ready'.
import { app } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Switches that take their value as the next argument.
const withValue = new Set(['-r', '--require']);
function appDir(argv) {
  for (let i = 1; i < argv.length; i += 1) {
    if (withValue.has(argv[i])) i += 1;
    else if (!argv[i].startsWith('-')) return path.resolve(argv[i]);
  }
  return null;
}

const dir = appDir(process.argv);
if (!dir || !fs.existsSync(path.join(dir, 'package.json'))) {
  console.error(`usage: electron <app dir with a package.json> [files…] (got ${dir ?? 'nothing'})`);
  app.exit(2);
} else {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  app.setName(pkg.productName || pkg.name);
  if (pkg.version) app.setVersion(pkg.version);
  if (pkg.desktopName) app.setDesktopName(pkg.desktopName);
  app.setAppPath(dir);
  app.setPath('userData', path.join(app.getPath('appData'), app.getName()));
  app.setPath('sessionData', app.getPath('userData'));
  const main = path.join(dir, pkg.main || 'index.js');
  try {
    await import(pathToFileURL(main).href);
  } catch (error) {
    console.error(error && error.stack ? error.stack : error);
    app.exit(1);
  }
}
