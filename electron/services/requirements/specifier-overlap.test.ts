import { commonVersion, specifiersOverlap } from './specifier-overlap';

describe('specifiersOverlap', () => {
  it.each([
    ['>=1.0', '<2.0'],
    ['==1.2.3', '>=1.2,<1.3'],
    ['~=1.2.3', '>=1.2.5'],
    ['~=1.2', '>1.4,<1.5'],
    ['==1.*', '!=1.0.*'],
    ['', '==5'],
    ['>1.0', '<1.0.0.1'],
    ['==2.0rc1', '>=1.0'],
    ['!=1.0', '!=1.1'],
    ['>=1!1.0', '>=1!0.5'],
    ['===1.0-custom', '===1.0-custom'],
    ['==1.0.post2', '>=1.0.post1'],
  ])('%s and %s share a version', (a, b) => {
    expect(specifiersOverlap(a, b)).toBe(true);
    expect(specifiersOverlap(b, a)).toBe(true);
  });

  it.each([
    ['>=3', '<2.5'],
    ['==1.0', '==2.0'],
    ['~=1.2.3', '>=1.3'],
    ['==1.*', '>=2'],
    ['<1.0', '>1.0'],
    ['>=2.0a1', '<2.0'],
    ['==1.0', '!=1.0'],
    ['>=1!0', '<1.0'],
    ['===foo', '>=1'],
  ])('%s and %s exclude each other', (a, b) => {
    expect(specifiersOverlap(a, b)).toBe(false);
    expect(specifiersOverlap(b, a)).toBe(false);
  });

  it('finds conflicts that only three specifiers together make', () => {
    expect(commonVersion(['!=1.0', '>=1.0', '<=1.0'])).toBeNull();
    expect(commonVersion(['!=1.0', '>=1.0', '<1.0.0.1'])).not.toBeNull();
  });
});
