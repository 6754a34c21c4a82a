/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this file with require(): it must be CommonJS. */
// @ts-check
'use strict';

// electron-builder configuration. `npm run dist` (electron-vite build && electron-builder) builds the
// installers of the OS it runs on; electron-builder finds this file by its name, `electron-builder.cjs`
// (it looks for electron-builder.{yml,yaml,json,json5,toml,js,cjs,ts}; `.cjs` because package.json says
// "type": "module" and the afterPack check below needs code).
//
// Signing and notarization are left to the environment, nothing here turns them on:
// - macOS signing: CSC_LINK + CSC_KEY_PASSWORD (a Developer ID Application .p12), or an identity in the
//   keychain; CSC_IDENTITY_AUTO_DISCOVERY=false skips it.
// - macOS notarization (electron-builder 26 runs @electron/notarize after signing when one of these sets is
//   present, and skips with a warning otherwise): APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or
//   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE (+ APPLE_KEYCHAIN).
//   `mac.notarize` stays unset on purpose: `false` would skip notarization even with credentials.
// - Windows signing: WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (or CSC_LINK), or `win.azureSignOptions`.

const fs = require('node:fs');
const path = require('node:path');

/**
 * The @napi-rs/keyring package that holds the prebuilt binary for one platform and architecture
 * (the names of its optionalDependencies). AppImage and deb are glibc targets, hence `-gnu`.
 * @type {Record<string, Record<string, string>>}
 */
const KEYRING_PACKAGES = {
  darwin: { x64: 'keyring-darwin-x64', arm64: 'keyring-darwin-arm64' },
  win32: { x64: 'keyring-win32-x64-msvc', arm64: 'keyring-win32-arm64-msvc', ia32: 'keyring-win32-ia32-msvc' },
  linux: { x64: 'keyring-linux-x64-gnu', arm64: 'keyring-linux-arm64-gnu', armv7l: 'keyring-linux-arm-gnueabihf' },
};

/**
 * Fails the build when the packed app lacks the keychain binary for the platform and architecture it
 * was packed for. npm installs only the optional package that matches the machine running `npm ci`,
 * and electron-builder copies node_modules as they are (with npmRebuild off it installs nothing), so
 * an arm64 dmg packed on an Intel Mac would otherwise ship without a working keychain and every saved
 * login would fail at run time.
 * @param {import('electron-builder').AfterPackContext} context
 */
