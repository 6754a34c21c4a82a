import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceResult, type InferredPackage } from '../../contract/domain/infer';
import { inferFromPaths } from './infer-from-paths';
import { createPythonParser, type PythonParser } from './python-parser';

const project = fileURLToPath(new URL('../../../test/fixtures/notebooks/project', import.meta.url));
let parser: PythonParser;
let result: InferenceResult;

beforeAll(async () => {
  parser = await createPythonParser();
  result = await inferFromPaths([project], { pythonVersion: '3.11', parser });
});

const find = (packages: readonly InferredPackage[], name: string): InferredPackage | undefined => packages.find((pkg) => pkg.distribution === name);
const base = (file: string): string => file.split(/[\\/]/).pop() ?? file;

describe('inferFromPaths on the fixture project', () => {
  it('produces a result that satisfies the contract schema', () => {
    expect(() => InferenceResult.parse(result)).not.toThrow();
  });

  it('covers at least 60 distinct import names (third-party, stdlib and local)', () => {
    const names = new Set<string>([
      ...[...result.packages, ...result.unknown].flatMap((pkg) => pkg.importNames),
      ...result.excluded.stdlib,
      ...result.excluded.local,
    ]);
    expect(names.size).toBeGreaterThanOrEqual(60);
  });

  it('infers the third-party distributions with their %pip specs', () => {
    const requirements = Object.fromEntries(result.packages.map((pkg) => [pkg.distribution, pkg.requirement]));
    expect(requirements).toEqual({
      attrs: 'attrs',
      beautifulsoup4: 'beautifulsoup4',
      boto3: 'boto3',
      'category-encoders': 'category-encoders',
      'google-cloud-bigquery': 'google-cloud-bigquery',
      'google-cloud-storage': 'google-cloud-storage',
      great_expectations: 'great_expectations',
      'huggingface-hub': 'huggingface-hub',
      kaggle: 'kaggle',
      lightgbm: 'lightgbm',
      matplotlib: 'matplotlib',
      mysqlclient: 'mysqlclient',
      networkx: 'networkx',
      nltk: 'nltk',
      numpy: 'numpy',
      'opencv-python-headless': 'opencv-python-headless',
      pandas: 'pandas>=2.1',
      pillow: 'pillow',
      plotly: 'plotly==5.22.0',
      polars: 'polars',
      'psycopg2-binary': 'psycopg2-binary',
      pyarrow: 'pyarrow',
      pycryptodome: 'pycryptodome',
      PyGObject: 'PyGObject',
      PyJWT: 'PyJWT',
      PyMuPDF: 'PyMuPDF',
      pyOpenSSL: 'pyOpenSSL',
      pyserial: 'pyserial',
      'python-dateutil': 'python-dateutil',
      'python-docx': 'python-docx',
      'python-dotenv': 'python-dotenv',
      'python-Levenshtein': 'python-Levenshtein',
      'python-magic': 'python-magic',
      'python-pptx': 'python-pptx',
      pyusb: 'pyusb',
      pywin32: 'pywin32',
      PyYAML: 'PyYAML',
      pyzmq: 'pyzmq',
      requests: 'requests',
      'scikit-image': 'scikit-image',
      'scikit-learn': 'scikit-learn==1.5.2',
      scipy: 'scipy',
      seaborn: 'seaborn',
      'sentence-transformers': 'sentence-transformers',
      spacy: 'spacy',
      sqlalchemy: 'sqlalchemy',
      statsmodels: 'statsmodels',
      tensorflow: 'tensorflow',
      torch: 'torch',
      torchvision: 'torchvision',
      tqdm: 'tqdm',
      transformers: 'transformers',
      ujson: 'ujson',
      unidecode: 'unidecode',
      wxPython: 'wxPython',
      xgboost: 'xgboost',
    });
  });

  it('flags names it cannot vouch for, for the user to decide', () => {
    expect(result.unknown.map((pkg) => [pkg.distribution, pkg.reviewReason, pkg.confidence])).toEqual([
      ['company-sdk', 'unconfirmed-name', 'medium'],
      ['google-colab', 'unconfirmed-name', 'medium'],
      ['mypy-boto3-s3', 'unconfirmed-name', 'low'],
      ['mysterious-internal-lib', 'unconfirmed-name', 'medium'],
    ]);
  });

  it('says where each package came from: file, 1-based cell, line in the cell', () => {
    const seaborn = find(result.packages, 'seaborn');
    expect(seaborn?.occurrences).toEqual([
      {
        file: join(project, 'train.ipynb'),
        cell: 3,
        line: 5,
        text: 'import seaborn as sns',
        module: 'seaborn',
        kind: 'import',
        optional: false,
        typeCheckingOnly: false,
      },
    ]);
    const sklearn = find(result.packages, 'scikit-learn');
    expect(sklearn?.occurrences.map((o) => [base(o.file), o.cell, o.line, o.kind])).toEqual([
      ['features.py', null, 6, 'from-import'],
      ['train.ipynb', 2, 1, 'pip-install'],
      ['train.ipynb', 3, 6, 'from-import'],
      ['train.ipynb', 3, 10, 'from-import'],
    ]);
    expect(sklearn?.importNames).toEqual(['sklearn']);
  });

  it('rates confidence: mapped high, optional and dynamic lower, type-checking-only low', () => {
    expect(find(result.packages, 'scikit-learn')?.confidence).toBe('high');
    expect(find(result.packages, 'ujson')?.confidence).toBe('medium');
    expect(find(result.packages, 'ujson')?.occurrences[0]?.optional).toBe(true);
    expect(find(result.packages, 'tqdm')?.confidence).toBe('medium');
    expect(find(result.packages, 'pyarrow')?.occurrences[0]?.kind).toBe('dynamic-import');
    expect(find(result.packages, 'pyarrow')?.confidence).toBe('medium');
    expect(find(result.unknown, 'mypy-boto3-s3')?.occurrences[0]?.typeCheckingOnly).toBe(true);
  });

  it('leaves out the standard library and the notebooks’ own modules', () => {
    expect(result.excluded.stdlib).toEqual(
      expect.arrayContaining(['os', 'sys', 'json', 'importlib', 'collections', 'pathlib', 'logging', 'typing', 'tomllib', 'distutils', 'imghdr', 're']),
    );
    expect(result.excluded.local).toEqual(expect.arrayContaining(['features', 'mylib', 'helpers_written', '.', '.helpers']));
    const all = [...result.packages, ...result.unknown].map((pkg) => pkg.distribution);
    for (const name of ['os', 'json', 'features', 'mylib', 'helpers_written', 'sibling_module']) expect(all).not.toContain(name);
  });

  it('reads nothing from strings, comments, docstrings, markdown, raw cells, outputs or non-Python cell magics', () => {
    const all = JSON.stringify([...result.packages, ...result.unknown]);
    for (const name of ['fake_', 'markdown_only_pkg', 'not_from_output', 'raw_pkg', 'html_pkg', 'fake_magic_in_string']) {
      expect(all).not.toContain(name);
    }
  });

  it('reads the %pip / !pip lines with their options as written', () => {
    expect(result.pipInstalls.map((pip) => [pip.cell, pip.line, pip.text, pip.requirements, pip.options])).toEqual([
      [2, 1, '%pip install -q "pandas>=2.1" scikit-learn==1.5.2 --upgrade', ['pandas>=2.1', 'scikit-learn==1.5.2'], ['-q', '--upgrade']],
      [2, 2, '!pip install -r requirements-extra.txt', [], ['-r requirements-extra.txt']],
      [2, 3, '!python -m pip install --no-cache-dir xgboost', ['xgboost'], ['--no-cache-dir']],
      [8, 2, '!pip install --quiet great_expectations', ['great_expectations'], ['--quiet']],
      [9, 2, '!pip install plotly==5.22.0', ['plotly==5.22.0'], []],
      [15, 2, '!pip install -q kaggle', ['kaggle'], ['-q']],
    ]);
  });

  it('reports the cell with a syntax error and keeps the imports around the error', () => {
    const errors = result.findings.filter((finding) => finding.kind === 'syntax-error');
    expect(errors.map((f) => [base(f.file ?? ''), f.cell, f.line])).toEqual([['train.ipynb', 7, 3]]);
    expect(find(result.packages, 'requests')?.occurrences[0]).toMatchObject({ cell: 7, line: 1 });
    expect(find(result.packages, 'scipy')?.occurrences[0]).toMatchObject({ cell: 7, line: 6 });
  });

  it('reports the corrupt notebook and the R notebook and reads every other file', () => {
    const byKind = result.findings.map((f) => [f.kind, base(f.file ?? '')]);
    expect(byKind).toEqual(
      expect.arrayContaining([
        ['corrupt-notebook', 'broken.ipynb'],
        ['not-python-notebook', 'r-analysis.ipynb'],
        ['requirements-file-referenced', 'train.ipynb'],
      ]),
    );
    expect(result.files.map((f) => [base(f.file), f.kind, f.read])).toEqual([
      ['broken.ipynb', 'notebook', false],
      ['explore.ipynb', 'notebook', true],
      ['features.py', 'script', true],
      ['__init__.py', 'script', true],
      ['cleaning.py', 'script', true],
      ['r-analysis.ipynb', 'notebook', false],
      ['train.ipynb', 'notebook', true],
    ]);
  });

  it('follows the chosen Python: distutils and imghdr on 3.13, tomllib on 3.9', async () => {
    const py313 = await inferFromPaths([project], { pythonVersion: '3.13', parser });
    expect(find(py313.packages, 'setuptools')?.importNames).toEqual(['distutils']);
    expect(find(py313.unknown, 'imghdr')).toMatchObject({ reviewReason: 'removed-from-stdlib', confidence: 'low' });
    const py39 = await inferFromPaths([project], { pythonVersion: '3.9.18', parser });
    expect(find(py39.unknown, 'tomllib')).toMatchObject({ reviewReason: 'stdlib-in-newer-python' });
    expect(py39.excluded.stdlib).toContain('distutils');
  });
});

