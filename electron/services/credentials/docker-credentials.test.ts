import type { DockerConfigFile } from '../docker-config/docker-config-file';
import { emptyDockerConfig } from '../docker-config/docker-config-file';
import { dockerHub, parseRegistryAddress } from '../registry/registry-address';
import type { RunCredentialHelper } from './credential-helper';
import { credentialsFromAuthEntry, credentialsFromHelperOutput, dockerCredentialFor, offerDockerLogins } from './docker-credentials';

const local = (() => {
  const parsed = parseRegistryAddress('127.0.0.1:5000');
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.address;
})();
const quay = (() => {
  const parsed = parseRegistryAddress('quay.io');
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.address;
})();

const b64 = (text: string) => Buffer.from(text).toString('base64');
const config = (patch: Partial<DockerConfigFile>): DockerConfigFile => ({ ...emptyDockerConfig, ...patch });

/** Helpers by name: what `get <url>` and `list` print; null means "credentials not found". */
function helpers(table: Record<string, { get?: Record<string, { Username: string; Secret: string } | null>; list?: Record<string, string> }>) {
  const calls: string[] = [];
  const run: RunCredentialHelper = async (helper, action, input) => {
    calls.push(`${helper} ${action} ${input}`);
    const entry = table[helper];
    if (entry === undefined) throw new Error(`no helper ${helper}`);
    if (action === 'list') return JSON.stringify(entry.list ?? {});
    const found = entry.get?.[input] ?? null;
    return found === null ? null : JSON.stringify({ ServerURL: input, ...found });
  };
  return { run, calls };
}

describe('dockerCredentialFor', () => {
  it('uses credHelpers[host] before credsStore before auths, as the docker CLI does', async () => {
    const h = helpers({
      special: { get: { '127.0.0.1:5000': { Username: 'from-helper', Secret: 'h' } } },
      desktop: { get: { '127.0.0.1:5000': { Username: 'from-store', Secret: 's' } } },
    });
    const auths = { '127.0.0.1:5000': { auth: b64('from-file:f') } };
    expect(
      await dockerCredentialFor(local, { config: config({ credHelpers: { '127.0.0.1:5000': 'special' }, credsStore: 'desktop', auths }), runHelper: h.run }),
    ).toMatchObject({
      username: 'from-helper',
      source: { kind: 'cred-helper', helper: 'special' },
    });
    expect(await dockerCredentialFor(local, { config: config({ credsStore: 'desktop', auths }), runHelper: h.run })).toMatchObject({
      username: 'from-store',
      source: { kind: 'creds-store', helper: 'desktop' },
    });
    expect(await dockerCredentialFor(local, { config: config({ auths }), runHelper: h.run })).toEqual({
      username: 'from-file',
      secret: 'f',
      kind: 'password',
      registry: local,
      source: { kind: 'config-file' },
    });
  });

  it('asks a helper with the server URL Docker keys by (Docker Hub: https://index.docker.io/v1/)', async () => {
    const h = helpers({ desktop: { get: { 'https://index.docker.io/v1/': { Username: 'alice', Secret: 'x' } } } });
    expect(await dockerCredentialFor(dockerHub, { config: config({ credsStore: 'desktop' }), runHelper: h.run })).toMatchObject({ username: 'alice' });
    expect(h.calls).toEqual(['desktop get https://index.docker.io/v1/']);
  });

  it('finds auths written with a scheme by older Docker versions', async () => {
    const found = await dockerCredentialFor(quay, { config: config({ auths: { 'https://quay.io': { auth: b64('bob:pw') } } }), runHelper: helpers({}).run });
    expect(found).toMatchObject({ username: 'bob', secret: 'pw' });
  });

  it('is null when Docker has no login there', async () => {
    const h = helpers({ desktop: { get: {} } });
    expect(await dockerCredentialFor(quay, { config: config({ credsStore: 'desktop' }), runHelper: h.run })).toBeNull();
    expect(await dockerCredentialFor(quay, { config: config({}), runHelper: h.run })).toBeNull();
  });
});

describe('reading credentials', () => {
  it('decodes auth (the password may contain colons) and prefers an identity token', () => {
    expect(credentialsFromAuthEntry({ auth: b64('alice:pa:ss') })).toEqual({ username: 'alice', secret: 'pa:ss', kind: 'password' });
    expect(credentialsFromAuthEntry({ auth: b64('alice:x'), identitytoken: 'tok' })).toEqual({ username: 'alice', secret: 'tok', kind: 'identity-token' });
    expect(credentialsFromAuthEntry({})).toBeNull();
    expect(credentialsFromAuthEntry({ auth: b64('no-colon') })).toBeNull();
  });

  it("reads a helper's answer; <token> means an identity token", () => {
    expect(credentialsFromHelperOutput('{"ServerURL":"x","Username":"<token>","Secret":"t"}', 'h')).toEqual({
      username: '<token>',
      secret: 't',
      kind: 'identity-token',
    });
    expect(credentialsFromHelperOutput('{"Username":"a","Secret":""}', 'h')).toBeNull();
    expect(() => credentialsFromHelperOutput('password123', 'h')).toThrow(/not JSON/);
    try {
      credentialsFromHelperOutput('password123', 'h');
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain('password123');
    }
  });
});

describe('offerDockerLogins', () => {
  it('offers every registry Docker has a login for, Docker Hub first, without secrets', async () => {
    const h = helpers({
      desktop: { list: { 'https://index.docker.io/v1/': 'alice', 'quay.io': 'alice_q' } },
      gcloud: { list: {}, get: { 'gcr.io': { Username: 'oauth2accesstoken', Secret: 'ya29' } } },
    });
    const offers = await offerDockerLogins({
      config: config({
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud' },
        auths: { 'https://index.docker.io/v1/': {}, 'quay.io': {} },
      }),
      runHelper: h.run,
    });
    expect(offers.map((o) => o.question)).toEqual([
      'Use your Docker login as alice on Docker Hub?',
      'Use your Docker login as alice_q on Quay.io?',
      'Use your Docker login as oauth2accesstoken on gcr.io?',
    ]);
    expect(offers[0]).toMatchObject({ registry: dockerHub, username: 'alice', source: { kind: 'creds-store', helper: 'desktop' } });
    expect(JSON.stringify(offers)).not.toContain('ya29');
  });

  it('offers config-file logins, names identity-token logins, and skips what it cannot read', async () => {
    const offers = await offerDockerLogins({
      config: config({
        auths: {
          '127.0.0.1:5000': { auth: b64('testuser:testpass') },
          'ghcr.io': { identitytoken: 'tok' },
          'not a registry': { auth: b64('x:y') },
          'empty.example.com': {},
        },
      }),
      runHelper: helpers({}).run,
    });
    expect(offers.map((o) => o.question)).toEqual([
      'Use your Docker login with an access token on GitHub Container Registry?',
      'Use your Docker login as testuser on 127.0.0.1:5000?',
    ]);
    expect(JSON.stringify(offers)).not.toContain('testpass');
  });

  it('survives a helper that fails', async () => {
    const run: RunCredentialHelper = async () => {
      throw new Error('helper crashed');
    };
    expect(await offerDockerLogins({ config: config({ credsStore: 'broken', auths: { 'quay.io': {} } }), runHelper: run })).toEqual([]);
  });
});
