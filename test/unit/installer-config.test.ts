import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { Arch, type AfterPackContext, type Configuration, type TargetConfiguration } from 'electron-builder';

// The installer configuration is checked the way electron-builder itself reads it: its own loader
// finds and evaluates electron-builder.cjs (and merges its defaults), its own JSON-schema validation
// runs on the result, and its own file matcher decides what is packed and what is unpacked. A full
// `npm run dist` cannot run here (it downloads the Electron binary), so this is what proves the
// configuration is one electron-builder accepts.

const root = fileURLToPath(new URL('../..', import.meta.url));

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  // The 8-byte PNG signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function icoSizes(file: string): number[] {
  const bytes = readFileSync(file);
  // ICONDIR: reserved 0, type 1 (icon), count; then 16-byte entries whose first byte is the width (0 = 256).
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => bytes.readUInt8(6 + i * 16) || 256);
}

/** A target list as electron-builder accepts it (string, array of strings or objects) → name → archs. */
function targets(list: string | TargetConfiguration | Array<string | TargetConfiguration> | null | undefined): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const items = list == null ? [] : Array.isArray(list) ? list : [list];
  for (const item of items) {
    if (typeof item === 'string') result.set(item, []);
    else result.set(item.target, item.arch == null ? [] : Array.isArray(item.arch) ? item.arch : [item.arch]);
  }
  return result;
}

function asArray(value: string | string[] | null | undefined): string[] {
  return value == null ? [] : Array.isArray(value) ? value : [value];
}

/** The patterns of `files`, after electron-builder's loader turned them into file sets. */
function filePatterns(): string[] {
  const files = config.files;
  const sets = files == null ? [] : Array.isArray(files) ? files : [files];
  return sets.flatMap((set) => (typeof set === 'string' ? [set] : asArray(set.filter)));
}

/** electron-builder's own matcher over paths relative to the app directory (the repo root). */
function matches(patterns: string[], relativePath: string): boolean {
  const filter = new FileMatcher(root, root, (pattern) => pattern, patterns).createFilter();
  const file = join(root, relativePath);
  return filter(file, lstatSync(file));
}

describe('the installer configuration', () => {
  it('is found and loaded by electron-builder and passes its schema validation', async () => {
    expect(config.appId).toBe('io.github.runtime-image-builder');
    expect(config.productName).toBe('Runtime Image Builder');
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked by a validation that does reject a bad option', async () => {
    // Guards the test above: a misspelled NSIS option must fail, or "valid" would mean nothing.
    const bad = { ...config, nsis: { ...config.nsis, perMachin: false } } as Configuration;
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('starts the main process the build writes, and builds for the current OS from npm run dist', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(config.extraMetadata).toMatchObject({ main: 'out/main/index.js' });
    expect(pkg.main).toBe('out/main/index.js');
    // No --mac/--win/--linux: electron-builder then builds for the platform it runs on.
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it('refuses to pack when a production dependency cannot be found (26 only warns, and the app fails at launch)', () => {
    expect(config.allowMissingDependencies).toBe(false);
  });

  it('packs the build output and assets, not sources or tests', () => {
    const patterns = filePatterns();
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'assets/**', 'README.md', 'package.json']));
    for (const kept of ['package.json', 'README.md', 'assets/tray/trayTemplate.png']) expect(matches(patterns, kept), kept).toBe(true);
    for (const left of ['electron/main/index.ts', 'renderer/src/app.tsx', 'test/unit/installer-config.test.ts', 'electron.vite.config.ts']) {
      expect(matches(patterns, left), left).toBe(false);
    }
  });

  it('keeps the wasm the Python parser reads and drops the grammar sources and native prebuilds', () => {
    // electron-builder filters node_modules with the exclusions of `files` after a leading "**/*".
    const patterns = ['**/*', ...filePatterns().filter((p) => p.startsWith('!'))];
    for (const kept of [
      'node_modules/tree-sitter-python/tree-sitter-python.wasm',
      'node_modules/tree-sitter-python/package.json',
      'node_modules/web-tree-sitter/tree-sitter.wasm',
      'node_modules/web-tree-sitter/tree-sitter.js',
    ]) {
      expect(matches(patterns, kept), kept).toBe(true);
    }
    const prebuilt = readdirSync(join(root, 'node_modules/tree-sitter-python/prebuilds'))[0];
    for (const left of [
      'node_modules/tree-sitter-python/src/parser.c',
      'node_modules/tree-sitter-python/binding.gyp',
      `node_modules/tree-sitter-python/prebuilds/${prebuilt}/tree-sitter-python.node`,
    ]) {
      expect(matches(patterns, left), left).toBe(false);
    }
  });

  it('uses asar and unpacks the keychain module with its prebuilt binary', () => {
    expect(config.asar).toBe(true);
    const unpack = asArray(config.asarUnpack);
    expect(unpack).toContain('node_modules/@napi-rs/keyring*/**');
    expect(config.npmRebuild).toBe(false);
    // The binary npm installed for this machine is the one a build here packs: it must be unpacked.
    const binaries = readdirSync(join(root, 'node_modules/@napi-rs'))
      .filter((dir) => dir.startsWith('keyring-'))
      .flatMap((dir) =>
        readdirSync(join(root, 'node_modules/@napi-rs', dir))
          .filter((f) => f.endsWith('.node'))
          .map((f) => `node_modules/@napi-rs/${dir}/${f}`),
      );
    expect(binaries.length).toBeGreaterThan(0);
    for (const binary of [...binaries, 'node_modules/@napi-rs/keyring/index.js', 'node_modules/@napi-rs/keyring/package.json']) {
      expect(matches(unpack, binary), binary).toBe(true);
    }
    expect(matches(unpack, 'node_modules/web-tree-sitter/tree-sitter.wasm')).toBe(false);
  });

  it('builds a hardened dmg for Intel and Apple silicon with the entitlements V8 needs', () => {
    const mac = config.mac ?? {};
    const macTargets = targets(mac.target);
    expect([...macTargets.keys()]).toEqual(['dmg']);
    expect(macTargets.get('dmg')).toEqual(expect.arrayContaining(['x64', 'arm64']));
    expect(mac.category).toBe('public.app-category.developer-tools');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBeUndefined();
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      expect(file).toBeTruthy();
      const plist = readFileSync(join(root, file ?? ''), 'utf8');
      expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
      // Apple: allow-jit and allow-unsigned-executable-memory are a cascade; set only one.
      expect(plist).not.toMatch(/<key>com\.apple\.security\.cs\.allow-unsigned-executable-memory<\/key>/);
    }
  });

  it('builds a per-user NSIS installer with a Start-menu shortcut', () => {
    expect([...targets(config.win?.target).entries()]).toEqual([['nsis', ['x64']]]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, createStartMenuShortcut: true });
  });

  it('builds an AppImage and a deb in the Development menu', () => {
    const linux = config.linux ?? {};
    const linuxTargets = targets(linux.target);
    expect([...linuxTargets.keys()].sort()).toEqual(['AppImage', 'deb']);
    expect(linux.category).toBe('Development');
    // fpm refuses a deb without a maintainer e-mail, and package.json has no author to take it from.
    expect(linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>/);
    expect(linux.synopsis).toBeTruthy();
  });

  it('names icons that exist at the sizes each platform needs', () => {
    const macIcon = join(root, config.mac?.icon ?? '');
    const size = pngSize(macIcon);
    expect(size.width).toBe(size.height);
    expect(size.width).toBeGreaterThanOrEqual(512);

    expect(Math.max(...icoSizes(join(root, config.win?.icon ?? '')))).toBe(256);

    const iconDir = join(root, config.linux?.icon ?? '');
    const pngs = readdirSync(iconDir).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    for (const name of pngs) {
      // electron-builder reads the size from the NxN.png name: it must be the real size.
      const [, w, h] = /^(\d+)x(\d+)\.png$/.exec(name) ?? [];
      expect(pngSize(join(iconDir, name)), name).toEqual({ width: Number(w), height: Number(h) });
    }
    expect(pngs).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']));
  });

  it('ships the tray icons: the macOS template and a coloured one for any Windows or Linux panel', () => {
    const tray = join(root, 'assets/tray');
    expect(pngSize(join(tray, 'trayTemplate.png'))).toEqual({ width: 16, height: 16 });
    expect(pngSize(join(tray, 'trayTemplate@2x.png'))).toEqual({ width: 32, height: 32 });
    expect(pngSize(join(tray, 'tray-color.png'))).toEqual({ width: 32, height: 32 });
    expect(pngSize(join(tray, 'tray-color@2x.png'))).toEqual({ width: 64, height: 64 });
    expect(matches(filePatterns(), 'assets/tray/tray-color.png')).toBe(true);
  });

  it('names the Linux .desktop file as Electron tells the shell (desktopName), so notifications group under it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; desktopName?: string };
    expect(pkg.desktopName).toBe(`${pkg.name}.desktop`);
    expect(config.linux?.syncDesktopName).toBe(true);
  });
});

