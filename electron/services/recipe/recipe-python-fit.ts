import type { PythonFitReport } from '../../contract/domain/catalog';
import type { Recipe } from '../../contract/domain/recipe';
import { AppError } from '../../contract/errors';
import { checkPythonFit, type IndexPageCache } from '../catalog';
import { offeredPythonVersions } from '../elyra-data';
import { exactPins } from './exact-pins';

/** The recipe's exact pins looked up in its package index, against its Python and the ones on offer. */
export function recipePythonFit(recipe: Recipe, today: Date, options: { fetch?: typeof fetch; cache?: IndexPageCache } = {}): Promise<PythonFitReport> {
  return checkPythonFit({
    pins: exactPins(recipe),
    indexUrl: recipe.index.indexUrl,
    platform: recipe.platform,
    python: recipe.pythonVersion,
    offered: offeredPythonVersions(recipe.elyraVersion, today),
    ...options,
  });
}

/**
 * Refuses a build that pip cannot finish: a pin with nothing installable on the recipe's Python.
 * A pin pip would compile from source only warns (a base with a compiler can build it). A custom
 * base brings its own Python, looked into when the build starts instead.
 */
export async function refuseUnfitPins(recipe: Recipe, today: Date): Promise<PythonFitReport | null> {
  if (recipe.base.kind === 'custom') return null;
  const report = await recipePythonFit(recipe, today);
  const unfit = report.pins.filter((p) => p.fit === 'none');
  if (unfit.length > 0) {
    const next = report.suggestion ? ` Choose Python ${report.suggestion} on the Base step, which has wheels for every pin.` : '';
    throw new AppError('build-package-not-found', `${unfit.map((p) => `${p.where ? `${p.where}: ` : ''}${p.message ?? ''}`).join(' ')}${next}`);
  }
  return report;
}
