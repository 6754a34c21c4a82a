import type { ResolvedPackage } from '../../contract/domain/build';
import type { Recipe } from '../../contract/domain/recipe';
import { normalizePackageName } from '../requirements/package-name';
import { parseRequirements } from '../requirements/parse-requirements';

/** For each package the user asked for, the version pip installed ("pandas>=2 → 2.2.3"), from `pip freeze` lines. */
export function resolvedPackages(recipe: Recipe, installed: readonly string[]): ResolvedPackage[] {
  const versions = new Map(
    installed.map((line) => {
      const [name = '', version = ''] = line.split('==');
      return [normalizePackageName(name), version] as const;
    }),
  );
  const parsed = parseRequirements(recipe.packages.map((p) => p.text).join('\n'), { file: 'packages' });
  return parsed.requirements.map((r) => ({ requested: r.raw.trim(), name: r.name, version: versions.get(r.normalizedName) ?? null }));
}
