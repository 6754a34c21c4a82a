/**
 * Top-level module names of the standard library per Python version, so `import json` never
 * becomes a package. The base is `sys.stdlib_module_names` of CPython 3.11 (generated with
 * `python3 -c 'import sys; print(sorted(sys.stdlib_module_names))'`); other versions apply the
 * additions and removals listed in each version's "What's New".
 */

const BASE_MINOR = 11;

const STDLIB_3_11: readonly string[] = [
  '__future__',
  '_abc',
  '_aix_support',
  '_ast',
  '_asyncio',
  '_bisect',
  '_blake2',
  '_bootsubprocess',
  '_bz2',
  '_codecs',
  '_codecs_cn',
  '_codecs_hk',
  '_codecs_iso2022',
  '_codecs_jp',
  '_codecs_kr',
  '_codecs_tw',
  '_collections',
  '_collections_abc',
  '_compat_pickle',
  '_compression',
  '_contextvars',
  '_crypt',
  '_csv',
  '_ctypes',
  '_curses',
  '_curses_panel',
  '_datetime',
  '_dbm',
  '_decimal',
  '_elementtree',
  '_frozen_importlib',
  '_frozen_importlib_external',
  '_functools',
  '_gdbm',
  '_hashlib',
  '_heapq',
  '_imp',
  '_io',
  '_json',
  '_locale',
  '_lsprof',
  '_lzma',
  '_markupbase',
  '_md5',
  '_msi',
  '_multibytecodec',
  '_multiprocessing',
  '_opcode',
  '_operator',
  '_osx_support',
  '_overlapped',
  '_pickle',
  '_posixshmem',
  '_posixsubprocess',
  '_py_abc',
  '_pydecimal',
  '_pyio',
  '_queue',
  '_random',
  '_scproxy',
  '_sha1',
  '_sha256',
  '_sha3',
  '_sha512',
  '_signal',
  '_sitebuiltins',
  '_socket',
  '_sqlite3',
  '_sre',
  '_ssl',
  '_stat',
  '_statistics',
  '_string',
  '_strptime',
  '_struct',
  '_symtable',
  '_thread',
  '_threading_local',
  '_tkinter',
  '_tokenize',
  '_tracemalloc',
  '_typing',
  '_uuid',
  '_warnings',
  '_weakref',
  '_weakrefset',
  '_winapi',
  '_zoneinfo',
  'abc',
  'aifc',
  'antigravity',
  'argparse',
  'array',
  'ast',
  'asynchat',
  'asyncio',
  'asyncore',
  'atexit',
  'audioop',
  'base64',
  'bdb',
  'binascii',
  'bisect',
  'builtins',
  'bz2',
  'cProfile',
  'calendar',
  'cgi',
  'cgitb',
  'chunk',
  'cmath',
  'cmd',
  'code',
  'codecs',
  'codeop',
  'collections',
  'colorsys',
  'compileall',
  'concurrent',
  'configparser',
  'contextlib',
  'contextvars',
  'copy',
  'copyreg',
  'crypt',
  'csv',
  'ctypes',
  'curses',
  'dataclasses',
  'datetime',
  'dbm',
  'decimal',
  'difflib',
  'dis',
  'distutils',
  'doctest',
  'email',
  'encodings',
  'ensurepip',
  'enum',
  'errno',
  'faulthandler',
  'fcntl',
  'filecmp',
  'fileinput',
  'fnmatch',
  'fractions',
  'ftplib',
  'functools',
  'gc',
  'genericpath',
  'getopt',
  'getpass',
  'gettext',
  'glob',
  'graphlib',
  'grp',
  'gzip',
  'hashlib',
  'heapq',
  'hmac',
  'html',
  'http',
  'idlelib',
  'imaplib',
  'imghdr',
  'imp',
  'importlib',
  'inspect',
  'io',
  'ipaddress',
  'itertools',
  'json',
  'keyword',
  'lib2to3',
  'linecache',
  'locale',
  'logging',
  'lzma',
  'mailbox',
  'mailcap',
  'marshal',
  'math',
  'mimetypes',
  'mmap',
  'modulefinder',
  'msilib',
  'msvcrt',
  'multiprocessing',
  'netrc',
  'nis',
  'nntplib',
  'nt',
  'ntpath',
  'nturl2path',
  'numbers',
  'opcode',
  'operator',
  'optparse',
  'os',
  'ossaudiodev',
  'pathlib',
  'pdb',
  'pickle',
  'pickletools',
  'pipes',
  'pkgutil',
  'platform',
  'plistlib',
  'poplib',
  'posix',
  'posixpath',
  'pprint',
  'profile',
  'pstats',
  'pty',
  'pwd',
  'py_compile',
  'pyclbr',
  'pydoc',
  'pydoc_data',
  'pyexpat',
  'queue',
  'quopri',
  'random',
  're',
  'readline',
  'reprlib',
  'resource',
  'rlcompleter',
  'runpy',
  'sched',
  'secrets',
  'select',
  'selectors',
  'shelve',
  'shlex',
  'shutil',
  'signal',
  'site',
  'smtpd',
  'smtplib',
  'sndhdr',
  'socket',
  'socketserver',
  'spwd',
  'sqlite3',
  'sre_compile',
  'sre_constants',
  'sre_parse',
  'ssl',
  'stat',
  'statistics',
  'string',
  'stringprep',
  'struct',
  'subprocess',
  'sunau',
  'symtable',
  'sys',
  'sysconfig',
  'syslog',
  'tabnanny',
  'tarfile',
  'telnetlib',
  'tempfile',
  'termios',
  'textwrap',
  'this',
  'threading',
  'time',
  'timeit',
  'tkinter',
  'token',
  'tokenize',
  'tomllib',
  'trace',
  'traceback',
  'tracemalloc',
  'tty',
  'turtle',
  'turtledemo',
  'types',
  'typing',
  'unicodedata',
  'unittest',
  'urllib',
  'uu',
  'uuid',
  'venv',
  'warnings',
  'wave',
  'weakref',
  'webbrowser',
  'winreg',
  'winsound',
  'wsgiref',
  'xdrlib',
  'xml',
  'xmlrpc',
  'zipapp',
  'zipfile',
  'zipimport',
  'zlib',
  'zoneinfo',
];

