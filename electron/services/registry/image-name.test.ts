import { parsePushTarget, registryImageName, suggestPushReference } from './image-name';
import { dockerHub, parseRegistryAddress } from './registry-address';

const registry = (input: string) => {
  const parsed = parseRegistryAddress(input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.address;
};

describe('registryImageName', () => {
  it('puts host, namespace, name and tag together', () => {
    expect(registryImageName({ registry: registry('quay.io'), namespace: 'alice', name: 'pandas', tag: '1.0' })).toEqual({
      ok: true,
      reference: 'quay.io/alice/pandas:1.0',
    });
    expect(registryImageName({ registry: registry('localhost:5000'), namespace: null, name: 'pandas', tag: '1' })).toEqual({
      ok: true,
      reference: 'localhost:5000/pandas:1',
    });
    expect(registryImageName({ registry: registry('ghcr.io'), namespace: 'acme/data-team/', name: 'etl', tag: 'v2' })).toEqual({
      ok: true,
      reference: 'ghcr.io/acme/data-team/etl:v2',
    });
    expect(registryImageName({ registry: dockerHub, namespace: 'alice', name: 'pandas', tag: '1.0' })).toEqual({
      ok: true,
      reference: 'docker.io/alice/pandas:1.0',
    });
  });

  it('needs a namespace on Docker Hub', () => {
    const result = registryImageName({ registry: dockerHub, namespace: '', name: 'pandas', tag: '1.0' });
    expect(result).toMatchObject({ ok: false, error: { code: 'namespace-required' } });
  });

  it('passes on what the reference grammar says about bad parts', () => {
    expect(registryImageName({ registry: registry('quay.io'), namespace: 'Alice', name: 'pandas', tag: '1.0' })).toMatchObject({
      ok: false,
      error: { code: 'uppercase' },
    });
    expect(registryImageName({ registry: registry('quay.io'), namespace: 'alice', name: 'pandas', tag: '-bad' })).toMatchObject({
      ok: false,
      error: { code: 'tag-start' },
    });
  });
});

describe('parsePushTarget', () => {
  it('splits a reference into the repo and tag that docker tag and push need', () => {
    expect(parsePushTarget('127.0.0.1:5000/rib/python:3.11-slim')).toEqual({
      ok: true,
      target: {
        registry: expect.objectContaining({ host: '127.0.0.1:5000', serverAddress: '127.0.0.1:5000' }),
        repository: '127.0.0.1:5000/rib/python',
        tag: '3.11-slim',
        reference: '127.0.0.1:5000/rib/python:3.11-slim',
      },
    });
  });

  it('reads Docker Hub names in any spelling and uses latest when no tag is given', () => {
    for (const written of ['alice/pandas', 'docker.io/alice/pandas', 'index.docker.io/alice/pandas:latest']) {
      expect(parsePushTarget(written)).toMatchObject({
        ok: true,
        target: { registry: dockerHub, repository: 'docker.io/alice/pandas', tag: 'latest' },
      });
    }
  });

  it('refuses digests and Docker Hub names without an account', () => {
    expect(parsePushTarget(`quay.io/a/b@sha256:${'a'.repeat(64)}`)).toMatchObject({ ok: false, error: { code: 'digest-not-pushable' } });
    expect(parsePushTarget('pandas:1')).toMatchObject({ ok: false, error: { code: 'namespace-required' } });
    expect(parsePushTarget('docker.io/library/python:3')).toMatchObject({ ok: false, error: { code: 'namespace-required' } });
  });
});

describe('suggestPushReference', () => {
  const login = (host: string, username: string) => {
    const parsed = parseRegistryAddress(host);
    if (!parsed.ok) throw new Error(host);
    return { registry: parsed.address, username, loggedInAt: 1, storage: 'keychain' as const, secretKind: 'password' as const, dockerSource: null };
  };

  it("puts a bare Docker Hub name under the login's user, and keeps an image's own path elsewhere", () => {
    expect(suggestPushReference('pandas:1', login('docker.io', 'alice'))).toEqual({ ok: true, reference: 'docker.io/alice/pandas:1' });
    expect(suggestPushReference('team/pandas', login('quay.io', 'alice'))).toEqual({ ok: true, reference: 'quay.io/team/pandas:latest' });
  });

  it('asks to log in first, and passes on what is wrong with the image name', () => {
    expect(suggestPushReference('pandas:1', null)).toMatchObject({ ok: false, error: { code: 'login-required' } });
    expect(suggestPushReference('Pandas:1', login('quay.io', 'alice'))).toMatchObject({ ok: false, error: { code: 'uppercase' } });
  });
});
