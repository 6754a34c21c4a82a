import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'playwright-report', '.test-env', 'build']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|js|mjs|cjs|sh|py|md)$/.test(name) ? [path] : [];
  });
}

describe('references', () => {
  it('cite only documents in the repository: no "DESIGN §…" (ARCHITECTURE.md is the map)', () => {
    const cited = ['electron', 'renderer', 'test', 'README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md']
      .map((p) => join(root, p))
      .flatMap((p) => (statSync(p).isDirectory() ? files(p) : [p]))
      .filter((file) => file !== fileURLToPath(import.meta.url))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/DESIGN(\.md)?\s*§|shared\/DESIGN/.test(line) ? [`${relative(root, file)}:${i + 1}`] : [])),
      );
    expect(cited).toEqual([]);
  });
});
