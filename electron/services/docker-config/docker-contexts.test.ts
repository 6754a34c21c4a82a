import { contextPaths, contextStoreId, currentContextName, readCurrentContext, readDockerContext } from './docker-contexts';
import { emptyDockerConfig } from './docker-config-file';
import { fakeFileAccess } from './testing/fake-file-access';

const home = '/home/ada';
const remoteId = 'b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a'; // sha256("remote")
const remoteMeta = `/home/ada/.docker/contexts/meta/${remoteId}/meta.json`;
const remoteTls = `/home/ada/.docker/contexts/tls/${remoteId}/docker`;

const meta = (host: string, skip = false): string =>
  JSON.stringify({ Name: 'remote', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } });

describe('currentContextName', () => {
  it('prefers DOCKER_CONTEXT, then config.json, then "default"', () => {
    const config = { ...emptyDockerConfig, currentContext: 'from-config' };
    expect(currentContextName(config, { DOCKER_CONTEXT: 'from-env' })).toEqual({ name: 'from-env', from: 'DOCKER_CONTEXT' });
    expect(currentContextName(config, {})).toEqual({ name: 'from-config', from: 'config' });
    expect(currentContextName(emptyDockerConfig, { DOCKER_CONTEXT: '' })).toEqual({ name: 'default', from: 'default' });
  });
});

describe('context store layout', () => {
  it('names directories by the SHA-256 of the context name, as the docker CLI does', () => {
    expect(contextStoreId('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
    expect(contextPaths('/home/ada/.docker', 'remote')).toEqual({ metaFile: remoteMeta, tlsDir: remoteTls });
  });
});

describe('readDockerContext', () => {
  it('reads the endpoint and lists the TLS files present', async () => {
    const files = fakeFileAccess({
      [remoteMeta]: meta('tcp://10.0.0.5:2376'),
      [`${remoteTls}/ca.pem`]: 'CA',
      [`${remoteTls}/cert.pem`]: 'CERT',
      [`${remoteTls}/key.pem`]: 'KEY',
    });
    const read = await readDockerContext({ configDir: '/home/ada/.docker', name: 'remote', files });
    expect(read).toEqual({
      ok: true,
      context: {
        name: 'remote',
        host: 'tcp://10.0.0.5:2376',
        skipTlsVerify: false,
        tls: { ca: `${remoteTls}/ca.pem`, cert: `${remoteTls}/cert.pem`, key: `${remoteTls}/key.pem` },
        metaFile: remoteMeta,
      },
    });
  });

  it('reports a context that is selected but missing, corrupt, or without a docker endpoint', async () => {
    const configDir = '/home/ada/.docker';
    const missing = await readDockerContext({ configDir, name: 'remote', files: fakeFileAccess({}) });
    expect(missing).toMatchObject({ ok: false, problem: { kind: 'missing' } });
    const corrupt = await readDockerContext({ configDir, name: 'remote', files: fakeFileAccess({ [remoteMeta]: '{' }) });
    expect(corrupt).toMatchObject({ ok: false, problem: { kind: 'corrupt' } });
    const noHost = await readDockerContext({
      configDir,
      name: 'remote',
      files: fakeFileAccess({ [remoteMeta]: '{"Endpoints":{"kubernetes":{}}}' }),
    });
    expect(noHost).toMatchObject({ ok: false, problem: { kind: 'invalid-field' } });
  });
});

describe('readCurrentContext', () => {
  it('resolves config.json → context name → endpoint', async () => {
    const files = fakeFileAccess({
      '/home/ada/.docker/config.json': '{"currentContext":"remote"}',
      [remoteMeta]: meta('ssh://me@box', true),
    });
    const read = await readCurrentContext({ env: {}, homedir: home, files });
    expect(read.choice).toEqual({ name: 'remote', from: 'config' });
    expect(read.context).toMatchObject({ host: 'ssh://me@box', skipTlsVerify: true, tls: { ca: null, cert: null, key: null } });
    expect(read.problems).toEqual([]);
  });

  it('has no context for "default", and a problem (not an exception) for a broken one', async () => {
    const none = await readCurrentContext({ env: {}, homedir: home, files: fakeFileAccess({}) });
    expect(none).toMatchObject({ context: null, problems: [], choice: { name: 'default' } });
    const broken = await readCurrentContext({
      env: { DOCKER_CONTEXT: 'remote' },
      homedir: home,
      files: fakeFileAccess({ '/home/ada/.docker/config.json': 'not json', [remoteMeta]: '{' }),
    });
    expect(broken.context).toBeNull();
    expect(broken.problems.map((p) => p.kind)).toEqual(['corrupt', 'corrupt']);
  });
});
