import type { ImportCheckItem, ImportFix, ImportPlace } from '../../contract/domain/try';
import { guessDistribution } from '../infer';
import { debianPackageFor, headlessVariant, isHostDriverLibrary, missingLibraryIn } from './shared-libraries';

/** One `rib:import=` answer of the program in the image. */
export interface RawImport {
  module: string;
  status: 'ok' | 'error' | 'timeout' | 'crashed';
  type?: string;
  message?: string;
  missing?: string | null;
  chain?: string[];
  /** Distributions that install this top-level name in the image (importlib.metadata). */
  providers?: string[];
  seconds?: number | null;
  /** For a crash: the container's exit code. */
  exitCode?: number | null;
}

export interface ImportTarget {
  module: string;
  /** The distribution the code's import maps to (from the notebook reading). */
  distribution: string | null;
  optional: boolean;
  places: ImportPlace[];
}

/** C extensions of CPython that some builds leave out, and the Debian package that adds them. */
const PYTHON_PARTS: ReadonlyMap<string, string | null> = new Map([
  ['_tkinter', 'python3-tk'],
  ['tkinter', 'python3-tk'],
  ['_sqlite3', null],
  ['_ctypes', null],
  ['_lzma', null],
  ['_bz2', null],
  ['_ssl', null],
  ['_curses', null],
  ['readline', null],
]);

/** Modules that left the standard library (PEP 632, PEP 594 and What's New in 3.12), and what brings them back. */
const LEFT_STDLIB: ReadonlyMap<string, { distribution: string; since: string }> = new Map([
  ['distutils', { distribution: 'setuptools', since: '3.12' }],
  ['imp', { distribution: '', since: '3.12' }],
]);

const top = (module: string): string => module.split('.')[0] ?? module;
const NO_MODULE = /No module named '([^']+)'/;

function base(target: ImportTarget, raw: RawImport): Omit<ImportCheckItem, 'status' | 'explanation' | 'fixes'> {
  const error = raw.type ? `${raw.type}: ${raw.message ?? ''}`.trim() : null;
  return {
    module: target.module,
    distribution: target.distribution,
    optional: target.optional,
    places: target.places,
    missingModule: null,
    library: null,
    error,
    seconds: raw.seconds ?? null,
  };
}

/** The distribution that put the module in the image, else the one the import name maps to. */
function installedAs(target: ImportTarget, raw: RawImport): string {
  return raw.providers?.[0] ?? target.distribution ?? guessDistribution(target.module).distribution;
}

function missingModule(target: ImportTarget, raw: RawImport, missing: string): ImportCheckItem {
  const item = { ...base(target, raw), missingModule: missing };
  const optional = target.optional ? ' The code imports it inside try/except, so it runs without it.' : '';
  const part = PYTHON_PARTS.get(top(missing));
  if (part !== undefined) {
    const fixes: ImportFix[] = [{ kind: 'system-package', library: top(missing), debianPackage: part }];
    return {
      ...item,
      status: 'missing-module',
      explanation: `The image's Python was built without ${top(missing)}${part ? `: on a Debian base, install ${part}` : ''}; choose a base whose Python has it.${optional}`,
      fixes,
    };
  }
  const left = LEFT_STDLIB.get(top(missing));
  if (left !== undefined) {
    return {
      ...item,
      status: 'missing-module',
      explanation: left.distribution
        ? `${top(missing)} left the standard library in Python ${left.since}; ${left.distribution} brings it back.${optional}`
        : `${top(missing)} left the standard library in Python ${left.since}, and nothing brings it back: the code must change, or use an older Python.${optional}`,
      fixes: left.distribution ? [{ kind: 'add-distribution', distribution: left.distribution }] : [],
    };
  }
  if (top(missing) === top(target.module)) {
    const distribution = target.distribution ?? guessDistribution(target.module).distribution;
    return {
      ...item,
      status: 'missing-module',
      explanation: `${target.module} is not in the image: add ${distribution} to the packages.${optional}`,
      fixes: [{ kind: 'add-distribution', distribution }],
    };
  }
  // The module is there, but something it imports is not: a dependency its package did not declare, or an extra.
  const dependency = guessDistribution(missing).distribution;
  return {
    ...item,
    status: 'missing-module',
    explanation: `${target.module} is installed but needs ${missing}, which is not in the image: add ${dependency} to the packages.${optional}`,
    fixes: [{ kind: 'add-distribution', distribution: dependency }],
  };
}

function missingLibrary(target: ImportTarget, raw: RawImport, library: string): ImportCheckItem {
  const installed = installedAs(target, raw);
  const headless = headlessVariant(installed, library);
  const debian = debianPackageFor(library);
  const optional = target.optional ? ' The code imports it inside try/except, so it runs without it.' : '';
  if (isHostDriverLibrary(library)) {
    return {
      ...base(target, raw),
      status: 'missing-library',
      library,
      explanation: `${target.module} needs ${library}, the GPU driver's library, which the cluster's GPU nodes mount into the container; it cannot load on a machine without one.${optional}`,
      fixes: [],
    };
  }
  const fixes: ImportFix[] = [];
  if (headless) fixes.push({ kind: 'replace-distribution', from: installed, to: headless });
  fixes.push({ kind: 'system-package', library, debianPackage: debian });
  const how = headless
    ? `use ${headless} instead of ${installed} (the same module without the display libraries), or add ${debian ?? `the system package that has ${library}`} to the base image`
    : `add ${debian ? `the system package ${debian}` : `the system package that has ${library}`} to the base image (a custom base), or choose a fuller base`;
  return {
    ...base(target, raw),
    status: 'missing-library',
    library,
    explanation: `${target.module} (${installed}) needs the shared library ${library}, which the image does not have: ${how}.${optional}`,
    fixes,
  };
}

/** What a failed (or passed) import means for the user, with the fixes a click can make. */
export function explainImport(target: ImportTarget, raw: RawImport): ImportCheckItem {
  if (raw.status === 'ok') {
    return { ...base(target, raw), status: 'ok', explanation: `${target.module} imports.`, fixes: [] };
  }
  if (raw.status === 'timeout') {
    return {
      ...base(target, raw),
      status: 'timeout',
      explanation: `Importing ${target.module} did not finish in time: it may wait for the network (which the check does not have) or for a device.`,
      fixes: [],
    };
  }
  if (raw.status === 'crashed') {
    return {
      ...base(target, raw),
      status: 'crashed',
      explanation: `Importing ${target.module} ended Python itself${raw.exitCode !== null && raw.exitCode !== undefined ? ` (exit code ${raw.exitCode})` : ''}: its native code may have been built for another CPU or Python.`,
      fixes: [],
    };
  }
  const texts = [raw.message ?? '', ...(raw.chain ?? [])].join('\n');
  const library = missingLibraryIn(texts);
  if (library !== null) return missingLibrary(target, raw, library);
  const missing = raw.missing ?? (raw.type === 'ModuleNotFoundError' || raw.type === 'ImportError' ? NO_MODULE.exec(raw.message ?? '')?.[1] : undefined);
  if (missing) return missingModule(target, raw, missing);
  return {
    ...base(target, raw),
    status: 'error',
    explanation: `Importing ${target.module} raised ${raw.type ?? 'an error'}: the installed version may not fit the code, the image's Python, or another package.${target.optional ? ' The code imports it inside try/except, so it runs without it.' : ''}`,
    fixes: [],
  };
}

/** A failure that fails the check: an optional import may fail. */
export function failsCheck(item: ImportCheckItem): boolean {
  return item.status !== 'ok' && !item.optional;
}
