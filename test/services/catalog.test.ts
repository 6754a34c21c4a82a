import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listVersions } from '../../electron/services/catalog';
import { defaultRecipe, recipePythonFit, refuseUnfitPins } from '../../electron/services/recipe';

const indexUrl = process.env['RIB_INDEX_URL'];
const missing = indexUrl ? null : 'no RIB_INDEX_URL: run through `npm test`, which serves a local package index';
if (missing && process.env['CI'] === 'true') throw new Error(`Under CI the package index must be there: ${missing}`);
if (missing) console.warn(`SKIPPED (index tests): ${missing}`);

describe.skipIf(missing !== null)('package versions from a real PEP 503 index', () => {
  it('lists released versions newest first', async () => {
    const result = await listVersions('RibDemo_Alpha', { indexUrl: indexUrl ?? null });
    expect(result).toMatchObject({ ok: true, name: 'ribdemo-alpha', versions: ['2.0.0', '1.1.0', '1.0.0'] });
  });

  it('says when a package is not on the index', async () => {
    const result = await listVersions('ribdemo-nothere', { indexUrl: indexUrl ?? null });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ribdemo-nothere is not on http:\/\/127\.0\.0\.1:\d+\/simple/);
  });

  it('still answers, with a reason, when the index cannot be reached', async () => {
    const result = await listVersions('pandas', { indexUrl: 'http://127.0.0.1:9/simple', timeoutMs: 2000 });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/could not be reached, so versions could not be listed/);
  });
});

describe.skipIf(missing !== null)('pins looked up in a real PEP 503 index before the build', () => {
  const recipeFile = (lines: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'rib-fit-'));
    const file = join(dir, 'requirements.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const plan = (file: string, python: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'plan', file, '--elyra', '4.0', '--python', python, '--index-url', indexUrl ?? '', '--tag', 'team/fit:1'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

  it('an old pin with wheels for 3.9 and 3.10 only: refused on 3.13 with the Python that fits, accepted on 3.10', async () => {
    const recipe = {
      ...defaultRecipe(new Date()),
      elyraVersion: '4.0' as const,
      pythonVersion: '3.13' as const,
      index: { indexUrl: indexUrl ?? null, extraIndexUrls: [], trustedHosts: [] },
    };
    const withPins = {
      ...recipe,
      packages: [
        { id: 'a', text: 'ribdemo-legacy==1.0.0', origin: { file: 'requirements.txt', line: 1 } },
        { id: 'b', text: 'ribdemo-alpha==1.1.0', origin: { file: 'requirements.txt', line: 2 } },
      ],
    };
    const today = new Date('2026-09-01');
    const report = await recipePythonFit(withPins, today);
    expect(report.pins.map((p) => [p.name, p.fit, p.wheelPythons])).toEqual([
      ['ribdemo-legacy', 'none', ['3.10']],
      ['ribdemo-alpha', 'wheel', ['3.13', '3.12', '3.11', '3.10']],
    ]);
    expect(report.suggestion).toBe('3.10');
    await expect(refuseUnfitPins(withPins, today)).rejects.toThrow(
      'line 1 of requirements.txt: ribdemo-legacy==1.0.0 has nothing pip can install on Python 3.13 (x86_64). It has wheels for Python 3.10. Choose Python 3.10 on the Base step',
    );

    const file = recipeFile(['ribdemo-legacy==1.0.0', 'ribdemo-alpha==1.1.0']);
    const refused = plan(file, '3.13');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('error: line 1 of requirements.txt: ribdemo-legacy==1.0.0 has nothing pip can install on Python 3.13 (x86_64).');
    expect(refused.stdout).toContain('This recipe cannot be built until the errors above are fixed.');
    const newer = plan(recipeFile(['ribdemo-legacy==2.0.0']), '3.13');
    expect(newer.stdout).not.toContain('ribdemo-legacy==2.0.0 has');
    expect(newer.status).toBe(0);
  });
});
