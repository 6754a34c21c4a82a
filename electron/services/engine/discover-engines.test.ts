import { nodeError, fakeFileAccess } from '../docker-config/testing/fake-file-access';
import { contextPaths } from '../docker-config/docker-contexts';
import { discoverEngines } from './discover-engines';

const home = '/home/ada';
const linux = { homedir: home, platform: 'linux' as const };
const socket = { kind: 'socket' as const };

describe('discoverEngines', () => {
  it('orders DOCKER_HOST, the current context, then the known sockets that exist', async () => {
    const remote = contextPaths('/home/ada/.docker', 'remote');
    const files = fakeFileAccess({
      '/home/ada/.docker/config.json': '{"currentContext":"remote"}',
      [remote.metaFile]: '{"Endpoints":{"docker":{"Host":"tcp://10.0.0.5:2376"}}}',
      [`${remote.tlsDir}/ca.pem`]: 'CA',
      [`${remote.tlsDir}/cert.pem`]: 'CERT',
      [`${remote.tlsDir}/key.pem`]: 'KEY',
      '/var/run/docker.sock': socket,
      '/home/ada/.colima/default/docker.sock': socket,
      '/home/ada/.rd/docker.sock': socket,
      '/run/user/1000/podman/podman.sock': socket,
    });
    const { candidates, problems } = await discoverEngines({
      ...linux,
      env: { DOCKER_HOST: 'unix:///srv/dev/docker.sock', XDG_RUNTIME_DIR: '/run/user/1000' },
      files,
    });
    expect(problems).toEqual([]);
    expect(candidates.map((c) => [c.id, c.source, c.productHint])).toEqual([
      ['unix:///srv/dev/docker.sock', { kind: 'docker-host' }, null],
      ['tcp://10.0.0.5:2376', { kind: 'context', name: 'remote' }, null],
      ['unix:///var/run/docker.sock', { kind: 'known-socket', product: 'Docker Engine' }, 'Docker Engine'],
      ['unix:///home/ada/.colima/default/docker.sock', { kind: 'known-socket', product: 'Colima' }, 'Colima'],
      ['unix:///home/ada/.rd/docker.sock', { kind: 'known-socket', product: 'Rancher Desktop' }, 'Rancher Desktop'],
      ['unix:///run/user/1000/podman/podman.sock', { kind: 'known-socket', product: 'Podman' }, 'Podman'],
    ]);
    expect(candidates[1]?.endpoint).toEqual({
      transport: 'tcp',
      host: '10.0.0.5',
      port: 2376,
      tls: { verify: true, caFile: `${remote.tlsDir}/ca.pem`, certFile: `${remote.tlsDir}/cert.pem`, keyFile: `${remote.tlsDir}/key.pem` },
    });
    expect(candidates[1]?.display).toBe('tcp://10.0.0.5:2376 (TLS)');
  });

  it('always lists the platform default socket, even when it is missing, so "none found" can say where it looked', async () => {
    const { candidates } = await discoverEngines({ ...linux, env: {}, files: fakeFileAccess({}) });
    expect(candidates.map((c) => c.id)).toEqual(['unix:///var/run/docker.sock']);
    const windows = await discoverEngines({ homedir: 'C:\\Users\\ada', platform: 'win32', env: {}, files: fakeFileAccess({}) });
    expect(windows.candidates.map((c) => [c.id, c.productHint])).toEqual([['npipe:////./pipe/docker_engine', 'Docker Desktop']]);
  });

  it('lets DOCKER_CONTEXT override config.json and ignores the "default" context', async () => {
    const colima = contextPaths('/home/ada/.docker', 'colima');
    const files = fakeFileAccess({
      '/home/ada/.docker/config.json': '{"currentContext":"default"}',
      [colima.metaFile]: '{"Endpoints":{"docker":{"Host":"unix:///home/ada/.colima/default/docker.sock"}}}',
      '/home/ada/.colima/default/docker.sock': socket,
    });
    const withEnv = await discoverEngines({ ...linux, env: { DOCKER_CONTEXT: 'colima' }, files });
    // The context and the known Colima socket are the same engine: listed once, as the context.
    expect(withEnv.candidates.map((c) => [c.id, c.source.kind, c.productHint])).toEqual([
      ['unix:///home/ada/.colima/default/docker.sock', 'context', 'Colima'],
      ['unix:///var/run/docker.sock', 'known-socket', 'Docker Engine'],
    ]);
    const withoutEnv = await discoverEngines({ ...linux, env: {}, files });
    expect(withoutEnv.candidates.map((c) => c.source.kind)).toEqual(['known-socket', 'known-socket']);
  });

  it('dedupes through symlinks and names the product a symlink points to', async () => {
    const files = fakeFileAccess({ '/home/ada/.rd/docker.sock': socket }, { '/var/run/docker.sock': '/home/ada/.rd/docker.sock' });
    const { candidates } = await discoverEngines({
      homedir: home,
      platform: 'darwin',
      env: { DOCKER_HOST: 'unix:///var/run/docker.sock' },
      files,
    });
    expect(candidates.map((c) => [c.id, c.source.kind, c.productHint])).toEqual([['unix:///var/run/docker.sock', 'docker-host', 'Rancher Desktop']]);
  });

  it('reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a tcp DOCKER_HOST', async () => {
    const files = fakeFileAccess({ '/certs/ca.pem': 'CA', '/certs/cert.pem': 'C', '/certs/key.pem': 'K' });
    const env = { DOCKER_HOST: 'tcp://127.0.0.1:23760', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' };
    const { candidates } = await discoverEngines({ ...linux, env, files });
    expect(candidates[0]?.endpoint).toEqual({
      transport: 'tcp',
      host: '127.0.0.1',
      port: 23760,
      tls: { verify: true, caFile: '/certs/ca.pem', certFile: '/certs/cert.pem', keyFile: '/certs/key.pem' },
    });

    // Without DOCKER_CERT_PATH the CLI looks in the config directory; a missing ca.pem is still named.
    const fromConfigDir = await discoverEngines({
      ...linux,
      env: { DOCKER_HOST: 'tcp://box:2376', DOCKER_TLS_VERIFY: 'yes' },
      files: fakeFileAccess({}),
    });
    expect(fromConfigDir.candidates[0]?.endpoint).toMatchObject({
      tls: { verify: true, caFile: '/home/ada/.docker/ca.pem', certFile: null, keyFile: null },
    });

    const off = await discoverEngines({ ...linux, env: { DOCKER_HOST: 'tcp://box:2375', DOCKER_TLS_VERIFY: '0' }, files });
    expect(off.candidates[0]?.endpoint).toMatchObject({ tls: null });
  });

  it('keeps a malformed DOCKER_HOST as an invalid candidate and reports a broken context as a problem', async () => {
    const files = fakeFileAccess({ '/home/ada/.docker/config.json': '{"currentContext":"gone"}' });
    const { candidates, problems } = await discoverEngines({ ...linux, env: { DOCKER_HOST: 'tcp://[oops' }, files });
    expect(candidates[0]?.endpoint.transport).toBe('invalid');
    expect(candidates[1]?.id).toBe('unix:///var/run/docker.sock');
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing' })]);
  });

  it('probes an unreadable known socket rather than hiding it', async () => {
    const files = fakeFileAccess({});
    const exists = vi.fn(async (path: string) => path === '/home/ada/.orbstack/run/docker.sock');
    const realpath = vi.fn(async (path: string): Promise<string> => {
      throw nodeError('EACCES', 'realpath', path);
    });
    const { candidates } = await discoverEngines({ ...linux, env: {}, files: { ...files, exists, realpath } });
    expect(candidates.map((c) => c.productHint)).toEqual(['Docker Engine', 'OrbStack']);
  });
});
