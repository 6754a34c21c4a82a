import { InferenceResult } from '../../contract/domain/infer';
import { applyIndexConfirmation } from './confirm-inference';
import { inferFromSources } from './infer-from-sources';

const notebook = (...sources: string[]): string =>
  JSON.stringify({ nbformat: 4, metadata: {}, cells: sources.map((source) => ({ cell_type: 'code', source, outputs: [] })) });

describe('inferFromSources', () => {
  it('reads dropped content without touching the disk', async () => {
    const result = await inferFromSources(
      [
        { name: 'train.ipynb', content: notebook('%pip install seaborn==0.13.2\nimport seaborn as sns', 'import utils\nimport yaml') },
        { name: 'utils.py', content: 'import requests\n' },
      ],
      { pythonVersion: '3.12' },
    );
    expect(() => InferenceResult.parse(result)).not.toThrow();
    expect(result.packages.map((pkg) => [pkg.distribution, pkg.requirement])).toEqual([
      ['PyYAML', 'PyYAML'],
      ['requests', 'requests'],
      ['seaborn', 'seaborn==0.13.2'],
    ]);
    expect(result.excluded.local).toEqual(['utils']);
    expect(result.index).toEqual({ indexUrl: null, status: 'not-checked', message: null });
  });

  it('names packages that only a %pip line mentions, with the caveats we know', async () => {
    const result = await inferFromSources([{ name: 'a.ipynb', content: notebook('!pip install torch psycopg2-binary') }], {
      pythonVersion: '3.11',
    });
    expect(result.packages.map((pkg) => [pkg.distribution, pkg.mappingSource, pkg.importNames, pkg.note !== null])).toEqual([
      ['psycopg2-binary', 'pip-install', [], true],
      ['torch', 'pip-install', [], true],
    ]);
  });

  it('merges an import and a %pip line naming the same distribution differently', async () => {
    const result = await inferFromSources([{ name: 'a.ipynb', content: notebook('%pip install Scikit_Learn>=1.4\nfrom sklearn import svm') }], {
      pythonVersion: '3.11',
    });
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]).toMatchObject({ requirement: 'Scikit_Learn>=1.4', importNames: ['sklearn'], confidence: 'high' });
  });

  it('notes conflicting version requests', async () => {
    const result = await inferFromSources([{ name: 'a.ipynb', content: notebook('%pip install pandas==2.1.0', '%pip install "pandas>=2.2"') }], {
      pythonVersion: '3.11',
    });
    expect(result.packages[0]).toMatchObject({ requirement: 'pandas>=2.2' });
    expect(result.packages[0]?.note).toMatch(/different versions: pandas==2.1.0, pandas>=2.2/);
  });

  it('reports unresolved pip arguments and conda installs as findings', async () => {
    const result = await inferFromSources([{ name: 'a.ipynb', content: notebook('%pip install {pkg}', '%conda install -y numpy') }], { pythonVersion: '3.11' });
    expect(result.findings.map((f) => [f.kind, f.cell, f.line])).toEqual([
      ['unresolved-pip-argument', 1, 1],
      ['conda-install', 2, 1],
    ]);
  });

  it('reads .py files exported by nbconvert, pip magics included', async () => {
    const source = "get_ipython().run_line_magic('pip', 'install -q lightgbm==4.3.0')\nimport lightgbm\n";
    const result = await inferFromSources([{ name: 'exported.py', content: source }], { pythonVersion: '3.11' });
    expect(result.packages.map((pkg) => pkg.requirement)).toEqual(['lightgbm==4.3.0']);
  });

  it('uses the nearest covered stdlib for versions outside 3.9–3.14, and says so', async () => {
    const result = await inferFromSources([{ name: 'a.py', content: 'import tomllib\n' }], { pythonVersion: '3.15' });
    expect(result.findings[0]?.kind).toBe('python-version-not-covered');
    expect(result.excluded.stdlib).toEqual(['tomllib']);
  });

  it('rejects a version that is not Python 3', async () => {
    await expect(inferFromSources([], { pythonVersion: '2.7' })).rejects.toThrow(/Not a Python 3 version/);
  });

  it('reports unsupported files', async () => {
    const result = await inferFromSources([{ name: 'requirements.txt', content: 'pandas' }], { pythonVersion: '3.11' });
    expect(result.findings.map((f) => f.kind)).toEqual(['unsupported-file']);
  });

  it('takes the candidate a %pip line installs, and offers the others otherwise', async () => {
    const pinned = await inferFromSources([{ name: 'a.ipynb', content: notebook('%pip install opencv-python==4.10.0.84\nimport cv2') }], {
      pythonVersion: '3.11',
    });
    expect(pinned.packages.map((pkg) => [pkg.distribution, pkg.requirement, pkg.importNames, pkg.candidates])).toEqual([
      ['opencv-python', 'opencv-python==4.10.0.84', ['cv2'], []],
    ]);
    const plain = await inferFromSources([{ name: 'a.ipynb', content: notebook('import cv2') }], { pythonVersion: '3.11' });
    expect(plain.packages[0]).toMatchObject({ distribution: 'opencv-python-headless', confidence: 'high', reviewReason: null });
    expect(plain.packages[0]?.note).toMatch(/libGL/);
    expect(plain.packages[0]?.candidates[1]).toEqual({ distribution: 'opencv-python', note: expect.stringMatching(/libgl1/) });
  });

  it('asks the user to choose for a bare `import google`, never proposing the name alone', async () => {
    const result = await inferFromSources([{ name: 'a.py', content: 'import google\n' }], { pythonVersion: '3.11' });
    expect(result.packages).toEqual([]);
    expect(result.unknown.map((pkg) => [pkg.distribution, pkg.reviewReason, pkg.confidence, pkg.candidates.length])).toEqual([
      ['google-genai', 'ambiguous-name', 'low', 5],
    ]);
  });

  it("reads %load_ext and %matplotlib as needs, and leaves IPython's own extensions out", async () => {
    const result = await inferFromSources(
      [{ name: 'a.ipynb', content: notebook('%load_ext tensorboard\n%load_ext autoreload\n%load_ext sql', '%matplotlib widget') }],
      { pythonVersion: '3.11' },
    );
    expect(result.packages.map((pkg) => [pkg.distribution, pkg.occurrences.map((o) => `${o.kind} ${o.cell}:${o.line} ${o.text}`)])).toEqual([
      ['ipympl', ['magic 2:1 %matplotlib widget']],
      ['jupysql', ['magic 1:3 %load_ext sql']],
      ['matplotlib', ['magic 2:1 %matplotlib widget']],
      ['tensorboard', ['magic 1:1 %load_ext tensorboard']],
    ]);
  });

  it('switches to a candidate the index has when it lacks the recommended one', async () => {
    const result = await inferFromSources([{ name: 'a.ipynb', content: notebook('import cv2') }], { pythonVersion: '3.11' });
    const confirmed = applyIndexConfirmation(result, {
      indexUrl: 'http://mirror/simple/',
      reachable: true,
      message: null,
      results: [
        { name: 'opencv-python-headless', normalized: 'opencv-python-headless', status: 'not-found', detail: null },
        { name: 'opencv-python', normalized: 'opencv-python', status: 'found', detail: null },
      ],
    });
    expect(confirmed.packages.map((pkg) => [pkg.distribution, pkg.requirement, pkg.indexStatus, pkg.candidates[0]?.distribution])).toEqual([
      ['opencv-python', 'opencv-python', 'found', 'opencv-python'],
    ]);
  });
});
