import { ESLint } from 'eslint';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { services as serviceTable } from '../../eslint.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layering table as ARCHITECTURE.md states it: each folder and what it may import. */
const layers = {
  contract: { dir: 'electron/contract', may: [] },
  services: { dir: 'electron/services', may: ['contract'] },
  core: { dir: 'electron/core', may: ['contract', 'services'] },
  cli: { dir: 'electron/cli', may: ['contract', 'services', 'core'] },
  main: { dir: 'electron/main', may: ['contract', 'services', 'core', 'electron'] },
  preload: { dir: 'electron/preload', may: ['contract', 'electron'] },
  renderer: { dir: 'renderer', may: ['contract'] },
  test: { dir: 'test', may: ['contract', 'services', 'core', 'cli'] },
} as const;
type Layer = keyof typeof layers;
const targets = ['contract', 'services', 'core', 'cli', 'main', 'preload', 'renderer', 'electron'] as const;
type Target = (typeof targets)[number];

/** Where a sample file of each layer sits, and where an import into each layer points. */
const sampleFile = (dir: string) => `${dir}/sample/bad.ts`;
const targetModule: Record<Exclude<Target, 'electron'>, string> = {
  contract: 'electron/contract/errors',
  services: 'electron/services/engine/discover-engines',
  core: 'electron/core/job-manager',
  cli: 'electron/cli/main',
  main: 'electron/main/window',
  preload: 'electron/preload/index',
  renderer: 'renderer/src/app',
};
function importPath(from: string, target: Target): string {
  if (target === 'electron') return 'electron';
  const rel = posix.relative(posix.dirname(from), targetModule[target]);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Lints one file made of one import per line; returns, per line, whether the layering rule refused it. */
async function refusedLines(filePath: string, specifiers: readonly string[]): Promise<boolean[]> {
  const code =
    specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') + `\nexport const all = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`;
  const [result] = await eslint.lintText(code, { filePath });
  const refused = new Set((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line));
  return specifiers.map((_, i) => refused.has(i + 1));
}

describe('the layering lint rule', { timeout: 60_000 }, () => {
  for (const [layer, { dir, may }] of Object.entries(layers) as [Layer, (typeof layers)[Layer]][]) {
    const forbidden = targets.filter((t) => t !== layer && !(may as readonly string[]).includes(t));
    const allowed = targets.filter((t) => t !== layer && (may as readonly string[]).includes(t));

    it(`refuses every import ${dir} may not make (${forbidden.join(', ')})`, async () => {
      const file = sampleFile(dir);
      const refused = await refusedLines(
        file,
        forbidden.map((t) => importPath(file, t)),
      );
      expect(Object.fromEntries(forbidden.map((t, i) => [t, refused[i]]))).toEqual(Object.fromEntries(forbidden.map((t) => [t, true])));
    });

    if (allowed.length > 0) {
      it(`allows what ${dir} may import (${allowed.join(', ')})`, async () => {
        const file = sampleFile(dir);
        const refused = await refusedLines(
          file,
          allowed.map((t) => importPath(file, t)),
        );
        expect(Object.fromEntries(allowed.map((t, i) => [t, refused[i]]))).toEqual(Object.fromEntries(allowed.map((t) => [t, false])));
      });
    }
  }

  it('names the rule that was broken and where the table is', async () => {
    const [result] = await eslint.lintText("import { x } from '../../core/job-manager';\nexport const y = x;\n", {
      filePath: 'electron/services/history/bad.ts',
    });
    expect(result?.messages[0]?.message).toMatch(/electron\/services may not import core .*ARCHITECTURE\.md/);
  });

  it('refuses Node modules in the contract and the renderer, and allows them in services', async () => {
    expect(await refusedLines('electron/contract/bad.ts', ['node:path', 'fs'])).toEqual([true, true]);
    expect(await refusedLines('renderer/src/bad.ts', ['node:fs', 'child_process'])).toEqual([true, true]);
    expect(await refusedLines('electron/services/engine/ok.ts', ['node:fs', 'dockerode'])).toEqual([false, false]);
  });
});

describe('the services table', { timeout: 60_000 }, () => {
  const names = Object.keys(serviceTable);

  it('keeps credentials, registry and login apart: login sits above both', async () => {
    expect(await refusedLines('electron/services/registry/bad.ts', ['../credentials/secret-store', '../credentials', '../login/login'])).toEqual([
      true,
      true,
      true,
    ]);
    expect(await refusedLines('electron/services/credentials/bad.ts', ['../login', '../registry/registry-address'])).toEqual([true, false]);
    expect(await refusedLines('electron/services/login/ok.ts', ['../credentials/secret-store', '../registry/registry-auth'])).toEqual([false, false]);
  });

  it('lists every service folder, and has no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (name: string, path: string[]): string[] | null => {
      if (done.has(name)) return null;
      if (visiting.has(name)) return [...path, name];
      visiting.add(name);
      for (const next of serviceTable[name] ?? []) {
        expect(names, `${name} lists ${next}`).toContain(next);
        const found = cycle(next, [...path, name]);
        if (found) return found;
      }
      visiting.delete(name);
      done.add(name);
      return null;
    };
    for (const name of names) expect(cycle(name, [])).toBeNull();
  });

  for (const [service, may] of Object.entries(serviceTable)) {
    it(`services/${service} may import only ${may.join(', ') || 'no other service'}`, async () => {
      const others = names.filter((n) => n !== service);
      const refused = await refusedLines(
        `electron/services/${service}/sample.ts`,
        others.map((n) => `../${n}/index`),
      );
      expect(Object.fromEntries(others.map((n, i) => [n, refused[i]]))).toEqual(Object.fromEntries(others.map((n) => [n, !may.includes(n)])));
    });
  }
});