async function checkKeyringBinary(context) {
  const { Arch } = require('electron-builder');
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = Arch[context.arch];
  const resources = context.packager.getResourcesDir(context.appOutDir);
  // asarUnpack below puts the module beside the archive; with asar off it sits in resources/app.
  const appRoot = [path.join(resources, 'app.asar.unpacked'), path.join(resources, 'app')].find((dir) =>
    fs.existsSync(path.join(dir, 'node_modules', '@napi-rs', 'keyring', 'package.json')),
  );
  if (appRoot === undefined) {
    throw new Error(`@napi-rs/keyring is missing from ${resources}: it must be unpacked next to app.asar (see asarUnpack).`);
  }
  const wanted = KEYRING_PACKAGES[platform]?.[arch];
  if (wanted === undefined) {
    throw new Error(`No @napi-rs/keyring binary is known for ${platform}/${arch}; add it to KEYRING_PACKAGES in electron-builder.cjs.`);
  }
  const dir = path.join(appRoot, 'node_modules', '@napi-rs', wanted);
  const binaries = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.node')) : [];
  if (binaries.length === 0) {
    const keyring = JSON.parse(fs.readFileSync(path.join(appRoot, 'node_modules', '@napi-rs', 'keyring', 'package.json'), 'utf8'));
    const version = keyring.optionalDependencies?.[`@napi-rs/${wanted}`] ?? keyring.version;
    /** @type {Record<string, string>} */
    const flags = { darwin: '--mac', win32: '--win', linux: '--linux' };
    const flag = flags[platform];
    throw new Error(
      `The ${platform}/${arch} app has no keychain binary (@napi-rs/${wanted}). npm installs only the one for the ` +
        `machine it runs on. Build this architecture on a matching machine (e.g. electron-builder ${flag} --${arch}), ` +
        `or add the binary first: npm install --no-save --force @napi-rs/${wanted}@${version}`,
    );
  }
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'io.github.runtime-image-builder',
  productName: 'Runtime Image Builder',
  copyright: 'Copyright © 2026 Runtime Image Builder contributors',
  // No spaces in download names: runtime-image-builder-0.1.0-mac-arm64.dmg, …-win-x64.exe, …-linux-x86_64.AppImage.
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'dist', buildResources: 'build' },
  extraMetadata: { main: 'out/main/index.js' },
  // Only the build output and what it reads at run time. Production node_modules are added by
  // electron-builder itself and filtered by the same patterns.
  files: [
    'out/**',
    'assets/**',
    'README.md',
    'package.json',
    '!**/*.{map,ts,tsx,mts,cts}',
    // The Python grammar is used as wasm (web-tree-sitter); its C sources, node-gyp binding and
    // prebuilt native addons for six platforms (~7 MB, and Mach-O files that would need signing) are not.
    '!**/node_modules/tree-sitter-python/{src,prebuilds,bindings,queries}/**',
    '!**/node_modules/tree-sitter-python/{binding.gyp,grammar.js}',
    // web-tree-sitter ships a debug build and its C sources (a second and third tree-sitter.wasm,
    // ~4.5 MB); the app loads only the release runtime at the package's root.
    '!**/node_modules/web-tree-sitter/{debug,lib,src}/**',
    // dockerode's ssh2 has two optional addons, compiled only where install scripts were allowed and
    // then for Node's ABI, which Electron cannot load (npmRebuild is off). ssh2 requires both inside
    // try/catch and uses its JavaScript fallback; leaving them out makes every machine pack the same app.
    '!**/node_modules/cpu-features/build/**',
    '!**/node_modules/ssh2/lib/protocol/crypto/build/**',
  ],
  asar: true,
  // Electron fuses (electronjs.org/docs/latest/tutorial/fuses), flipped before signing; SECURITY.md says why each.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    enableCookieEncryption: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  asarUnpack: [
    // The keychain binding is required from a worker thread by the path resolved in main
    // (electron/services/credentials/keyring-worker.ts). Electron reads asar in workers and redirects
    // dlopen to app.asar.unpacked, but a native addon must be a real file on disk, and keeping its
    // JavaScript beside it means the worker never depends on asar support to load it.
    'node_modules/@napi-rs/keyring*/**',
    // The Help menu hands README.md to the OS's viewer, which cannot look inside app.asar.
    'README.md',
  ],
  // Every native module we run is N-API (ABI-stable across Node and Electron): @napi-rs/keyring ships
  // prebuilt binaries, tree-sitter runs as wasm. Rebuilding would only try to compile modules we never
  // load (tree-sitter-python's binding, dockerode's optional cpu-features) and need a compiler plus
  // Electron's headers from the network. Turn this back on if a non-N-API addon is ever added.
  npmRebuild: false,
  // electron-builder 26 only warns when a production dependency cannot be found while it collects
  // node_modules (a broken or partial install), and the app then fails at launch with MODULE_NOT_FOUND.
  allowMissingDependencies: false,
  afterPack: checkKeyringBinary,

  mac: {
    category: 'public.app-category.developer-tools',
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.png',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    darkModeSupport: true,
    // So a requirements file or notebook can be dropped on the Dock icon or opened with the app
    // (open-file). 'Alternate': offered in "Open With", never the default app for these types.
    fileAssociations: [
      { ext: ['txt', 'in'], name: 'Python requirements', role: 'Viewer', rank: 'Alternate' },
      { ext: 'ipynb', name: 'Jupyter notebook', role: 'Viewer', rank: 'Alternate' },
      { ext: 'py', name: 'Python script', role: 'Viewer', rank: 'Alternate' },
    ],
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    // One click: installs for the current user without questions or an administrator prompt. An
    // assisted installer with perMachine false would offer an "all users" page that asks for admin.
    oneClick: true,
    perMachine: false,
    createStartMenuShortcut: true,
    createDesktopShortcut: true,
    shortcutName: 'Runtime Image Builder',
    // Settings, history and drafts stay when the app is uninstalled, as users expect on an upgrade.
    deleteAppDataOnUninstall: false,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    category: 'Development',
    icon: 'build/icons',
    // The .desktop file is named after package.json's desktopName (runtime-image-builder.desktop), the
    // name Electron gives the desktop shell: notifications' desktop-entry hint and the window's app id
    // then match the installed entry, so GNOME groups them under the app.
    syncDesktopName: true,
    maintainer: 'Runtime Image Builder contributors <runtime-image-builder@users.noreply.github.com>',
    synopsis: 'Build, verify and push runtime images for Elyra pipelines, without a terminal',
    description:
      'Pick the Python packages your notebooks need, build a container image on your own Docker engine, ' +
      'check that Elyra can run notebooks in it, push it to a registry and register it in Elyra.',
  },
};

module.exports = config;
