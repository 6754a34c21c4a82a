import { isBuildLeftover } from './build-leftovers';

describe('which containers a build left', () => {
  const scope = {
    before: new Set(['old-container-id']),
    containerIds: ['65f0d87f0422'],
    // Base image first, then the images the steps made.
    layerIds: ['5c7874eca72f', '555568ed4671'],
    instructions: ['FROM python:3.11-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt'],
  };
  const pip = "/bin/sh -c 'python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt'";

  it('is one the build named', () => {
    expect(isBuildLeftover({ Id: '65f0d87f0422aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ImageID: 'sha256:ffff', Command: 'x' }, scope)).toBe(true);
  });

  it('is a new one made from one of the build\'s step images', () => {
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:555568ed4671bbbbbbbb', Command: pip }, scope)).toBe(true);
  });

  it('is a new one made from the base only when it runs one of the build\'s instructions', () => {
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: "/bin/sh -c '#(nop) ' 'ENV PIP_NO_CACHE_DIR=1'" }, scope)).toBe(true);
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: pip }, scope)).toBe(true);
    // The user's own `docker run python:3.11-slim python3` is not ours to remove.
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: 'python3' }, scope)).toBe(false);
  });

  it('is never one that existed before, or another image\'s', () => {
    expect(isBuildLeftover({ Id: 'old-container-id', ImageID: 'sha256:555568ed4671bbbbbbbb', Command: pip }, scope)).toBe(false);
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:0123456789ab', Command: pip }, scope)).toBe(false);
  });
});
