import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import * as asar from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EngineScreenPage, RegistryScreenPage } from '../e2e/pages';
import { expect, makeUserHome, repo, screenshot, test } from '../electron/fixtures';
import { closePackaged, launchPackaged, packagedAppDir, packagedExecutable, runSecondInstance } from './packaged-app';

const builderConfig = createRequire(import.meta.url)(join(repo, 'electron-builder.cjs')) as { electronFuses: Record<string, boolean> };
const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const registryUser = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const registryPassword = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const notebook = join(repo, 'test/fixtures/notebooks/project/train.ipynb');
const SECRET_SERVICE = 'runtime-image-builder';

test.describe('the packaged app (electron-builder --dir, as released)', () => {
  test('the archive: app.asar holds the build, the keychain module and README.md are unpacked beside it', () => {
    const resources = join(packagedAppDir(), 'resources');
    const archive = join(resources, 'app.asar');
    expect(existsSync(archive)).toBe(true);
    const files = new Set(asar.listPackage(archive, { isPack: false }).map((path) => path.replace(/\\/g, '/')));
    for (const path of [
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
      '/node_modules/tree-sitter-python/tree-sitter-python.wasm',
    ]) {
      expect(files, `${path} is in app.asar`).toContain(path);
    }
    // What the files filter keeps out.
    expect([...files].filter((path) => /\.(map|ts|tsx)$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    expect([...files].some((path) => path.startsWith('/node_modules/tree-sitter-python/prebuilds/'))).toBe(false);
    // One tree-sitter runtime and one grammar, not the package's debug build and C sources beside them.
    expect([...files].filter((path) => path.endsWith('.wasm')).sort()).toEqual([
      '/node_modules/tree-sitter-python/tree-sitter-python.wasm',
      '/node_modules/web-tree-sitter/tree-sitter.wasm',
    ]);
    const packageJson = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { main: string; name: string };
    expect(packageJson.main).toBe('out/main/index.js');

    const unpacked = join(resources, 'app.asar.unpacked');
    expect(existsSync(join(unpacked, 'README.md'))).toBe(true);
    expect(existsSync(join(unpacked, 'node_modules/@napi-rs/keyring/index.js'))).toBe(true);
    expect(existsSync(join(unpacked, 'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node'))).toBe(true);
    // The Electron the tests packed with must not stand in for the app.
    expect(existsSync(join(resources, 'default_app.asar'))).toBe(false);
  });

  test('the fuses read from the binary are those electron-builder.cjs sets', async () => {
    const wire = await getCurrentFuseWire(packagedExecutable());
    expect(wire.version).toBe(FuseVersion.V1);
    const names: Record<string, FuseV1Options> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    const configured = Object.entries(builderConfig.electronFuses);
    expect(configured.length).toBe(Object.keys(names).length);
    const read: Record<string, boolean> = {};
    for (const [name] of configured) {
      const option = names[name];
      if (option === undefined) throw new Error(`electron-builder.cjs sets a fuse this test does not know: ${name}`);
      // '1' is on, '0' off (FuseState); a test dist that was never flipped would show its own defaults.
      read[name] = String.fromCharCode(wire[option] ?? 0) === '1';
    }
    expect(read).toEqual(builderConfig.electronFuses);
  });

  test('starts from its folder: the window over app://, the engine, a login kept in the keychain, a notebook read with the packed grammar', async ({
    user,
    desktop,
  }) => {
    const running = await launchPackaged(user);
    const { page } = running;
    try {
      expect(page.url()).toBe('app://rib/index.html');
      const engine = new EngineScreenPage(page);
      await expect(engine.heading()).toBeVisible();
      await expect(engine.connected()).toBeVisible({ timeout: 30_000 });
      await screenshot(page, 'packaged-engine');
      // The tray icon is read from assets/ inside app.asar.
      await expect.poll(async () => (await desktop.tray()).length).toBeGreaterThan(0);
      const [tray] = await desktop.tray();
      const [pixmap] = (tray?.props['IconPixmap'] ?? []) as [number, number, { bytes: number }][];
      expect(pixmap?.[0], 'the tray icon has pixels').toBeGreaterThan(0);
      expect(pixmap?.[2].bytes).toBe((pixmap?.[0] ?? 0) * (pixmap?.[1] ?? 0) * 4);
      expect(await desktop.trayLabels()).toContain('Show Runtime Image Builder');

      // The keychain module unpacked beside the archive, loaded on its worker thread.
      const registryScreen = new RegistryScreenPage(page);
      await registryScreen.logInToAnother(registry, registryUser, registryPassword);
      await expect(registryScreen.logins()).toContainText(`as ${registryUser}`);
      await expect(registryScreen.logins()).toContainText('saved in your keychain');
      const account = `${registryUser}@${registry}`;
      expect(secretToolLookup(account), 'secret-tool finds the login the app saved').toBe(registryPassword);
      await screenshot(page, 'packaged-registry');

      // A notebook given to the app by the launcher (a second instance hands its command line over),
      // read with the tree-sitter grammar from inside app.asar.
      const second = await runSecondInstance(user, [notebook]);
      expect(second.code, `the second instance hands over and quits\n${second.stderr}`).toBe(0);
      const review = page.getByRole('region', { name: 'Packages found in your notebooks' });
      await expect(review).toBeVisible({ timeout: 30_000 });
      const inferred = review.getByRole('table', { name: 'Inferred packages' });
      await expect(inferred.getByRole('row', { name: /seaborn/ })).toContainText('imported in train.ipynb, cell 3');
      await expect(inferred.getByRole('row', { name: /scikit-learn/ }).first()).toBeVisible();
      // A parse, not a text search: nothing from strings or docstrings.
      await expect(review).not.toContainText('fake_string_pkg');
      await expect(review).not.toContainText('fake-docstring-pkg');
      await screenshot(page, 'packaged-notebook');
    } finally {
      // Both the keyring and the registry are shared with other suites on this machine.
      secretToolClear(`${registryUser}@${registry}`);
    }
    await closePackaged(running);
  });

  test('a notebook on the command line at launch is read before anything else', async ({ user }) => {
    const running = await launchPackaged(user, { files: [notebook] });
    const review = running.page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review.getByRole('table', { name: 'Inferred packages' }).getByRole('row', { name: /seaborn/ })).toBeVisible({ timeout: 30_000 });
    await closePackaged(running);
  });

  test('an app that cannot start fails with its stderr, not a timeout', async () => {
    const user = makeUserHome();
    try {
      const crashing = join(user.root, 'crashing-app');
      writeFileSync(crashing, '#!/bin/sh\necho "A JavaScript error occurred in the main process: Cannot find module conf" >&2\nexit 7\n', { mode: 0o755 });
      await expect(launchPackaged(user, { executable: crashing })).rejects.toThrow(/exited \(code 7\)[\s\S]*Cannot find module conf/);

      const windowless = join(user.root, 'windowless-app');
      writeFileSync(windowless, '#!/bin/sh\necho "Uncaught Exception: no window for you" >&2\nexec sleep 60\n', { mode: 0o755 });
      await expect(launchPackaged(user, { executable: windowless, startTimeoutMs: 2_000 })).rejects.toThrow(
        /no remote debugging port within 2 s[\s\S]*no window for you/,
      );
    } finally {
      rmSync(user.root, { recursive: true, force: true });
    }
  });
});

function secretToolLookup(account: string): string {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', SECRET_SERVICE, 'username', account], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`secret-tool lookup service ${SECRET_SERVICE} username ${account} found nothing: ${String(error)}`);
  }
}

function secretToolClear(account: string): void {
  try {
    execFileSync('secret-tool', ['clear', 'service', SECRET_SERVICE, 'username', account]);
  } catch {
    // Nothing was saved: the assertions above say why.
  }
}
