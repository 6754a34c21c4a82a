import { prepareCell } from './ipython-magics';

const lines = (text: string): string[] => text.split('\n');

describe('prepareCell', () => {
  it('replaces line magics and shell lines with pass, keeping the line count', () => {
    const source = ['%pip install -q pandas', '!ls -la', '%matplotlib inline', 'import numpy as np', ''].join('\n');
    const prepared = prepareCell(source);
    expect(lines(prepared.python)).toEqual(['pass', 'pass', 'pass', 'import numpy as np', '']);
    expect(prepared.commands).toEqual([
      { line: 1, command: '%pip install -q pandas' },
      { line: 2, command: '!ls -la' },
      { line: 3, command: '%matplotlib inline' },
    ]);
  });

  it('keeps the indentation so a magic inside a block leaves a valid block', () => {
    const prepared = prepareCell('if IN_COLAB:\n    !pip install -q kaggle\n    import kaggle\n');
    expect(lines(prepared.python)).toEqual(['if IN_COLAB:', '    pass', '    import kaggle', '']);
    expect(prepared.commands).toEqual([{ line: 2, command: '!pip install -q kaggle' }]);
  });

  it('joins backslash continuations of a magic line and blanks the continued lines', () => {
    const prepared = prepareCell('!pip install \\\n    pandas \\\n    numpy\nimport pandas\n');
    expect(lines(prepared.python)).toEqual(['pass', '', '', 'import pandas', '']);
    expect(prepared.commands).toEqual([{ line: 1, command: '!pip install pandas numpy' }]);
  });

  it('blanks help syntax (?obj, obj?, obj??) but not a ? inside a comment or string', () => {
    const prepared = prepareCell('?np.mean\nnp.mean?\ndf.head??\nx = 1  # really?\ns = "why?"\n');
    expect(lines(prepared.python)).toEqual(['pass', 'pass', 'pass', 'x = 1  # really?', 's = "why?"', '']);
  });

  it('reads assignment forms of shell and magic commands', () => {
    const prepared = prepareCell('files = !ls\nout = %sx pip install tqdm\n');
    expect(prepared.python).toBe('pass\npass\n');
    expect(prepared.commands.map((command) => command.command)).toEqual(['!ls', '%sx pip install tqdm']);
  });

  it('leaves % and ! alone when they continue an expression or sit inside a string', () => {
    const source = ['x = (10', '% 3)', 'y = 5 \\', '% 2', 's = """', '%pip install not_a_magic', '!not a shell line', '"""', ''].join('\n');
    const prepared = prepareCell(source);
    expect(prepared.python).toBe(source);
    expect(prepared.commands).toEqual([]);
  });

  it('blanks whole cells of non-Python cell magics', () => {
    for (const source of ['%%html\n<div>import x</div>\n', '%%sql\nSELECT 1\n', '%%javascript\nimport x from "y"\n']) {
      const prepared = prepareCell(source);
      expect(prepared.python.trim()).toBe('');
      expect(lines(prepared.python)).toHaveLength(lines(source).length);
    }
  });

  it('reads pip lines in %%bash and %%script bash cells as shell commands', () => {
    const prepared = prepareCell('%%bash\npip install --quiet great_expectations\n# comment\necho done\n');
    expect(prepared.python.trim()).toBe('');
    expect(prepared.commands).toEqual([
      { line: 2, command: '!pip install --quiet great_expectations' },
      { line: 4, command: '!echo done' },
    ]);
    expect(prepareCell('%%script bash\npip install x\n').commands).toEqual([{ line: 2, command: '!pip install x' }]);
    expect(prepareCell('%%script perl\npip install x\n').commands).toEqual([]);
  });

  it('keeps the Python body of %%capture / %%time cells', () => {
    const prepared = prepareCell('%%capture out\n!pip install plotly==5.22.0\nimport plotly.express as px\n');
    expect(lines(prepared.python)).toEqual(['', 'pass', 'import plotly.express as px', '']);
    expect(prepared.commands).toEqual([{ line: 2, command: '!pip install plotly==5.22.0' }]);
  });

  it('treats %%writefile name.py as Python and names the module it creates', () => {
    const prepared = prepareCell('%%writefile -a src/helpers.py\nimport jwt\n');
    expect(prepared.writtenModule).toBe('helpers');
    expect(lines(prepared.python)).toEqual(['', 'import jwt', '']);
    expect(prepareCell('%%writefile notes.txt\nimport x\n').python.trim()).toBe('');
  });

  it('finds a cell magic after leading blank lines, as IPython does', () => {
    expect(prepareCell('\n%%bash\npip install x\n').commands).toEqual([{ line: 3, command: '!pip install x' }]);
  });

  it('accepts Windows line endings', () => {
    const prepared = prepareCell('!pip install a\r\nimport a\r\n');
    expect(lines(prepared.python)).toEqual(['pass', 'import a', '']);
  });

  it('dedents a cell and strips pasted >>> prompts, as IPython does before anything else', () => {
    expect(lines(prepareCell('    import numpy as np\n    x = 1').python)).toEqual(['import numpy as np', 'x = 1']);
    expect(lines(prepareCell('>>> import requests\n... \n>>> requests.get').python)).toEqual(['import requests', '', 'requests.get']);
    const indentedMagic = prepareCell('  %%timeit\n  x = 1\n  y = 2');
    expect(lines(indentedMagic.python)).toEqual(['', 'x = 1', 'y = 2']);
  });

  it('reads a line magic continued with backslashes as one line, inside a block too', () => {
    expect(lines(prepareCell('%timeit -n 10 \\\n    sum(range(100))').python)).toEqual(['pass', '']);
    const inBlock = prepareCell('for n in [1, 2]:\n    %timeit -n 10 \\\n        f(n)\n    print(n)');
    expect(lines(inBlock.python)).toEqual(['for n in [1, 2]:', '    pass', '', '    print(n)']);
    expect(inBlock.commands).toEqual([{ line: 2, command: '%timeit -n 10 f(n)' }]);
  });

  it('puts the import a timing magic runs in its place: %time import x, %%timeit setup', () => {
    expect(lines(prepareCell('%time import torch\nx = 1').python)).toEqual(['import torch', 'x = 1']);
    expect(lines(prepareCell('%timeit -n 3 -r1 from math import sqrt').python)).toEqual(['from math import sqrt']);
    expect(lines(prepareCell('%prun -s cumulative import pandas').python)).toEqual(['import pandas']);
    expect(lines(prepareCell('%timeit -n 3 f(x)').python)).toEqual(['pass']);
    expect(lines(prepareCell('%%timeit -n 1 -r 1 import numpy as np\nx = np.ones(3)').python)).toEqual(['import numpy as np', 'x = np.ones(3)']);
    expect(lines(prepareCell('%%timeit x = setup()\nf(x)').python)).toEqual(['', 'f(x)']);
  });

  it('knows each cell magic body: Python run by IPython, a Python script, shell, or not Python', () => {
    const python = (source: string): string => prepareCell(source).python;
    for (const magic of ['capture', 'time', 'timeit', 'prun', 'debug', 'memit']) {
      expect(python(`%%${magic}\nimport polars\n!echo x`)).toBe('\nimport polars\npass');
    }
    for (const magic of ['python', 'python3', 'script python3']) expect(python(`%%${magic}\nimport polars`)).toBe('\nimport polars');
    for (const magic of ['bash', 'sh', 'system', 'sx', 'script bash', 'script /bin/sh']) {
      expect(prepareCell(`%%${magic}\npip install polars`).commands).toEqual([{ line: 2, command: '!pip install polars' }]);
    }
    for (const magic of ['html', 'HTML', 'javascript', 'js', 'latex', 'markdown', 'svg', 'sql', 'perl', 'ruby', 'R', 'cython', 'python2', 'pypy']) {
      const prepared = prepareCell(`%%${magic}\nimport polars from x;\n!pip install y`);
      expect([prepared.python.trim(), prepared.commands]).toEqual(['', []]);
    }
  });

  it('reads automagic lines: any line magic alone in its cell, installs and %run lines anywhere', () => {
    expect(prepareCell('pip install tqdm')).toMatchObject({ python: 'pass', commands: [{ line: 1, command: '%pip install tqdm' }], problems: [] });
    expect(prepareCell('cd ..\n')).toMatchObject({ python: 'pass\n', commands: [{ line: 1, command: '%cd ..' }] });
    expect(prepareCell('load_ext tensorboard').commands).toEqual([{ line: 1, command: '%load_ext tensorboard' }]);
    expect(prepareCell('run helpers.py').commands).toEqual([{ line: 1, command: '%run helpers.py' }]);
    // IPython only applies automagic to a one-line cell: this cell fails, and the user is told.
    const multi = prepareCell('import json\npip install pyjokes\ncd ..');
    expect(lines(multi.python)).toEqual(['import json', 'pass', 'cd ..']);
    expect(multi.commands).toEqual([{ line: 2, command: '%pip install pyjokes' }]);
    expect(multi.problems).toEqual([{ line: 2, message: expect.stringMatching(/only line of its cell/) }]);
  });

  it('leaves Python that starts with a magic name alone', () => {
    for (const source of ['pip = 3', 'run(x)', 'time.sleep(1)', 'pip in installed', 'env["A"] = 1', 'ls -la', 'cd']) {
      expect(prepareCell(`${source}\nx = 1`)).toMatchObject({ python: `${source}\nx = 1`, commands: [], problems: [] });
    }
  });
});
