import { isBuildLeftover } from './build-leftovers';

describe('which containers a build left', () => {
  const scope = { before: new Set(['old-container-id']), containerIds: ['65f0d87f0422'], layerIds: ['555568ed4671', '5c7874eca72f'] };

  it('is one the build named', () => {
    expect(isBuildLeftover({ Id: '65f0d87f0422aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ImageID: 'sha256:ffff' }, scope)).toBe(true);
  });

  it('is a new one made from one of the build\'s step images', () => {
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:555568ed4671bbbbbbbb' }, scope)).toBe(true);
  });

  it('is never one that existed before, or another image\'s', () => {
    expect(isBuildLeftover({ Id: 'old-container-id', ImageID: 'sha256:555568ed4671bbbbbbbb' }, scope)).toBe(false);
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:0123456789ab' }, scope)).toBe(false);
  });
});