interface StdlibChange {
  minor: number;
  added: readonly string[];
  removed: readonly string[];
}

const CHANGES: readonly StdlibChange[] = [
  // 3.10: the old parser's modules and `formatter` (deprecated since 3.4) went away.
  { minor: 10, added: [], removed: ['formatter', 'parser', 'symbol'] },
  { minor: 11, added: ['tomllib'], removed: ['binhex'] },
  // PEP 632 (distutils) and the asyncore family.
  { minor: 12, added: [], removed: ['asynchat', 'asyncore', 'distutils', 'imp', 'smtpd'] },
  // PEP 594 "dead batteries", plus lib2to3.
  {
    minor: 13,
    added: [],
    removed: [
      'aifc',
      'audioop',
      'cgi',
      'cgitb',
      'chunk',
      'crypt',
      'imghdr',
      'mailcap',
      'msilib',
      'nis',
      'nntplib',
      'ossaudiodev',
      'pipes',
      'sndhdr',
      'spwd',
      'sunau',
      'telnetlib',
      'uu',
      'xdrlib',
      'lib2to3',
      '_crypt',
      '_msi',
    ],
  },
  { minor: 14, added: ['annotationlib', 'compression', '_zstd'], removed: [] },
];

export const SUPPORTED_MINORS: readonly number[] = [9, 10, 11, 12, 13, 14];

const cache = new Map<number, ReadonlySet<string>>();

/** The stdlib's top-level names for Python 3.`minor` (clamped to the versions we cover). */
export function stdlibModules(minor: number): ReadonlySet<string> {
  const target = clampMinor(minor);
  const cached = cache.get(target);
  if (cached !== undefined) return cached;
  const names = new Set(STDLIB_3_11);
  for (const change of CHANGES) {
    if (change.minor > BASE_MINOR && change.minor <= target) {
      change.added.forEach((name) => names.add(name));
      change.removed.forEach((name) => names.delete(name));
    } else if (change.minor <= BASE_MINOR && change.minor > target) {
      // Going back before a change undoes it.
      change.added.forEach((name) => names.delete(name));
      change.removed.forEach((name) => names.add(name));
    }
  }
  cache.set(target, names);
  return names;
}

export function isStdlibModule(topLevel: string, minor: number): boolean {
  return stdlibModules(minor).has(topLevel);
}

/** The minor version that removed `topLevel` from the stdlib, when it is gone by `minor`. */
export function removedFromStdlibIn(topLevel: string, minor: number): number | null {
  if (isStdlibModule(topLevel, minor)) return null;
  for (const change of CHANGES) {
    if (change.minor <= clampMinor(minor) && change.removed.includes(topLevel)) return change.minor;
  }
  return null;
}

/** The first minor version after `minor` whose stdlib has `topLevel` (e.g. tomllib on 3.9 → 11). */
export function addedToStdlibAfter(topLevel: string, minor: number): number | null {
  if (isStdlibModule(topLevel, minor)) return null;
  const last = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1] ?? 14;
  for (let later = clampMinor(minor) + 1; later <= last; later++) {
    if (isStdlibModule(topLevel, later)) return later;
  }
  return null;
}

export function clampMinor(minor: number): number {
  const first = SUPPORTED_MINORS[0] ?? 9;
  const last = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1] ?? 14;
  return Math.min(last, Math.max(first, minor));
}

/** `3.11`, `3.11.7`, `python3.11` → 11; null when it is not a Python 3 version. */
export function parsePythonMinor(version: string): number | null {
  const match = /(?:^|[^\d])3\.(\d+)/.exec(version.trim());
  return match === null ? null : Number(match[1]);
}
