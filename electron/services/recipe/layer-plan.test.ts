import type { HistoryEntry } from '../../contract/domain/history';
import type { DistributionNode, HeavyDistribution } from '../../contract/domain/layers';
import type { PackageEntry, Recipe } from '../../contract/domain/recipe';
import { defaultRecipe } from './default-recipe';
import { heavyDistributions, type LayerHistory, layerHistoryFor, planLayers } from './layer-plan';
import { planRecipe } from './plan-recipe';

const today = new Date('2026-11-25T12:00:00Z');
const MB = 1_000_000;

function entries(...lines: string[]): PackageEntry[] {
  return lines.map((text, i) => ({ id: `p${i}`, text, origin: { file: 'requirements.txt', line: i + 1 } }));
}

function recipe(...lines: string[]): Recipe {
  return { ...defaultRecipe(today), imageName: 'alice/ml:1', packages: entries(...lines) };
}

const node = (name: string, version: string, sizeBytes: number, requires: string[] = []): DistributionNode => ({ name, version, sizeBytes, requires });

// An image with torch (and the CUDA library it needs), pandas, and small packages; requests came with Elyra.
const NODES: DistributionNode[] = [
  node('torch', '2.5.1', 900 * MB, ['nvidia-cudnn-cu12', 'sympy', 'numpy']),
  node('nvidia-cudnn-cu12', '9.1.0.70', 700 * MB),
  node('sympy', '1.13.1', 30 * MB, ['mpmath']),
  node('mpmath', '1.3.0', 5 * MB),
  node('numpy', '2.1.3', 40 * MB),
  node('pandas', '2.2.3', 70 * MB, ['numpy', 'python-dateutil']),
  node('python-dateutil', '2.9.0', 1 * MB, ['six']),
  node('six', '1.16.0', 0.1 * MB),
  node('rich', '13.9.4', 2 * MB),
  node('requests', '2.33.0', 1 * MB),
  node('Big_Base_Thing', '1.0', 400 * MB),
];

describe('heavyDistributions', () => {
  it("finds the user's heavy packages with everything they need; a heavy one another needs goes with it", () => {
    const heavy = heavyDistributions(NODES, ['torch>=2', 'pandas', 'rich']);
    expect(heavy.map((h) => h.name)).toEqual(['torch', 'pandas']);
    expect(heavy[0]).toEqual({
      name: 'torch',
      version: '2.5.1',
      ownBytes: 900 * MB,
      sizeBytes: (900 + 700 + 30 + 5 + 40) * MB,
      dependencies: ['mpmath==1.3.0', 'numpy==2.1.3', 'nvidia-cudnn-cu12==9.1.0.70', 'sympy==1.13.1'],
      neededBy: ['torch'],
    });
    expect(heavy[1]?.dependencies).toEqual(['numpy==2.1.3', 'python-dateutil==2.9.0', 'six==1.16.0']);
  });

  it("ignores what the user's packages did not pull in (the base's, Elyra's), and light packages", () => {
    expect(heavyDistributions(NODES, ['rich', 'requests'])).toEqual([]);
  });

  it('names the package of the list that pulled a heavy one in, and takes another threshold', () => {
    const nodes = [node('sentence-transformers', '3.0.0', 1 * MB, ['torch']), ...NODES];
    const heavy = heavyDistributions(nodes, ['sentence-transformers'], 800 * MB);
    expect(heavy.map((h) => [h.name, h.neededBy])).toEqual([['torch', ['sentence-transformers']]]);
  });
});

const lock = ['torch==2.5.1', 'nvidia-cudnn-cu12==9.1.0.70', 'sympy==1.13.1', 'mpmath==1.3.0', 'numpy==2.1.3', 'pandas==2.2.3', 'rich==13.9.4'];

function history(lines: string[], locks: string[][] = [lock]): LayerHistory {
  return { builtAt: '2026-11-25T10:00:00Z', heavy: heavyDistributions(NODES, lines), packages: lines, recipe: recipe(...lines), locks };
}

