import { createPythonParser, type PythonParser } from './python-parser';
import { extractSyntaxImports, type SyntaxImports } from './syntax-imports';

let parser: PythonParser;
beforeAll(async () => {
  parser = await createPythonParser();
});

function read(source: string): SyntaxImports {
  const tree = parser.parse(source);
  try {
    return extractSyntaxImports(tree);
  } finally {
    tree.delete();
  }
}

const paths = (found: SyntaxImports): string[] => found.imports.map((ref) => ref.resolutionPath);

describe('extractSyntaxImports', () => {
  it('reads aliased and multiple imports in one statement', () => {
    const found = read('import a.b as c, d\n');
    expect(found.imports.map((ref) => [ref.module, ref.kind, ref.line, ref.text])).toEqual([
      ['a.b', 'import', 1, 'import a.b as c, d'],
      ['d', 'import', 1, 'import a.b as c, d'],
    ]);
  });

  it('reads parenthesised from-imports over several lines, each name as a resolution path', () => {
    const found = read('x = 1\nfrom x import (\n    y,\n    z as zz,\n)\n');
    expect(paths(found)).toEqual(['x.y', 'x.z']);
    expect(found.imports.every((ref) => ref.module === 'x' && ref.line === 2)).toBe(true);
    expect(found.imports[0]?.text).toBe('from x import (y, z as zz)');
  });

  it('keeps the module for wildcard imports', () => {
    expect(paths(read('from pandas import *\n'))).toEqual(['pandas']);
  });

  it('sets relative imports aside and skips __future__', () => {
    const found = read('from . import local\nfrom ..pkg.sub import r\nfrom .m import q\nfrom __future__ import annotations\n');
    expect(found.imports).toEqual([]);
    expect(found.relativeImports).toEqual([
      { text: '.', level: 1, module: '', names: ['local'], line: 1 },
      { text: '..pkg.sub', level: 2, module: 'pkg.sub', names: ['r'], line: 2 },
      { text: '.m', level: 1, module: 'm', names: ['q'], line: 3 },
    ]);
  });

  it('finds imports inside functions, classes, methods, with and loops', () => {
    const source = [
      'def f():',
      '    import yaml',
      'class K:',
      '    import torch',
      '    def m(self):',
      '        from PIL import Image',
      'with open("x") as fh:',
      '    import cv2',
      'for i in range(3):',
      '    import bs4',
      '',
    ].join('\n');
    expect(paths(read(source))).toEqual(['yaml', 'torch', 'PIL.Image', 'cv2', 'bs4']);
  });

  it('marks try/except ImportError imports, and their fallbacks, as optional', () => {
    const source = [
      'try:',
      '    import ujson as json',
      'except ImportError:',
      '    import simplejson as json',
      'try:',
      '    import orjson',
      'except (ModuleNotFoundError, AttributeError) as exc:',
      '    orjson = None',
      'try:',
      '    import rich',
      'except:',
      '    pass',
      'try:',
      '    import numpy',
      'except ValueError:',
      '    pass',
      'with contextlib.suppress(ImportError):',
      '    import lxml',
      'import requests',
      '',
    ].join('\n');
    const optional = Object.fromEntries(read(source).imports.map((ref) => [ref.module, ref.optional]));
    expect(optional).toEqual({
      ujson: true,
      simplejson: true,
      orjson: true,
      rich: true,
      numpy: false,
      lxml: true,
      requests: false,
    });
  });

  it('marks imports under `if TYPE_CHECKING:` but not those in its else branch', () => {
    const source = [
      'from typing import TYPE_CHECKING',
      'if TYPE_CHECKING:',
      '    from mypy_boto3_s3 import S3Client',
      'else:',
      '    import boto3',
      'if typing.TYPE_CHECKING:',
      '    import pandas_stubs',
      '',
    ].join('\n');
    const typeOnly = Object.fromEntries(read(source).imports.map((ref) => [ref.module, ref.typeCheckingOnly]));
    expect(typeOnly).toEqual({ typing: false, mypy_boto3_s3: true, boto3: false, pandas_stubs: true });
  });

  it('finds nothing in strings, comments and docstrings', () => {
    const source = [
      '"""Module docstring: import fake_doc"""',
      '# import fake_comment',
      's = "import fake_string"',
      "t = '''",
      'from fake_triple import x',
      "'''",
      'def f():',
      '    """from fake_fn_doc import y"""',
      '',
    ].join('\n');
    expect(read(source).imports).toEqual([]);
  });

  it('reads __import__ and importlib.import_module with literal names only', () => {
    const source = [
      "a = __import__('pyarrow')",
      'b = importlib.import_module("polars.io")',
      'c = import_module("duckdb")',
      'd = importlib.import_module(name)',
      'e = importlib.import_module(f"plugin_{name}")',
      "f = importlib.import_module('.relative', 'pkg')",
      '',
    ].join('\n');
    const found = read(source);
    expect(found.imports.map((ref) => [ref.module, ref.kind, ref.line])).toEqual([
      ['pyarrow', 'dynamic-import', 1],
      ['polars.io', 'dynamic-import', 2],
      ['duckdb', 'dynamic-import', 3],
    ]);
  });

  it('reports a syntax error and still keeps the imports around it', () => {
    const found = read('import pandas\ndef broken(:\n    import yaml\nimport numpy\n');
    expect(found.syntaxErrorLine).toBe(2);
    expect(paths(found)).toEqual(expect.arrayContaining(['pandas', 'yaml', 'numpy']));
  });

  it('reports no syntax error for valid code', () => {
    expect(read('import os\n').syntaxErrorLine).toBeNull();
  });

  it('reads the magics that nbconvert turned into get_ipython() calls and that need a package or a file', () => {
    const source = [
      "get_ipython().run_line_magic('pip', 'install -q seaborn==0.13')",
      "get_ipython().system('pip install requests')",
      "get_ipython().run_line_magic('matplotlib', 'inline')",
      "get_ipython().run_line_magic('load_ext', 'tensorboard')",
      "get_ipython().run_line_magic('run', 'helpers.py')",
      "get_ipython().run_line_magic('autoreload', '2')",
      '',
    ].join('\n');
    expect(read(source).embeddedCommands).toEqual([
      { line: 1, command: '%pip install -q seaborn==0.13' },
      { line: 2, command: '!pip install requests' },
      { line: 3, command: '%matplotlib inline' },
      { line: 4, command: '%load_ext tensorboard' },
      { line: 5, command: '%run helpers.py' },
    ]);
  });

  it('normalises whitespace inside dotted names', () => {
    expect(paths(read('import os . path\n'))).toEqual(['os.path']);
  });
});
