import { addedToStdlibAfter, isStdlibModule, parsePythonMinor, removedFromStdlibIn, stdlibModules } from './stdlib-modules';

describe('stdlib modules per Python version', () => {
  it('knows the everyday modules in every version', () => {
    for (const minor of [9, 10, 11, 12, 13, 14]) {
      for (const name of ['os', 'sys', 'json', 're', 'typing', 'pathlib', 'asyncio', 'collections', 'zoneinfo', 'graphlib', '__future__']) {
        expect(isStdlibModule(name, minor), `${name} in 3.${minor}`).toBe(true);
      }
    }
  });

  it('follows additions and removals across versions', () => {
    expect(isStdlibModule('tomllib', 10)).toBe(false);
    expect(isStdlibModule('tomllib', 11)).toBe(true);
    expect(isStdlibModule('binhex', 10)).toBe(true);
    expect(isStdlibModule('binhex', 11)).toBe(false);
    expect(isStdlibModule('parser', 9)).toBe(true);
    expect(isStdlibModule('parser', 10)).toBe(false);
    for (const name of ['distutils', 'imp', 'asynchat', 'asyncore', 'smtpd']) {
      expect(isStdlibModule(name, 11)).toBe(true);
      expect(isStdlibModule(name, 12)).toBe(false);
    }
    for (const name of [
      'cgi',
      'cgitb',
      'crypt',
      'nntplib',
      'telnetlib',
      'uu',
      'xdrlib',
      'sndhdr',
      'sunau',
      'spwd',
      'pipes',
      'nis',
      'msilib',
      'mailcap',
      'imghdr',
      'chunk',
      'audioop',
      'aifc',
      'ossaudiodev',
      'lib2to3',
    ]) {
      expect(isStdlibModule(name, 12), name).toBe(true);
      expect(isStdlibModule(name, 13), name).toBe(false);
    }
    expect(isStdlibModule('annotationlib', 13)).toBe(false);
    expect(isStdlibModule('compression', 14)).toBe(true);
  });

  it('never lists third-party names', () => {
    for (const minor of [9, 11, 14]) {
      for (const name of ['numpy', 'pandas', 'requests', 'yaml', 'six', 'setuptools', 'pip']) {
        expect(stdlibModules(minor).has(name)).toBe(false);
      }
    }
  });

  it('says when a module left or joined the stdlib', () => {
    expect(removedFromStdlibIn('imghdr', 13)).toBe(13);
    expect(removedFromStdlibIn('imghdr', 12)).toBeNull();
    expect(removedFromStdlibIn('numpy', 13)).toBeNull();
    expect(addedToStdlibAfter('tomllib', 9)).toBe(11);
    expect(addedToStdlibAfter('tomllib', 11)).toBeNull();
  });

  it.each([
    ['3.11', 11],
    ['3.12.4', 12],
    ['python3.9', 9],
    ['2.7', null],
    ['latest', null],
  ])('parses %s', (text, minor) => {
    expect(parsePythonMinor(text)).toBe(minor);
  });
});
