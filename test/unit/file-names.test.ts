import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['electron', 'renderer/src', 'test'];
/** lower-case words joined by hyphens, then any dotted suffixes: build-image.ts, recipe-state.test.ts, vite-env.d.ts */
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|cjs)$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

describe('file names', () => {
  it('every source file is named in kebab-case, so a newcomer never guesses how a module is spelled', () => {
    const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => !KEBAB.test(file.split('/').pop() ?? ''))).toEqual([]);
  });
});
