import fc from 'fast-check';
import { parseInstallCommands, requirementName } from './install-command';

describe('parseInstallCommands', () => {
  it('reads %pip install with quoted specs and options as written', () => {
    const [command] = parseInstallCommands('%pip install -q "pandas>=2.1" scikit-learn==1.5.2 --upgrade');
    expect(command).toMatchObject({
      tool: 'pip',
      requirements: ['pandas>=2.1', 'scikit-learn==1.5.2'],
      options: ['-q', '--upgrade'],
    });
  });

  it('reads !pip, !pip3, !python -m pip, !{sys.executable} -m pip and uv pip', () => {
    const commands = [
      '!pip install requests',
      '!pip3 install requests',
      '!python -m pip install requests',
      '!python3.11 -m pip install requests',
      '!{sys.executable} -m pip install requests',
      '!/opt/conda/bin/pip install requests',
      '!uv pip install requests',
      '!sudo -H pip install requests',
      '!PIP_NO_CACHE_DIR=1 pip install requests',
    ];
    for (const text of commands) {
      expect(
        parseInstallCommands(text).map((command) => command.requirements),
        text,
      ).toEqual([['requests']]);
    }
  });

  it('keeps values of -r, -c, -e, --index-url and friends, in every spelling', () => {
    const [command] = parseInstallCommands(
      '!pip install -r requirements.txt -c constraints.txt -e ./lib --index-url=https://mirror/simple --extra-index-url https://extra/simple -qr more.txt -rlast.txt',
    );
    expect(command?.requirementFiles).toEqual(['requirements.txt', 'more.txt', 'last.txt']);
    expect(command?.constraintFiles).toEqual(['constraints.txt']);
    expect(command?.editables).toEqual(['./lib']);
    expect(command?.indexUrls).toEqual(['https://mirror/simple', 'https://extra/simple']);
    expect(command?.requirements).toEqual([]);
    expect(command?.options).toEqual([
      '-r requirements.txt',
      '-c constraints.txt',
      '-e ./lib',
      '--index-url=https://mirror/simple',
      '--extra-index-url https://extra/simple',
      '-qr more.txt',
      '-rlast.txt',
    ]);
  });

  it('reads unquoted version specs as specs, not as shell redirects', () => {
    expect(parseInstallCommands('!pip install pandas>=2 numpy<2').at(0)?.requirements).toEqual(['pandas>=2', 'numpy<2']);
  });

  it('drops redirects, comments and what follows other commands', () => {
    const commands = parseInstallCommands('!pip install -q torch > /dev/null 2>&1 && pip install tqdm; echo ok # pip install nope');
    expect(commands.map((command) => command.requirements)).toEqual([['torch'], ['tqdm']]);
  });

  it('joins `name @ url` written without quotes', () => {
    expect(parseInstallCommands('%pip install mylib @ git+https://github.com/org/mylib.git').at(0)?.requirements).toEqual([
      'mylib @ git+https://github.com/org/mylib.git',
    ]);
  });

  it('keeps arguments IPython expands at run time aside', () => {
    const [command] = parseInstallCommands('%pip install {package} $EXTRA pandas');
    expect(command?.requirements).toEqual(['pandas']);
    expect(command?.unresolved).toEqual(['{package}', '$EXTRA']);
  });

  it('recognises conda installs without taking them as pip requirements', () => {
    const [command] = parseInstallCommands('%conda install -c conda-forge -y numpy=1.26');
    expect(command).toMatchObject({ tool: 'conda', requirements: ['numpy=1.26'], options: ['-c conda-forge', '-y'] });
  });

  it('ignores commands that install nothing', () => {
    for (const text of ['!ls -la', '%matplotlib inline', '!pip list', '!pip uninstall -y x', '!python train.py', '%timeit f()']) {
      expect(parseInstallCommands(text), text).toEqual([]);
    }
  });

  it('never throws on arbitrary command text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseInstallCommands(`!pip install ${text}`);
        parseInstallCommands(`%pip ${text}`);
        parseInstallCommands(text);
      }),
    );
  });
});

describe('requirementName', () => {
  it.each([
    ['pandas', 'pandas'],
    ['pandas>=2.1', 'pandas'],
    ['scikit-learn==1.5.2', 'scikit-learn'],
    ['requests[socks]>=2', 'requests'],
    ['numpy ; python_version < "3.12"', 'numpy'],
    ['zope.interface~=6.0', 'zope.interface'],
    ['mylib @ git+https://github.com/org/mylib.git', 'mylib'],
    ['git+https://github.com/org/repo.git#egg=repo_pkg', 'repo_pkg'],
    ['dist/my_pkg-1.0.0-py3-none-any.whl', 'my_pkg'],
  ])('%s → %s', (spec, name) => {
    expect(requirementName(spec)).toBe(name);
  });

  it.each(['.', './lib', '/abs/path', 'https://example.com/pkg.tar.gz', 'git+https://github.com/org/repo.git', '-q'])('%s has no name', (spec) => {
    expect(requirementName(spec)).toBeNull();
  });

  it('returns the name for any valid name followed by a version clause', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,20}[A-Za-z0-9]$/);
    const clause = fc.constantFrom('', '==1.0', '>=2,<3', '~=1.4', '!=0.1', '[extra]>=1');
    fc.assert(fc.property(name, clause, (n, c) => requirementName(`${n}${c}`) === n));
  });
});