describe('the keychain-binary check after packing', () => {
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'rib-afterpack-'));
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A packed app's resources folder with the keyring module and the binaries given. */
  function packedApp(binaryPackages: string[]): string {
    const modules = join(work, 'resources', 'app.asar.unpacked', 'node_modules', '@napi-rs');
    mkdirSync(join(modules, 'keyring'), { recursive: true });
    writeFileSync(
      join(modules, 'keyring', 'package.json'),
      JSON.stringify({ name: '@napi-rs/keyring', version: '2.1.2', optionalDependencies: { '@napi-rs/keyring-darwin-arm64': '2.1.2' } }),
    );
    for (const name of binaryPackages) {
      mkdirSync(join(modules, name), { recursive: true });
      writeFileSync(join(modules, name, `${name.replace('keyring-', 'keyring.')}.node`), '');
    }
    return join(work, 'resources');
  }

  function context(platform: string, arch: Arch, resources: string): AfterPackContext {
    // Only the fields the hook reads; the rest of a real packer context is irrelevant to it.
    const partial = { electronPlatformName: platform, arch, appOutDir: work, packager: { getResourcesDir: () => resources } };
    return partial as unknown as AfterPackContext;
  }

  function hook(): (context: AfterPackContext) => Promise<void> {
    const afterPack = config.afterPack;
    if (typeof afterPack !== 'function') throw new Error('afterPack is not a function');
    return afterPack as (context: AfterPackContext) => Promise<void>;
  }

  it('passes when the binary for the packed platform and architecture is there', async () => {
    await expect(hook()(context('linux', Arch.x64, packedApp(['keyring-linux-x64-gnu'])))).resolves.toBeUndefined();
  });

  it('fails an arm64 Mac build that carries only the Intel binary, and says how to fix it', async () => {
    const run = hook()(context('darwin', Arch.arm64, packedApp(['keyring-darwin-x64'])));
    await expect(run).rejects.toThrow(/darwin\/arm64 .*@napi-rs\/keyring-darwin-arm64/);
    await expect(run).rejects.toThrow('npm install --no-save --force @napi-rs/keyring-darwin-arm64@2.1.2');
  });

  it('fails when the keyring module was left inside the archive', async () => {
    mkdirSync(join(work, 'resources'), { recursive: true });
    await expect(hook()(context('win32', Arch.x64, join(work, 'resources')))).rejects.toThrow(/asarUnpack/);
  });
});