describe('planLayers', () => {
  it('a first build keeps one layer', () => {
    expect(planLayers(recipe('torch', 'rich'), null)).toEqual({ layers: [], note: null });
  });

  it('puts each heavy package in its own layer, pinned as last built, the most stable first, then the rest', () => {
    const last = history(['torch', 'pandas', 'rich'], [lock, lock, ['torch==2.5.0', 'pandas==2.2.3']]);
    const plan = planLayers(recipe('torch', 'pandas', 'rich', 'tqdm'), last);
    expect(plan.layers.map((l) => [l.kind, l.name])).toEqual([
      ['heavy', 'pandas'],
      ['heavy', 'torch'],
      ['rest', null],
    ]);
    expect(plan.layers[0]?.installs).toEqual(['pandas==2.2.3', 'numpy==2.1.3', 'python-dateutil==2.9.0', 'six==1.16.0']);
    // numpy is in the layer before: not pinned twice.
    expect(plan.layers[1]?.installs).toEqual(['torch==2.5.1', 'mpmath==1.3.0', 'nvidia-cudnn-cu12==9.1.0.70', 'sympy==1.13.1']);
    expect(plan.layers[0]?.reason).toBe(
      'pandas 2.2.3 with the 3 packages it needs (111 MB last build, the same for 3 builds) in its own layer, so that changing other packages does not build or send it again.',
    );
    expect(plan.layers[2]?.installs).toEqual(['torch', 'pandas', 'rich', 'tqdm']);
  });

  it('a changed heavy package installs its new line; the layers after it pin only their own package', () => {
    const plan = planLayers(recipe('torch==2.6.0', 'pandas', 'rich'), history(['torch', 'pandas', 'rich']));
    expect(plan.layers.map((l) => [l.name, l.changed, l.installs])).toEqual([
      ['torch', true, ['torch==2.6.0']],
      ['pandas', false, ['pandas==2.2.3']],
      [null, false, ['torch==2.6.0', 'pandas', 'rich']],
    ]);
    expect(plan.layers[0]?.reason).toMatch(/^torch changed \(it was 2\.5\.1, 1675 MB\)/);
  });

  it('after a change, the next build keeps the layers in place and says what the changed layer said, so the engine reuses them', () => {
    const lines = ['torch==2.6.0', 'pandas', 'rich'];
    const heavy = heavyDistributions(
      NODES.map((n) => (n.name === 'torch' ? { ...n, version: '2.6.0' } : n)),
      lines,
    ).map((h) => ({ ...h, layerInstalls: h.name === 'torch' ? ['torch==2.6.0'] : ['pandas==2.2.3', 'python-dateutil==2.9.0', 'six==1.16.0'] }));
    const plan = planLayers(recipe(...lines, 'tqdm'), { ...history(lines), heavy });
    expect(plan.layers.map((l) => [l.name, l.changed, l.installs[0]])).toEqual([
      ['torch', false, 'torch==2.6.0'],
      ['pandas', false, 'pandas==2.2.3'],
      [null, false, 'torch==2.6.0'],
    ]);
    expect(plan.layers[0]?.installs).toEqual(['torch==2.6.0']);
  });

  it('drops a heavy package the list no longer needs', () => {
    const plan = planLayers(recipe('pandas', 'rich'), history(['torch', 'pandas', 'rich']));
    expect(plan.layers.map((l) => l.name)).toEqual(['pandas', null]);
    expect(planLayers(recipe('rich'), history(['torch', 'pandas', 'rich'])).layers).toEqual([]);
  });

  it('resolves afresh in one layer when the base, Python, index or constraints changed, and says why', () => {
    const moved = { ...recipe('torch', 'rich'), pythonVersion: '3.12' as const };
    expect(planLayers(moved, history(['torch', 'rich']))).toEqual({
      layers: [],
      note: 'Your packages are installed in one layer: the Python version changed since the last build of this image.',
    });
    const constrained = { ...recipe('torch', 'rich'), constraints: ['numpy<2'] };
    expect(planLayers(constrained, history(['torch', 'rich'])).note).toMatch(/constraints changed/);
  });
});

