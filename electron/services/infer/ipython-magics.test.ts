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
});
