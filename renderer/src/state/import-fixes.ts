import type { ImportFix } from '../../../electron/contract/domain/try';
import type { PackageEntry, Recipe } from '../../../electron/contract/domain/recipe';
import { normalizeName } from '../lib/names';

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** The distribution a requirement line names ('opencv-python==4.10' → 'opencv-python'). */
export function requirementName(text: string): string | null {
  return NAME.exec(text)?.[1] ?? null;
}

const hasDistribution = (packages: readonly PackageEntry[], name: string) =>
  packages.some((p) => normalizeName(requirementName(p.text) ?? '') === normalizeName(name));

/** Found by trying the image with a notebook: the origin says so in the package table. */
const origin = { file: 'try your notebooks', line: null };

/**
 * What a fix does to the recipe's packages, or null when there is nothing to do (already there,
 * or a system package, which the recipe does not install). A replaced line keeps its version
 * and extras: `opencv-python==4.10.0.84` becomes `opencv-python-headless==4.10.0.84`.
 */
export function applyImportFix(recipe: Recipe, fix: ImportFix, newId: () => string): Pick<Recipe, 'packages'> | null {
  const packages = recipe.packages;
  if (fix.kind === 'system-package') return null;
  if (fix.kind === 'add-distribution') {
    if (hasDistribution(packages, fix.distribution)) return null;
    return { packages: [...packages, { id: newId(), text: fix.distribution, origin }] };
  }
  const matches = (p: PackageEntry) => normalizeName(requirementName(p.text) ?? '') === normalizeName(fix.from);
  if (!packages.some(matches)) {
    return hasDistribution(packages, fix.to) ? null : { packages: [...packages, { id: newId(), text: fix.to, origin }] };
  }
  return {
    packages: packages.map((p) => {
      if (!matches(p)) return p;
      const name = requirementName(p.text) ?? '';
      return { ...p, text: p.text.replace(name, fix.to) };
    }),
  };
}

/** True when the recipe already has what the fix asks for. */
export function fixApplied(recipe: Recipe, fix: ImportFix): boolean {
  if (fix.kind === 'system-package') return false;
  if (fix.kind === 'add-distribution') return hasDistribution(recipe.packages, fix.distribution);
  return hasDistribution(recipe.packages, fix.to) && !hasDistribution(recipe.packages, fix.from);
}
