import type { PinFit, PinFitKind, PythonFitReport } from '../../contract/domain/catalog';
import type { PythonVersion } from '../../contract/domain/elyra';
import { normalizePackageName } from '../requirements/package-name';
import { bestFit, fileFit, wheelArch } from './file-fit';
import { versionFromFilename } from './index-versions';
import { fetchSimplePage, type IndexFile, type SimplePage } from './simple-page';

/** A pin of the recipe: `name==version`, exactly, where the user wrote it. */
export interface ExactPin {
  name: string;
  version: string;
  where: string | null;
}

export interface PythonFitOptions {
  pins: readonly ExactPin[];
  indexUrl: string | null;
  /** linux/amd64 or linux/arm64: which wheels' platform tags count. */
  platform: string;
  /** The recipe's Python. */
  python: PythonVersion;
  /** The Pythons the chosen Elyra supports that still get fixes, newest first: where a suggestion may go. */
  offered: readonly PythonVersion[];
  fetch?: typeof fetch;
  cache?: IndexPageCache;
}

/**
 * Project pages by index, for a while: typing in the package list asks again often, and the
 * files of a released version do not change. A page the index could not give is not kept.
 */
export class IndexPageCache {
  private readonly pages = new Map<string, { at: number; page: SimplePage }>();
  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(name: string, indexUrl: string | null, load: () => Promise<SimplePage>): Promise<SimplePage> {
    const key = `${indexUrl ?? ''}\n${normalizePackageName(name)}`;
    const kept = this.pages.get(key);
    if (kept && this.now() - kept.at < this.ttlMs) return kept.page;
    const page = await load();
    if (page.ok) this.pages.set(key, { at: this.now(), page });
    return page;
  }
}

const sharedCache = new IndexPageCache();

function filesOf(page: SimplePage, version: string): IndexFile[] {
  if (!page.ok) return [];
  return page.files.filter((f) => versionFromFilename(f.filename, page.normalized) === version);
}

function list(versions: readonly string[]): string {
  return versions.length <= 1 ? (versions[0] ?? '') : `${versions.slice(0, -1).join(', ')} and ${versions.at(-1) ?? ''}`;
}

function describe(pin: ExactPin, fit: PinFitKind, python: string, arch: string, wheelPythons: readonly PythonVersion[], found: boolean): string | null {
  const spelled = `${pin.name}==${pin.version}`;
  const elsewhere = wheelPythons.length > 0 ? `It has wheels for Python ${list(wheelPythons)}.` : 'None of the Pythons on offer has a wheel for it either.';
  if (!found) return `${spelled} is not on the package index: check the version, or the index in Settings.`;
  if (fit === 'none') return `${spelled} has nothing pip can install on Python ${python} (${arch}). ${elsewhere}`;
  if (fit === 'sdist')
    return `${spelled} has no wheel for Python ${python} (${arch}): pip would compile it from source, which needs a compiler and often fails on slim images. ${elsewhere}`;
  return null;
}

/**
 * Before the build: looks each exact pin up in the package index and says what pip could install
 * of it on the chosen Python and on each offered one, so a file of old pins is caught here and not
 * deep in pip, with the newest Python that fits them all.
 */
export async function checkPythonFit(options: PythonFitOptions): Promise<PythonFitReport> {
  const arch = wheelArch(options.platform);
  const cache = options.cache ?? sharedCache;
  const candidates = [...new Set([options.python, ...options.offered])];
  const unreachable: string[] = [];
  const perPin = await Promise.all(
    options.pins.map(async (pin) => {
      const page = await cache.get(pin.name, options.indexUrl, () =>
        fetchSimplePage(pin.name, { indexUrl: options.indexUrl, ...(options.fetch ? { fetch: options.fetch } : {}) }),
      );
      if (!page.ok && page.why !== 'not-found') {
        unreachable.push(pin.name);
        return { pin, fits: null, found: true };
      }
      const files = filesOf(page, pin.version);
      const fits = new Map(candidates.map((python) => [python, bestFit(files.map((f) => fileFit(f, python, arch)))]));
      return { pin, fits, found: files.length > 0 };
    }),
  );

  const pins: PinFit[] = perPin.map(({ pin, fits, found }) => {
    if (fits === null) return { name: pin.name, version: pin.version, where: pin.where, fit: 'unknown', wheelPythons: [], message: null };
    const fit = fits.get(options.python) ?? 'none';
    const wheelPythons = options.offered.filter((python) => fits.get(python) === 'wheel');
    return {
      name: pin.name,
      version: pin.version,
      where: pin.where,
      fit,
      wheelPythons,
      message: describe(pin, fit, options.python, arch, wheelPythons, found),
    };
  });

  const checked = perPin.filter((p) => p.fits !== null && p.found);
  const fitsAll = (python: PythonVersion) => checked.every((p) => p.fits?.get(python) === 'wheel');
  const chosenFits = fitsAll(options.python);
  const best = options.offered.find(fitsAll) ?? null;
  const suggestion = chosenFits || best === null ? null : best;
  const problems = pins.filter((p) => p.message !== null);
  let summary: string | null = null;
  if (problems.length > 0) {
    const names = list(problems.map((p) => `${p.name}==${p.version}`));
    summary = suggestion
      ? `${names} ${problems.length === 1 ? 'does' : 'do'} not install as a wheel on Python ${options.python}; Python ${suggestion} has wheels for every pin.`
      : `${names} ${problems.length === 1 ? 'does' : 'do'} not install as a wheel on Python ${options.python}, and no Python on offer has wheels for every pin: change ${problems.length === 1 ? 'that pin' : 'those pins'}.`;
  }
  return {
    python: options.python,
    pins,
    suggestion,
    summary,
    unreachable: unreachable.length > 0 ? `The package index could not be asked about ${list(unreachable)}; the build will tell.` : null,
  };
}
