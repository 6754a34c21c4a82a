import { dockerConfigDir, parseDockerConfig, readDockerConfig } from './docker-config-file';
import { fakeFileAccess } from './testing/fake-file-access';

const home = '/home/ada';

describe('dockerConfigDir', () => {
  it('is ~/.docker unless DOCKER_CONFIG says otherwise', () => {
    expect(dockerConfigDir({ env: {}, homedir: home })).toBe('/home/ada/.docker');
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: '' }, homedir: home })).toBe('/home/ada/.docker');
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: '/etc/ci-docker' }, homedir: home })).toBe('/etc/ci-docker');
  });
});

describe('readDockerConfig', () => {
  it('treats a missing config.json as normal: empty config, no problem', async () => {
    const read = await readDockerConfig({ env: {}, homedir: home, files: fakeFileAccess({}) });
    expect(read).toMatchObject({ found: false, problems: [], file: '/home/ada/.docker/config.json' });
    expect(read.config).toEqual({ currentContext: null, credsStore: null, credHelpers: {}, auths: {} });
  });

  it('reads the fields Docker Desktop and `docker login` write', async () => {
    const files = fakeFileAccess({
      '/home/ada/.docker/config.json': JSON.stringify({
        auths: { 'https://index.docker.io/v1/': { auth: 'dXNlcjpwYXNz' }, 'ghcr.io': {} },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud' },
        currentContext: 'desktop-linux',
        plugins: { unrelated: true },
      }),
    });
    const read = await readDockerConfig({ env: {}, homedir: home, files });
    expect(read.problems).toEqual([]);
    expect(read.config).toEqual({
      currentContext: 'desktop-linux',
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
      auths: { 'https://index.docker.io/v1/': { auth: 'dXNlcjpwYXNz' }, 'ghcr.io': {} },
    });
  });

  it('reports a corrupt file instead of throwing', async () => {
    const files = fakeFileAccess({ '/home/ada/.docker/config.json': '{"auths": {' });
    const read = await readDockerConfig({ env: {}, homedir: home, files });
    expect(read.found).toBe(true);
    expect(read.config.currentContext).toBeNull();
    expect(read.problems).toEqual([expect.objectContaining({ kind: 'corrupt' })]);
  });

  it('reports an unreadable file (EACCES) instead of throwing', async () => {
    const files = fakeFileAccess({ '/home/ada/.docker/config.json': { kind: 'error', code: 'EACCES' } });
    const read = await readDockerConfig({ env: {}, homedir: home, files });
    expect(read.problems).toEqual([expect.objectContaining({ kind: 'unreadable' })]);
  });

  it('follows DOCKER_CONFIG', async () => {
    const files = fakeFileAccess({ '/ci/docker/config.json': '{"currentContext":"remote"}' });
    const read = await readDockerConfig({ env: { DOCKER_CONFIG: '/ci/docker' }, homedir: home, files });
    expect(read.config.currentContext).toBe('remote');
  });
});

describe('parseDockerConfig', () => {
  it('keeps the good fields when some are malformed', () => {
    const { config, problems } = parseDockerConfig(
      JSON.stringify({
        currentContext: 42,
        credsStore: 'osxkeychain',
        credHelpers: { 'quay.io': 7, 'gcr.io': 'gcloud' },
        auths: { good: { auth: 'eA==' }, bad: 'nope' },
      }),
      'config.json',
    );
    expect(config).toEqual({
      currentContext: null,
      credsStore: 'osxkeychain',
      credHelpers: { 'gcr.io': 'gcloud' },
      auths: { good: { auth: 'eA==' } },
    });
    expect(problems.map((p) => p.detail)).toEqual([
      '"credHelpers.quay.io" should be a helper name',
      '"auths.bad" should be an object of strings',
      '"currentContext" should be a string',
    ]);
  });

  it('treats an empty file as an empty config and a JSON array as corrupt', () => {
    expect(parseDockerConfig('  \n', 'c').problems).toEqual([]);
    expect(parseDockerConfig('[]', 'c').problems).toEqual([expect.objectContaining({ kind: 'corrupt' })]);
  });
});
