import { parseImageReference } from './parse-image-reference';
import { dockerHubHelp, suggestImageName } from './suggest-image-name';

const today = new Date(2026, 10, 25);

describe('suggestImageName', () => {
  it('names the image after its user, packages and date', () => {
    expect(suggestImageName({ packages: ['pandas', 'scikit-learn'], user: 'alice', today })).toBe('alice/elyra-pandas-sklearn:2026.11.25');
  });

  it('keeps the registry and namespace the user already chose', () => {
    expect(suggestImageName({ packages: ['pandas'], owner: '127.0.0.1:5000/team', user: 'bob', today })).toBe('127.0.0.1:5000/team/elyra-pandas:2026.11.25');
    expect(suggestImageName({ packages: ['pandas'], owner: 'quay.io/alice', today })).toBe('quay.io/alice/elyra-pandas:2026.11.25');
    // Docker Hub needs a user: a bare registry is not an owner, the user is.
    expect(suggestImageName({ packages: ['pandas'], owner: 'docker.io', user: 'bob', today })).toBe('bob/elyra-pandas:2026.11.25');
    expect(suggestImageName({ packages: ['pandas'], owner: 'Not Valid!', user: 'bob', today })).toBe('bob/elyra-pandas:2026.11.25');
  });

  it('names a package once however it is pinned', () => {
    expect(suggestImageName({ packages: ['ribdemo-alpha==1.1.0', 'ribdemo_alpha>=1', 'ribdemo-gamma[fast]; python_version > "3"'], user: 'bob', today })).toBe(
      'bob/elyra-ribdemo-alpha-ribdemo-gamma:2026.11.25',
    );
  });

  it('leaves the user out when none is known', () => {
    expect(suggestImageName({ packages: ['torch'], today })).toBe('elyra-torch:2026.11.25');
  });

  it('names at most three packages, de-duplicated after normalizing', () => {
    expect(suggestImageName({ packages: ['NumPy', 'numpy', 'pandas', 'Scikit_Learn', 'matplotlib'], today })).toBe(
      'elyra-numpy-pandas-sklearn-more:2026.11.25',
    );
  });

  it('falls back to a generic name and sanitizes the user', () => {
    expect(suggestImageName({ packages: [], user: 'Alice Smith!', today })).toBe('alice-smith/elyra-runtime:2026.11.25');
    expect(suggestImageName({ packages: ['   '], user: '!!!', today })).toBe('elyra-runtime:2026.11.25');
  });

  it('always gives a valid reference', () => {
    const names = [
      suggestImageName({ packages: ['a'.repeat(300), 'zope.interface', 'x__y'], user: 'U'.repeat(100), today }),
      suggestImageName({ packages: ['опечатка', '🐍'], user: '_', today: new Date(2031, 0, 2) }),
    ];
    for (const name of names) expect(parseImageReference(name).ok).toBe(true);
  });

  it('has help for the Docker Hub user/name form', () => {
    expect(dockerHubHelp).toContain("'user/name:tag'");
  });
});
