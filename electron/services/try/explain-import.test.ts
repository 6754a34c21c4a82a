import { explainImport, failsCheck, type ImportTarget } from './explain-import';

const target = (module: string, distribution: string | null, optional = false): ImportTarget => ({
  module,
  distribution,
  optional,
  places: [{ file: 'a.ipynb', cell: 1, line: 1 }],
});

describe('explaining an import that failed in the image', () => {
  it('a module not installed: the distribution its import name maps to, one click', () => {
    const item = explainImport(target('sklearn.linear_model', 'scikit-learn'), {
      module: 'sklearn.linear_model',
      status: 'error',
      type: 'ModuleNotFoundError',
      message: "No module named 'sklearn'",
      missing: 'sklearn',
    });
    expect(item.status).toBe('missing-module');
    expect(item.fixes).toEqual([{ kind: 'add-distribution', distribution: 'scikit-learn' }]);
    expect(failsCheck(item)).toBe(true);
  });

  it('a dependency missing under an installed package: the dependency, mapped (PIL → pillow)', () => {
    const item = explainImport(target('seaborn', 'seaborn'), {
      module: 'seaborn',
      status: 'error',
      type: 'ModuleNotFoundError',
      message: "No module named 'PIL'",
      missing: 'PIL',
    });
    expect(item.explanation).toBe('seaborn is installed but needs PIL, which is not in the image: add pillow to the packages.');
    expect(item.fixes).toEqual([{ kind: 'add-distribution', distribution: 'pillow' }]);
  });

  it('a missing libGL under opencv-python: its headless twin first, then the Debian package', () => {
    const item = explainImport(target('cv2', 'opencv-python'), {
      module: 'cv2',
      status: 'error',
      type: 'ImportError',
      message: 'libGL.so.1: cannot open shared object file: No such file or directory',
      providers: ['opencv-contrib-python'],
    });
    expect(item.library).toBe('libGL.so.1');
    // What is installed decides the twin, not the import name's usual distribution.
    expect(item.fixes).toEqual([
      { kind: 'replace-distribution', from: 'opencv-contrib-python', to: 'opencv-contrib-python-headless' },
      { kind: 'system-package', library: 'libGL.so.1', debianPackage: 'libgl1' },
    ]);
  });

  it('a library that is not a display one: the system package only (libgomp1 for lightgbm)', () => {
    const item = explainImport(target('lightgbm', 'lightgbm'), {
      module: 'lightgbm',
      status: 'error',
      type: 'OSError',
      message: 'libgomp.so.1: cannot open shared object file: No such file or directory',
    });
    expect(item.fixes).toEqual([{ kind: 'system-package', library: 'libgomp.so.1', debianPackage: 'libgomp1' }]);
  });

  it("the loader's words kept in the exception chain count too", () => {
    const item = explainImport(target('pkg', 'pkg'), {
      module: 'pkg',
      status: 'error',
      type: 'ImportError',
      message: 'DLL load failed',
      chain: ['OSError: libsndfile.so.1: cannot open shared object file: No such file or directory'],
    });
    expect([item.status, item.library]).toEqual(['missing-library', 'libsndfile.so.1']);
  });

  it('the GPU driver: no fix in the image', () => {
    const item = explainImport(target('torch', 'torch'), {
      module: 'torch',
      status: 'error',
      type: 'OSError',
      message: 'libcuda.so.1: cannot open shared object file: No such file or directory',
    });
    expect(item.fixes).toEqual([]);
    expect(item.explanation).toContain("the GPU driver's library");
  });

  it('distutils on a new Python: setuptools brings it back', () => {
    const item = explainImport(target('distutils.util', null), {
      module: 'distutils.util',
      status: 'error',
      type: 'ModuleNotFoundError',
      message: "No module named 'distutils'",
      missing: 'distutils',
    });
    expect(item.fixes).toEqual([{ kind: 'add-distribution', distribution: 'setuptools' }]);
  });

  it('an optional import that fails does not fail the check, and says why', () => {
    const item = explainImport(target('ujson', 'ujson', true), {
      module: 'ujson',
      status: 'error',
      type: 'ModuleNotFoundError',
      message: "No module named 'ujson'",
      missing: 'ujson',
    });
    expect(item.explanation).toContain('runs without it');
    expect(failsCheck(item)).toBe(false);
  });

  it("anything else is shown with Python's own words and no fix", () => {
    const item = explainImport(target('pandas', 'pandas'), {
      module: 'pandas',
      status: 'error',
      type: 'AttributeError',
      message: "module 'numpy' has no attribute 'float'",
    });
    expect([item.status, item.error, item.fixes]).toEqual(['error', "AttributeError: module 'numpy' has no attribute 'float'", []]);
  });

  it('a crash and a hang are told apart', () => {
    expect(explainImport(target('x', 'x'), { module: 'x', status: 'crashed', exitCode: 139 }).explanation).toContain('exit code 139');
    expect(explainImport(target('x', 'x'), { module: 'x', status: 'timeout' }).status).toBe('timeout');
  });
});
