import { Agent as HttpsAgent } from 'node:https';
import Dockerode from 'dockerode';
import type { EngineCandidate, EngineEndpoint } from '../../contract/domain/engine';
import { nodeError } from '../docker-config/testing/fake-file-access';
import { createDockerClient, dockerClientConfig } from './docker-client';
import { EngineFailure } from './engine-errors';

const candidate = (endpoint: EngineEndpoint, source: EngineCandidate['source'] = { kind: 'docker-host' }): EngineCandidate => ({
  id: 'x',
  source,
  endpoint,
  display: 'the engine',
  productHint: null,
});
const pem: Record<string, string> = { '/c/ca.pem': 'CA', '/c/cert.pem': 'CERT', '/c/key.pem': 'KEY' };
const readFile = (path: string): Buffer => {
  const text = pem[path];
  if (text === undefined) throw nodeError('ENOENT', 'open', path);
  return Buffer.from(text);
};
const tls = { verify: true, caFile: '/c/ca.pem', certFile: '/c/cert.pem', keyFile: '/c/key.pem' };

function failureOf(run: () => unknown): EngineFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineFailure) return error;
    throw error;
  }
  throw new Error('expected an EngineFailure');
}

describe('dockerClientConfig', () => {
  it('uses the socket path for unix and npipe', () => {
    expect(dockerClientConfig(candidate({ transport: 'unix', socketPath: '/run/docker.sock' }))).toMatchObject({
      socketPath: '/run/docker.sock',
      host: undefined,
    });
    expect(dockerClientConfig(candidate({ transport: 'npipe', pipePath: '//./pipe/docker_engine' })).socketPath).toBe('//./pipe/docker_engine');
  });

  it('uses http for plain tcp and https with the PEM files for TLS', () => {
    expect(dockerClientConfig(candidate({ transport: 'tcp', host: 'box', port: 2375, tls: null }))).toMatchObject({
      host: 'box',
      port: 2375,
      protocol: 'http',
      ca: undefined,
    });
    const config = dockerClientConfig(candidate({ transport: 'tcp', host: 'box', port: 2376, tls }), { readFile });
    expect(config).toMatchObject({ protocol: 'https', ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') });
    expect(config.agent).toBeUndefined();
  });

  it('skips server verification through an agent when the context says SkipTLSVerify', () => {
    const config = dockerClientConfig(candidate({ transport: 'tcp', host: 'box', port: 2376, tls: { ...tls, verify: false } }), { readFile });
    expect(config.agent).toBeInstanceOf(HttpsAgent);
    expect(config.agent?.options.rejectUnauthorized).toBe(false);
  });

  it('names a missing certificate file, and refuses half a client certificate', () => {
    const missing = failureOf(() =>
      dockerClientConfig(candidate({ transport: 'tcp', host: 'box', port: 2376, tls: { ...tls, caFile: '/gone/ca.pem' } }), { readFile }),
    );
    expect(missing.code).toBe('tls-files-unreadable');
    expect(missing.message).toBe('The TLS file /gone/ca.pem is missing.');
    const half = failureOf(() => dockerClientConfig(candidate({ transport: 'tcp', host: 'box', port: 2376, tls: { ...tls, keyFile: null } }), { readFile }));
    expect(half.code).toBe('tls-files-unreadable');
  });

  it('builds ssh options, or says why it cannot', () => {
    const ssh: EngineEndpoint = { transport: 'ssh', host: '[::1]', port: 2222, user: 'ada', agent: '/tmp/agent' };
    expect(dockerClientConfig(candidate(ssh), { sshAvailable: () => true, sshReadyTimeoutMs: 1234 })).toMatchObject({
      protocol: 'ssh',
      host: '::1',
      port: 2222,
      username: 'ada',
      sshOptions: { agent: '/tmp/agent', readyTimeout: 1234 },
    });
    expect(failureOf(() => dockerClientConfig(candidate(ssh), { sshAvailable: () => false })).code).toBe('ssh-unavailable');
    expect(failureOf(() => dockerClientConfig(candidate({ ...ssh, user: null }), { sshAvailable: () => true })).code).toBe('ssh-failed');
  });

  it('rejects an invalid endpoint with a hint that fits where it came from', () => {
    const failure = failureOf(() => dockerClientConfig(candidate({ transport: 'invalid', raw: 'fd://', reason: 'nope' })));
    expect(failure.code).toBe('bad-endpoint');
    expect(failure.hint).toMatch(/DOCKER_HOST/);
  });
});

describe('createDockerClient', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('is not broken by a stale DOCKER_HOST whose certificates are gone, and leaves the env as it was', () => {
    process.env.DOCKER_HOST = 'tcp://192.0.2.1:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent/certs';
    // What dockerode alone does with that environment:
    expect(() => new Dockerode({ socketPath: '/run/docker.sock' })).toThrow(/ENOENT/);

    const client = createDockerClient(candidate({ transport: 'unix', socketPath: '/run/docker.sock' }));
    expect(client.modem).toMatchObject({ socketPath: '/run/docker.sock', host: undefined, protocol: 'http' });
    expect(process.env.DOCKER_HOST).toBe('tcp://192.0.2.1:2376');
    expect(process.env.DOCKER_CERT_PATH).toBe('/nonexistent/certs');
  });
});
