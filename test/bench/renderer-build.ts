// The renderer as it ships: built by electron-vite from the current sources into a folder of the
// bench's own (the shared out/ may be in use by a test run), then its JavaScript gzipped.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RendererSize {
  files: { name: string; rawBytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.slice(-2000)}`));
      else resolve();
    });
  });
}

/** Builds main, preload and renderer into `outDir` (electron-vite builds all three); returns <outDir>/renderer. */
export async function buildRenderer(repo: string, outDir: string, options: { sourcemap?: boolean; configFile?: string } = {}): Promise<string> {
  const args = ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'error'];
  if (options.sourcemap === true) args.push('--sourcemap');
  if (options.configFile !== undefined) args.push('--config', options.configFile);
  await run('npx', args, repo);
  return join(outDir, 'renderer');
}

/**
 * A what-if config: the project's own, with the renderer minified. It must live inside the repo:
 * electron-vite bundles the config next to it and resolves its imports from there.
 */
export async function writeMinifyConfig(repo: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'electron.vite.minify.config.ts');
  const relative = join(repo, 'electron.vite.config.ts');
  await writeFile(
    file,
    [
      '// Written by test/bench (renderer-build.ts): the project config with the renderer minified, for the size what-if.',
      `import base from ${JSON.stringify(relative)};`,
      'export default { ...base, renderer: { ...base.renderer, build: { ...base.renderer?.build, minify: true } } };',
      '',
    ].join('\n'),
  );
  return file;
}

/** Gzip (zlib's default level, as an HTTP server would send it) of every JavaScript file in assets/. */
export async function rendererJsSize(rendererDir: string): Promise<RendererSize> {
  const assets = join(rendererDir, 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js')).sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const body = await readFile(join(assets, name));
      return { name, rawBytes: body.length, gzipBytes: gzipSync(body).length };
    }),
  );
  return {
    files,
    rawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

/** Whether the bundle looks minified: a minified bundle has few, long lines. */
export async function looksMinified(rendererDir: string): Promise<{ minified: boolean; lines: number }> {
  const assets = join(rendererDir, 'assets');
  let lines = 0;
  let bytes = 0;
  for (const name of (await readdir(assets)).filter((n) => n.endsWith('.js'))) {
    const text = await readFile(join(assets, name), 'utf8');
    lines += text.split('\n').length;
    bytes += text.length;
  }
  return { minified: bytes / Math.max(1, lines) > 500, lines };
}