describe('inferFromPaths on folders and files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'infer-paths-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const notebook = (...sources: string[]): string =>
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: sources.map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [] })),
    });

  it('skips environments, caches, checkpoints and VCS folders', async () => {
    await writeFile(join(dir, 'main.ipynb'), notebook('import numpy'));
    const skipped = ['.git', '.venv', 'venv', 'node_modules', '__pycache__', '.ipynb_checkpoints', 'lib/site-packages'];
    for (const [i, folder] of skipped.entries()) {
      await mkdir(join(dir, folder), { recursive: true });
      await writeFile(join(dir, folder, `nb${i}.ipynb`), notebook(`import skipped_${i}`));
      await writeFile(join(dir, folder, `mod${i}.py`), `import skipped_py_${i}\n`);
    }
    await mkdir(join(dir, 'my-env'));
    await writeFile(join(dir, 'my-env', 'pyvenv.cfg'), 'home = /usr/bin\n');
    await writeFile(join(dir, 'my-env', 'x.py'), 'import skipped_env\n');
    await mkdir(join(dir, 'notebooks'));
    await writeFile(join(dir, 'notebooks', 'deep.ipynb'), notebook('import seaborn'));
    const found = await inferFromPaths([dir], { pythonVersion: '3.12', parser });
    expect([...found.packages, ...found.unknown].map((pkg) => pkg.distribution)).toEqual(['numpy', 'seaborn']);
  });

  it('takes single files, reports missing and unsupported paths, and reads the sibling modules they import', async () => {
    await writeFile(join(dir, 'a.ipynb'), notebook('import helpers\nimport pkg.sub\nimport pandas'));
    await writeFile(join(dir, 'helpers.py'), 'import polars\n');
    await writeFile(join(dir, 'unused.py'), 'import not_read_because_not_imported\n');
    await mkdir(join(dir, 'pkg'));
    await writeFile(join(dir, 'pkg', 'sub.py'), '');
    await writeFile(join(dir, 'notes.txt'), 'import x');
    const found = await inferFromPaths([join(dir, 'a.ipynb'), join(dir, 'missing.ipynb'), join(dir, 'notes.txt')], {
      pythonVersion: '3.11',
      parser,
    });
    expect(found.packages.map((pkg) => [pkg.distribution, base(pkg.occurrences[0]?.file ?? '')])).toEqual([
      ['pandas', 'a.ipynb'],
      ['polars', 'helpers.py'],
    ]);
    expect(found.unknown).toEqual([]);
    expect(found.excluded.local).toEqual(['helpers', 'pkg']);
    expect(found.findings.map((f) => [f.kind, base(f.file ?? '')])).toEqual([
      ['unreadable-file', 'missing.ipynb'],
      ['unsupported-file', 'notes.txt'],
    ]);
  });

  it('reads a 50 MB notebook with outputs in under 2 seconds', async () => {
    const image = randomBytes(800_000).toString('base64'); // ~1 MB of base64 per output
    const cells = Array.from({ length: 50 }, (_, i) => ({
      cell_type: 'code',
      execution_count: i + 1,
      metadata: {},
      id: `c${i}`,
      source: [`import numpy as np\n`, `from sklearn import datasets\n`, `result_${i} = np.arange(${i})\n`],
      outputs: [
        { output_type: 'display_data', data: { 'image/png': image, 'text/plain': ['<Figure>'] }, metadata: {} },
        { output_type: 'stream', name: 'stdout', text: Array.from({ length: 100 }, (_, j) => `import fake_${j}\n`) },
      ],
    }));
    const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
    const path = join(dir, 'big.ipynb');
    await writeFile(path, text);
    expect(text.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const started = performance.now();
    const found = await inferFromPaths([path], { pythonVersion: '3.11', parser });
    const elapsed = performance.now() - started;
    console.log(`50 MB notebook: ${(text.length / 1024 / 1024).toFixed(1)} MB read in ${elapsed.toFixed(0)} ms`);
    expect(found.packages.map((pkg) => pkg.distribution)).toEqual(['numpy', 'scikit-learn']);
    expect(found.packages[0]?.occurrences).toHaveLength(50);
    expect(elapsed).toBeLessThan(2000);
  }, 30_000);
});