describe('layerHistoryFor', () => {
  const heavy: HeavyDistribution[] = heavyDistributions(NODES, ['torch']);
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    id: Math.random().toString(36),
    kind: 'build',
    image: 'alice/ml:1',
    digest: null,
    packages: ['torch'],
    python: '3.13',
    elyraVersion: '4.1.1',
    base: 'python:3.13-slim',
    platform: 'linux/amd64',
    sizeBytes: 1,
    createdAt: '2026-11-25T10:00:00Z',
    result: 'succeeded',
    error: null,
    lock,
    recipe: recipe('torch'),
    heavy,
    ...over,
  });

  it('takes the newest successful build of the same image, and the locks of its builds newest first', () => {
    const found = layerHistoryFor(
      [
        entry({ createdAt: '2026-11-24T10:00:00Z', lock: ['torch==2.5.0'] }),
        entry({ createdAt: '2026-11-25T10:00:00Z' }),
        entry({ createdAt: '2026-11-26T10:00:00Z', result: 'failed', heavy: null }),
        entry({ createdAt: '2026-11-27T10:00:00Z', image: 'alice/other:1', heavy: [] }),
      ],
      'alice/ml:1',
    );
    expect(found?.builtAt).toBe('2026-11-25T10:00:00Z');
    expect(found?.heavy).toEqual(heavy);
    expect(found?.locks).toEqual([lock, ['torch==2.5.0']]);
  });

  it('knows nothing of an image never built, or built before sizes were kept', () => {
    expect(layerHistoryFor([entry({})], 'alice/new:1')).toBeNull();
    expect(layerHistoryFor([entry({ heavy: undefined })], 'alice/ml:1')).toBeNull();
  });
});

describe('the Dockerfile with heavy layers', () => {
  const last = history(['torch', 'pandas', 'rich']);
  const options = { today, appName: 'Runtime Image Builder', appVersion: '0.1.0' };

  it('installs each heavy package in a RUN of its own before the list, with why, and keeps one step label per step', () => {
    const plan = planRecipe(recipe('torch', 'pandas', 'rich', 'tqdm'), { ...options, builder: 'buildkit', layerHistory: last });
    const text = plan.dockerfile;
    expect(text).toContain(
      '# torch 2.5.1 with the 4 packages it needs (1675 MB last build) in its own layer, so that changing\n' +
        '# other packages does not build or send it again.\n' +
        'RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install --cache-dir=/root/.cache/pip torch==2.5.1 mpmath==1.3.0 numpy==2.1.3 nvidia-cudnn-cu12==9.1.0.70 sympy==1.13.1\n',
    );
    expect(text.indexOf('torch==2.5.1')).toBeGreaterThan(text.indexOf('requirements-elyra.txt'));
    expect(text.indexOf('pandas==2.2.3')).toBeGreaterThan(text.indexOf('torch==2.5.1'));
    expect(text.indexOf('COPY requirements.txt')).toBeGreaterThan(text.indexOf('pandas==2.2.3'));
    expect(text).toContain('# Your package list: a change to a package that is not above rebuilds and sends only this layer.\nCOPY requirements.txt');
    // The list itself is the user's, unchanged: pip finds the heavy ones installed.
    expect(plan.files.find((f) => f.path === 'requirements.txt')?.content).toBe('torch\npandas\nrich\ntqdm\n');
    // Step numbers: the comments are no steps, every instruction has its label.
    // (The build's step parser, services/build/buildkit-steps.ts, is checked on this plan in its own test.)
    const instructions = text.split('\n').filter((line) => /^[A-Z]+ /.test(line));
    expect(instructions).toHaveLength(plan.stepLabels.length);
    expect(plan.stepLabels[instructions.findIndex((i) => i.includes('torch==2.5.1'))]).toBe('installing torch==2.5.1 in its own layer');
    expect(plan.layers?.map((l) => l.name)).toEqual(['torch', 'pandas', null]);
  });

  it('adding a light package changes only the list: the heavy RUN lines stay as they were', () => {
    const before = planRecipe(recipe('torch', 'pandas', 'rich'), { ...options, layerHistory: last });
    const after = planRecipe(recipe('torch', 'pandas', 'rich', 'tqdm'), { ...options, layerHistory: last });
    const heavyRuns = (dockerfile: string) => dockerfile.split('\n').filter((l) => l.includes('==2.'));
    expect(heavyRuns(after.dockerfile)).toEqual(heavyRuns(before.dockerfile));
    expect(heavyRuns(after.dockerfile)).toHaveLength(2);
  });

  it('quotes a changed line for the shell', () => {
    const plan = planRecipe(recipe("torch>=2.6 ; python_version >= '3.9'", 'rich'), { ...options, layerHistory: history(['torch', 'rich']) });
    expect(plan.dockerfile).toContain(`python3 -m pip install 'torch>=2.6; python_version >= "3.9"'\n`);
  });

  it('a first build is as before: one layer for the list', () => {
    const plain = planRecipe(recipe('torch', 'rich'), options);
    expect(plain.dockerfile).not.toContain('own layer');
    expect(plain.layers).toEqual([]);
  });
});
