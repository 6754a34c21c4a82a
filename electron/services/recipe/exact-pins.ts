import type { Recipe } from '../../contract/domain/recipe';
import { parseRequirements } from '../requirements';
import { describeEntry, PACKAGE_LIST } from './plan-recipe';

export interface RecipePin {
  name: string;
  version: string;
  where: string;
}

/**
 * The recipe's packages pinned to one exact version (`name==1.2.3`), where each was written: what
 * can be looked up in the index before the build. Ranges, wildcards, URLs and lines with a marker
 * (which may not apply) are left to pip.
 */
export function exactPins(recipe: Pick<Recipe, 'packages'>): RecipePin[] {
  const parsed = parseRequirements(recipe.packages.map((p) => p.text).join('\n'), { file: PACKAGE_LIST });
  return parsed.requirements.flatMap((r) => {
    const exact = /^===?([^,*\s]+)$/.exec(r.specifier);
    const entry = recipe.packages[r.line - 1];
    if (!exact?.[1] || r.url !== null || r.marker !== null || !entry) return [];
    return [{ name: r.name, version: exact[1], where: describeEntry(entry, r.line) }];
  });
}
