import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceResult, type InferredPackage } from '../../contract/domain/infer';
import { inferFromPaths } from './infer-from-paths';
import { createPythonParser, type PythonParser } from './python-parser';

/** One notebook opened on its own still brings the helpers, packages and %run files it uses. */

const project = fileURLToPath(new URL('../../../test/fixtures/notebooks/neighbours', import.meta.url));
const train = join(project, 'notebooks', 'train.ipynb');
let parser: PythonParser;
let result: InferenceResult;

beforeAll(async () => {
  parser = await createPythonParser();
  result = await inferFromPaths([train], { pythonVersion: '3.11', parser });
});

const all = (): InferredPackage[] => [...result.packages, ...result.unknown];
const find = (name: string): InferredPackage | undefined => all().find((pkg) => pkg.distribution === name);
const inProject = (file: string): string => relative(project, file);
const places = (name: string): string[] =>
  (find(name)?.occurrences ?? []).map((o) => `${inProject(o.file)}${o.cell === null ? '' : ` cell ${o.cell}`} line ${o.line} ${o.kind}`);

describe('one notebook with its neighbours', () => {
  it('satisfies the contract schema', () => {
    expect(() => InferenceResult.parse(result)).not.toThrow();
  });

  it('proposes what the notebook, its helpers, their helpers and the %run files need', () => {
    expect(Object.fromEntries(result.packages.map((pkg) => [pkg.distribution, pkg.requirement]))).toEqual({
      einops: 'einops',
      matplotlib: 'matplotlib',
      numpy: 'numpy',
      pandas: 'pandas',
      pyjokes: 'pyjokes',
      requests: 'requests',
      rich: 'rich',
      'scikit-learn': 'scikit-learn',
      seaborn: 'seaborn',
      tensorboard: 'tensorboard',
      tensorflow: 'tensorflow',
      torch: 'torch',
      torchmetrics: 'torchmetrics',
      tqdm: 'tqdm',
      transformers: 'transformers==4.44.0',
      wandb: 'wandb',
    });
    expect(result.unknown).toEqual([]);
  });

  it('says where a helper imports each package: the helper file and line', () => {
    expect(places('tensorflow')).toEqual(['notebooks/helpers.py line 4 import']);
    // common.py is reached through helpers.py, layers.py through a relative import in models/net.py.
    expect(places('torch')).toEqual(['notebooks/common.py line 4 import', 'notebooks/models/layers.py line 1 import', 'notebooks/models/net.py line 1 import']);
    expect(places('einops')).toEqual(['notebooks/models/layers.py line 2 from-import']);
    expect(places('pandas')).toEqual(['notebooks/datasets/load_local.py line 2 import']);
    // projlib lives in the project's src/ folder, found from the root that pyproject.toml marks.
    expect(places('torchmetrics')).toEqual(['src/projlib/metrics.py line 3 import']);
    expect(places('wandb')).toEqual(['notebooks/setup_env.py line 2 import']);
    expect(places('requests')).toEqual(['notebooks/prepare.ipynb cell 1 line 2 import']);
  });

  it('reads each neighbour once and says which line of which file needed it', () => {
    const read = result.files.map((f) => [inProject(f.file), f.via === null ? null : `${inProject(f.via.file)}: ${f.via.text}`]);
    expect(read).toEqual([
      ['notebooks/train.ipynb', null],
      ['notebooks/helpers.py', 'notebooks/train.ipynb: import helpers'],
      ['notebooks/models/__init__.py', 'notebooks/train.ipynb: from models.net import build_model'],
      ['notebooks/models/net.py', 'notebooks/train.ipynb: from models.net import build_model'],
      ['notebooks/datasets/load_local.py', 'notebooks/train.ipynb: from datasets.load_local import load_local'],
      ['notebooks/utils/plotting.py', 'notebooks/train.ipynb: import utils.plotting as plotting'],
      ['src/projlib/__init__.py', 'notebooks/train.ipynb: from projlib import score'],
      ['notebooks/setup_env.py', 'notebooks/train.ipynb: %run setup_env.py'],
      ['notebooks/prepare.ipynb', 'notebooks/train.ipynb: %run prepare.ipynb'],
      ['notebooks/common.py', 'notebooks/helpers.py: from common import seed_everything'],
      ['notebooks/models/layers.py', 'notebooks/models/net.py: from .layers import Block'],
      ['src/projlib/metrics.py', 'src/projlib/__init__.py: from .metrics import score'],
    ]);
    expect(result.files.find((f) => f.file.endsWith('train.ipynb'))?.via).toBeNull();
    expect(JSON.stringify(result)).not.toContain('should_not_be_read');
  });

  it('never offers a local module or folder as a PyPI package, even one that shadows a PyPI name', () => {
    for (const name of ['datasets', 'utils', 'helpers', 'common', 'models', 'projlib', 'setup-env']) expect(find(name)).toBeUndefined();
    expect(result.excluded.local).toEqual(expect.arrayContaining(['datasets', 'utils', 'helpers', 'common', 'models', 'projlib']));
    // datasets/ has no __init__.py: an installed `datasets` would win over it, which the user is told.
    const shadowed = result.findings.filter((f) => f.kind === 'local-folder-shadowed');
    expect(shadowed.map((f) => [inProject(f.file ?? ''), f.cell, f.line])).toEqual([['notebooks/train.ipynb', 4, 3]]);
    expect(shadowed[0]?.message).toMatch(/datasets\/__init__\.py/);
  });

  it('reads IPython the way IPython does: automagic pip, %load_ext, cell magics, a continued %timeit', () => {
    expect(places('tqdm')).toEqual(['notebooks/train.ipynb cell 2 line 1 pip-install']);
    expect(places('tensorboard')).toEqual(['notebooks/train.ipynb cell 3 line 1 magic']);
    expect(places('transformers')).toEqual(['notebooks/train.ipynb cell 6 line 2 pip-install', 'notebooks/train.ipynb cell 6 line 3 import']);
    expect(places('rich')).toEqual(['notebooks/train.ipynb cell 10 line 2 pip-install']);
    // The %%timeit line's setup code imports numpy.
    expect(places('numpy')).toContain('notebooks/train.ipynb cell 7 line 1 import');
    // Cells of HTML, JavaScript, LaTeX, Markdown and SQL are not Python.
    expect(JSON.stringify(all())).not.toMatch(/not_python/);
    // autoreload ships with IPython.
    expect(find('autoreload')).toBeUndefined();
  });

  it('reports no syntax error for IPython that runs, and explains the automagic line IPython refuses', () => {
    const errors = result.findings.filter((f) => f.kind === 'syntax-error');
    expect(errors.map((f) => [inProject(f.file ?? ''), f.cell, f.line])).toEqual([['notebooks/prepare.ipynb', 2, 2]]);
    expect(errors[0]?.message).toMatch(/only line of its cell.*%pip install pyjokes/);
  });
});

