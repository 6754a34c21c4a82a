import { defaultRecipe } from './default-recipe';
import { resolvedPackages } from './resolved-packages';

describe('resolvedPackages', () => {
  it('pairs each requested package with the version pip installed, by normalized name', () => {
    const recipe = defaultRecipe(new Date('2026-12-01'));
    recipe.packages = ['pandas>=2', 'scikit_learn', 'not-installed==1.0'].map((text, i) => ({ id: `p${i}`, text }) as (typeof recipe.packages)[number]);
    expect(resolvedPackages(recipe, ['pandas==2.2.3', 'scikit-learn==1.5.2', 'numpy==2.1.0'])).toEqual([
      { requested: 'pandas>=2', name: 'pandas', version: '2.2.3' },
      { requested: 'scikit_learn', name: 'scikit_learn', version: '1.5.2' },
      { requested: 'not-installed==1.0', name: 'not-installed', version: null },
    ]);
  });
});
