import { testRecipe } from '../testing/render';
import { applyImportFix, fixApplied, requirementName } from './import-fixes';

let n = 0;
const id = () => `new-${++n}`;
const withPackages = (...texts: string[]) => ({ ...testRecipe, packages: texts.map((text, i) => ({ id: `p${i}`, text, origin: { file: null, line: null } })) });

describe('one-click fixes from a try', () => {
  it('adds a missing distribution once', () => {
    const recipe = withPackages('pandas');
    const patch = applyImportFix(recipe, { kind: 'add-distribution', distribution: 'scikit-learn' }, id);
    expect(patch?.packages.map((p) => p.text)).toEqual(['pandas', 'scikit-learn']);
    expect(applyImportFix({ ...recipe, ...patch }, { kind: 'add-distribution', distribution: 'Scikit_Learn' }, id)).toBeNull();
    expect(fixApplied({ ...recipe, ...patch }, { kind: 'add-distribution', distribution: 'scikit-learn' })).toBe(true);
  });

  it('switches opencv-python to its headless twin in place, keeping the version', () => {
    const recipe = withPackages('numpy', 'opencv-python==4.10.0.84', 'tqdm');
    const fix = { kind: 'replace-distribution', from: 'opencv-python', to: 'opencv-python-headless' } as const;
    const patch = applyImportFix(recipe, fix, id);
    expect(patch?.packages.map((p) => p.text)).toEqual(['numpy', 'opencv-python-headless==4.10.0.84', 'tqdm']);
    expect(patch?.packages[1]?.id).toBe('p1');
    expect(fixApplied({ ...recipe, ...patch }, fix)).toBe(true);
    expect(fixApplied(recipe, fix)).toBe(false);
  });

  it('a replacement for a package the recipe does not list (it came with the base) adds the twin', () => {
    const patch = applyImportFix(withPackages('numpy'), { kind: 'replace-distribution', from: 'opencv-python', to: 'opencv-python-headless' }, id);
    expect(patch?.packages.map((p) => p.text)).toEqual(['numpy', 'opencv-python-headless']);
  });

  it('a system package is advice only', () => {
    expect(applyImportFix(withPackages(), { kind: 'system-package', library: 'libGL.so.1', debianPackage: 'libgl1' }, id)).toBeNull();
  });

  it('reads the name of a requirement line', () => {
    expect(['opencv-python[contrib]>=4', 'scikit-learn ; python_version>"3.8"', '  x', '==1'].map(requirementName)).toEqual([
      'opencv-python',
      'scikit-learn',
      'x',
      null,
    ]);
  });
});