describe('finding the neighbours on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'infer-neighbours-'));
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
  const write = async (path: string, content: string): Promise<string> => {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    return full;
  };
  // The temporary folder stands for the home folder, where the search for a project root stops.
  const infer = (paths: string[]) => inferFromPaths(paths, { pythonVersion: '3.12', parser, homeDir: dir });
  const names = (found: InferenceResult): string[] => [...found.packages, ...found.unknown].map((pkg) => pkg.distribution).sort((a, b) => a.localeCompare(b));

  it('climbs to the project root for helpers a notebook deep in the tree imports, and no higher', async () => {
    await write('work/.git/HEAD', 'ref: refs/heads/main\n');
    await write('work/proj/requirements.txt', 'numpy\n');
    await write('work/proj/shared.py', 'import polars\n');
    await write('work/sibling.py', 'import not_in_this_project\n');
    const nb = await write('work/proj/notebooks/exp1/run.ipynb', notebook('import shared\nimport sibling'));
    const found = await infer([nb]);
    // requirements.txt marks work/proj as the root: work/sibling.py is outside it.
    expect(names(found)).toEqual(['polars', 'sibling']);
  });

  it('without a marker, stops at the folder above the top-most package', async () => {
    await write('lab/tools.py', 'import httpx\n');
    await write('lab/pkg/__init__.py', '');
    await write('lab/pkg/inner/__init__.py', '');
    await write('above.py', 'import never\n');
    const nb = await write('lab/pkg/inner/nb.ipynb', notebook('import tools\nimport above'));
    expect(names(await infer([nb]))).toEqual(['above', 'httpx']);
  });

  it('takes a folder of data for what it is: no Python in it, no local package', async () => {
    await write('datasets/train.csv', 'a,b\n');
    const nb = await write('nb.ipynb', notebook('import datasets'));
    const found = await infer([nb]);
    expect(found.packages.map((pkg) => [pkg.distribution, pkg.confidence])).toEqual([['datasets', 'high']]);
  });

  it('counts a namespace folder further up only when the import reaches a module inside it', async () => {
    await write('p/pyproject.toml', '');
    await write('p/tools/clean.py', 'import unidecode\n');
    await write('p/transformers/notes.py', '# a folder of notes that happens to hold a .py file\n');
    const nb = await write('p/notebooks/nb.ipynb', notebook('from tools.clean import run\nimport transformers'));
    expect(names(await infer([nb]))).toEqual(['transformers', 'unidecode']);
  });

  it('follows %run -m, %run without .py, and says when a %run file is missing', async () => {
    await write('pkg/__init__.py', '');
    await write('pkg/job.py', 'import boto3\n');
    await write('prep.py', 'import pyarrow\n');
    const nb = await write('nb.ipynb', notebook('%run -m pkg.job', '%run prep', '%run -i missing.py --flag'));
    const found = await infer([nb]);
    expect(names(found)).toEqual(['boto3', 'pyarrow']);
    expect(found.findings.map((f) => [f.kind, f.cell, f.message])).toEqual([
      ['missing-local-file', 3, expect.stringMatching(/%run -i missing\.py --flag.*missing\.py/)],
    ]);
  });

  it('reads a compiled extension module as local, and a helper only once however many import it', async () => {
    await write('fast.cpython-312-x86_64-linux-gnu.so', '');
    await write('util_a.py', 'import util_b\nimport regex\n');
    await write('util_b.py', 'import util_a\nimport regex\n');
    const nb = await write('nb.ipynb', notebook('import fast\nimport util_a\nimport util_b'));
    const found = await infer([nb]);
    expect(names(found)).toEqual(['regex']);
    expect(found.files.map((f) => relative(dir, f.file))).toEqual(['nb.ipynb', 'util_a.py', 'util_b.py']);
  });

  it('measures a notebook with a 50-file project around it', async () => {
    await write('p/pyproject.toml', '');
    const third = ['numpy', 'pandas', 'scipy', 'requests', 'torch', 'tqdm', 'yaml', 'cv2', 'PIL', 'sklearn'];
    for (let p = 0; p < 7; p++) {
      await write(`p/src/lib${p}/__init__.py`, `from . import m0\n`);
      for (let m = 0; m < 6; m++) {
        const next = m < 5 ? `from . import m${m + 1}\n` : `import lib${(p + 1) % 7}\n`;
        await write(`p/src/lib${p}/m${m}.py`, `import os\nimport ${third[(p + m) % third.length]}\n${next}\n${'x = 1\n'.repeat(200)}`);
      }
    }
    for (let h = 0; h < 7; h++) await write(`p/notebooks/helper${h}.py`, `import lib${h}\nimport json\n`);
    const nb = await write('p/notebooks/analysis.ipynb', notebook(...Array.from({ length: 7 }, (_, h) => `import helper${h}`)));
    const started = performance.now();
    const found = await infer([nb]);
    const elapsed = performance.now() - started;
    console.log(`notebook with a 50-file project: ${found.files.length} files read in ${elapsed.toFixed(0)} ms`);
    expect(found.files).toHaveLength(1 + 7 + 7 * 7);
    expect(names(found)).toEqual(['numpy', 'opencv-python-headless', 'pandas', 'pillow', 'PyYAML', 'requests', 'scikit-learn', 'scipy', 'torch', 'tqdm']);
    expect(elapsed).toBeLessThan(2000);
  });
});
