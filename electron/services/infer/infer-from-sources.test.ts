import { InferenceResult } from '../../contract/domain/infer';
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
    const result = await inferFromSources(
      [{ name: 'a.ipynb', content: notebook('%pip install Scikit_Learn>=1.4\nfrom sklearn import svm') }],
      { pythonVersion: '3.11' },
    );
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]).toMatchObject({ requirement: 'Scikit_Learn>=1.4', importNames: ['sklearn'], confidence: 'high' });
  });

  it('notes conflicting version requests', async () => {
    const result = await inferFromSources(
      [{ name: 'a.ipynb', content: notebook('%pip install pandas==2.1.0', '%pip install "pandas>=2.2"') }],
      { pythonVersion: '3.11' },
    );
    expect(result.packages[0]).toMatchObject({ requirement: 'pandas>=2.2' });
    expect(result.packages[0]?.note).toMatch(/different versions: pandas==2.1.0, pandas>=2.2/);
  });

  it('reports unresolved pip arguments and conda installs as findings', async () => {
    const result = await inferFromSources(
      [{ name: 'a.ipynb', content: notebook('%pip install {pkg}', '%conda install -y numpy') }],
      { pythonVersion: '3.11' },
    );
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
});
