import type { Recipe } from '../../contract/domain/recipe';

/** The image the recipe starts FROM: the official Python image for slim and full, else the user's. */
export function baseImageFor(recipe: Pick<Recipe, 'base' | 'pythonVersion'>): string {
  switch (recipe.base.kind) {
    case 'slim':
      return `python:${recipe.pythonVersion}-slim`;
    case 'full':
      return `python:${recipe.pythonVersion}`;
    case 'custom':
      return recipe.base.image.trim();
  }
}
