import { extensionGuess, isIpythonExtension, parseExtensionCommand, parseMatplotlibCommand, parseRunCommand } from './magic-commands';

describe('parseRunCommand', () => {
  it.each([
    ['%run helpers.py', { target: 'helpers.py', module: false }],
    ['%run -i ../setup.ipynb --epochs 3', { target: '../setup.ipynb', module: false }],
    ['%run -t -N 4 timing.py', { target: 'timing.py', module: false }],
    ['%run -d -b 40 debug_me.py', { target: 'debug_me.py', module: false }],
    ['%run "my helpers.py"', { target: 'my helpers.py', module: false }],
    ['%run -m pkg.job --flag', { target: 'pkg.job', module: true }],
    ['%run -mpkg.job', { target: 'pkg.job', module: true }],
  ])('%s', (command, target) => {
    expect(parseRunCommand(command)).toEqual(target);
  });

  it('gives up on targets only known when the notebook runs, and on other magics', () => {
    for (const command of ['%run $script', '%run {name}.py', '%run *.py', '%runx a.py', '%pip install run', '!run a.py']) {
      expect(parseRunCommand(command)).toBeNull();
    }
  });
});

describe('extensions and %matplotlib', () => {
  it('reads the modules %load_ext and %reload_ext import', () => {
    expect(parseExtensionCommand('%load_ext tensorboard')).toEqual(['tensorboard']);
    expect(parseExtensionCommand('%reload_ext rpy2.ipython')).toEqual(['rpy2.ipython']);
    expect(parseExtensionCommand('%load_ext autoreload memory_profiler')).toEqual(['autoreload', 'memory_profiler']);
    expect(parseExtensionCommand('%unload_ext x')).toEqual([]);
  });

  it('knows what ships with IPython and the extensions whose distribution has another name', () => {
    expect(isIpythonExtension('autoreload')).toBe(true);
    expect(isIpythonExtension('storemagic')).toBe(true);
    expect(isIpythonExtension('tensorboard')).toBe(false);
    expect(extensionGuess('sql')).toMatchObject({ distribution: 'jupysql', candidates: [{ distribution: 'jupysql' }, { distribution: 'ipython-sql' }] });
    expect(extensionGuess('autotime')?.distribution).toBe('ipython-autotime');
    expect(extensionGuess('tensorboard')).toBeNull();
  });

  it('reads %matplotlib: matplotlib, and ipympl for the widget backend', () => {
    expect(parseMatplotlibCommand('%matplotlib inline')).toEqual(['matplotlib']);
    expect(parseMatplotlibCommand('%matplotlib')).toEqual(['matplotlib']);
    expect(parseMatplotlibCommand('%matplotlib widget')).toEqual(['matplotlib', 'ipympl']);
    expect(parseMatplotlibCommand('%matplotlibx')).toEqual([]);
  });
});
