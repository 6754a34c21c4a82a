import { satisfies } from '@renovatebot/pep440';
import type { PinFitKind } from '../../contract/domain/catalog';
import type { IndexFile } from './simple-page';

/** The CPU a platform like linux/amd64 names, as wheel platform tags spell it. */
export function wheelArch(platform: string): string {
  const arch = platform.split('/')[1] ?? 'amd64';
  return arch === 'arm64' ? 'aarch64' : arch === 'amd64' ? 'x86_64' : arch;
}

/**
 * The newest glibc of the bases the app builds on (Debian 12's 2.36): a manylinux wheel made for a
 * newer one does not install there.
 */
const BASE_GLIBC_MINOR = 36;
/** The legacy manylinux names and the glibc each stands for (PEP 600). */
const LEGACY_MANYLINUX: Record<string, number> = { manylinux1: 5, manylinux2010: 12, manylinux2014: 17 };

function platformFits(tag: string, arch: string): boolean {
  if (tag === 'any') return true;
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(tag);
  if (legacy) return legacy[2] === arch && (LEGACY_MANYLINUX[legacy[1] ?? ''] ?? 99) <= BASE_GLIBC_MINOR;
  const modern = /^manylinux_2_(\d+)_(.+)$/.exec(tag);
  if (modern) return modern[2] === arch && Number(modern[1]) <= BASE_GLIBC_MINOR;
  // A plain linux_<arch> wheel is what a local build makes; pip takes it on the same CPU.
  return tag === `linux_${arch}`;
}

/** CPython X.Y ('3.12'): the interpreter and ABI tags it accepts, as pip's tag list orders them. */
function pythonFits(pythonTag: string, abiTag: string, python: string): boolean {
  const [major = '3', minor = '0'] = python.split('.');
  const cp = `cp${major}${minor}`;
  if (pythonTag === cp) return abiTag === cp || abiTag === `${cp}m` || abiTag === 'abi3' || abiTag === 'none';
  // The stable ABI: built for an older CPython 3.N, loads on every newer one.
  const abi3 = /^cp3(\d+)$/.exec(pythonTag);
  if (abi3 && abiTag === 'abi3') return Number(abi3[1]) <= Number(minor);
  if (abiTag !== 'none') return false;
  return pythonTag === `py${major}` || pythonTag === `py${major}${minor}`;
}

/** Every tag a (possibly compressed, PEP 425) wheel name carries: `py2.py3-none-any` is two. */
function wheelTags(filename: string): { python: string; abi: string; platform: string }[] | null {
  const parts = filename.replace(/\.whl$/i, '').split('-');
  if (parts.length < 5) return null;
  const [pythons = '', abis = '', platforms = ''] = parts.slice(-3);
  return pythons.split('.').flatMap((python) => abis.split('.').flatMap((abi) => platforms.split('.').map((platform) => ({ python, abi, platform }))));
}

function requiresPythonAllows(file: IndexFile, python: string): boolean {
  if (file.requiresPython === null) return true;
  try {
    return satisfies(`${python}.0`, file.requiresPython);
  } catch {
    // An index entry pip could not read either: pip ignores the constraint.
    return true;
  }
}

const SDIST = /\.(tar\.gz|zip|tar\.bz2|tgz)$/i;

/** What pip could do with this file on CPython `python` ('3.12') on `arch`: install a wheel, build an sdist, or neither. */
export function fileFit(file: IndexFile, python: string, arch: string): PinFitKind {
  if (file.yanked || !requiresPythonAllows(file, python)) return 'none';
  if (/\.whl$/i.test(file.filename)) {
    const tags = wheelTags(file.filename);
    return tags?.some((t) => pythonFits(t.python, t.abi, python) && platformFits(t.platform, arch)) ? 'wheel' : 'none';
  }
  return SDIST.test(file.filename) ? 'sdist' : 'none';
}

/** The best of several files: a wheel beats an sdist beats nothing. */
export function bestFit(fits: readonly PinFitKind[]): PinFitKind {
  return fits.includes('wheel') ? 'wheel' : fits.includes('sdist') ? 'sdist' : 'none';
}