describe('inferFromPaths with a package index', () => {
  let server: Server;
  let indexUrl: string;
  beforeAll(async () => {
    // Knows the mapped names and mypy_boto3_s3; everything else is 404.
    const known = new Set([...result.packages.map((pkg) => pkg.distribution.toLowerCase().replace(/[-_.]+/g, '-')), 'mypy-boto3-s3']);
    server = createServer((req, res) => {
      const name = /^\/simple\/([^/]+)\/$/.exec(req.url ?? '')?.[1] ?? '';
      res.writeHead(known.has(name) ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('confirms names the index has and flags those it lacks', async () => {
    const confirmed = await inferFromPaths([project], { pythonVersion: '3.11', parser, indexUrl });
    expect(confirmed.index).toEqual({ indexUrl, status: 'reachable', message: null });
    expect(confirmed.packages.every((pkg) => pkg.indexStatus === 'found')).toBe(true);
    expect(find(confirmed.packages, 'mypy-boto3-s3')).toMatchObject({ indexStatus: 'found', reviewReason: null, confidence: 'low' });
    expect(confirmed.unknown.map((pkg) => [pkg.distribution, pkg.indexStatus, pkg.reviewReason])).toEqual([
      ['company-sdk', 'not-found', 'not-on-index'],
      ['google-colab', 'not-found', 'not-on-index'],
      ['mysterious-internal-lib', 'not-found', 'not-on-index'],
    ]);
  });

  it('keeps the inference and says so when the index cannot be reached', async () => {
    const offline = await inferFromPaths([project], {
      pythonVersion: '3.11',
      parser,
      indexUrl: 'http://127.0.0.1:9/simple/',
      indexTimeoutMs: 1000,
    });
    expect(offline.index.status).toBe('unreachable');
    expect(offline.findings.at(-1)).toMatchObject({ kind: 'index-unreachable' });
    expect(offline.packages.map((pkg) => pkg.distribution)).toEqual(result.packages.map((pkg) => pkg.distribution));
    expect(offline.unknown.map((pkg) => pkg.distribution)).toEqual(result.unknown.map((pkg) => pkg.distribution));
    expect(offline.packages.every((pkg) => pkg.indexStatus === 'unknown')).toBe(true);
  });
});
