import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineCandidate } from '../../contract/domain/engine';
import { nodeError } from '../docker-config/testing/fake-file-access';
import { EngineFailure, classifyEngineError } from './engine-errors';

const unixCandidate: EngineCandidate = {
  id: 'unix:///var/run/docker.sock',
  source: { kind: 'known-socket', product: 'Docker Engine' },
  endpoint: { transport: 'unix', socketPath: '/var/run/docker.sock' },
  display: 'unix:///var/run/docker.sock',
  productHint: 'Docker Engine',
};
const tcpCandidate: EngineCandidate = {
  id: 'tcp://10.0.0.5:2376',
  source: { kind: 'docker-host' },
  endpoint: { transport: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true, caFile: '/c/ca.pem', certFile: null, keyFile: null } },
  display: 'tcp://10.0.0.5:2376 (TLS)',
  productHint: null,
};
const sshCandidate: EngineCandidate = {
  id: 'ssh://ada@box:22',
  source: { kind: 'context', name: 'box' },
  endpoint: { transport: 'ssh', host: 'box', port: 22, user: 'ada', agent: null },
  display: 'ssh://ada@box:22',
  productHint: null,
};

const context = (candidate: EngineCandidate, platform: NodeJS.Platform = 'linux') => ({
  candidate,
  platform,
  timedOut: false,
  timeoutMs: 3000,
});

/** A real ENOENT from Node's net module, to be sure we read the shape Node actually produces. */
function realConnectError(path: string): Promise<Error> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.on('error', resolve);
  });
}

describe('classifyEngineError', () => {
  it('maps a real ENOENT from connect() to no-socket', async () => {
    const error = await realConnectError(join(tmpdir(), `rib-no-such-${process.pid}.sock`));
    expect(classifyEngineError(error, context(unixCandidate))).toMatchObject({
      code: 'no-socket',
      message: 'There is no Docker socket at unix:///var/run/docker.sock.',
      hint: 'Start Docker Desktop, Colima or Rancher Desktop, then press Retry.',
    });
  });

  it('says DOCKER_HOST is wrong when the socket it names is missing', () => {
    const fromEnv = { ...unixCandidate, source: { kind: 'docker-host' as const } };
    const mapped = classifyEngineError(nodeError('ENOENT', 'connect', '/var/run/docker.sock'), context(fromEnv));
    expect(mapped.message).toBe('DOCKER_HOST points to unix:///var/run/docker.sock, but there is no socket there.');
  });

  it('maps EACCES to permission-denied with an OS-specific hint', () => {
    const error = nodeError('EACCES', 'connect', '/var/run/docker.sock');
    expect(classifyEngineError(error, context(unixCandidate, 'linux'))).toMatchObject({
      code: 'permission-denied',
      hint: 'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and back in.',
    });
    expect(classifyEngineError(error, context(unixCandidate, 'win32')).hint).toMatch(/docker-users/);
    expect(classifyEngineError(nodeError('EPERM', 'connect', 'x'), context(unixCandidate)).code).toBe('permission-denied');
  });

  it('maps refused connections and our own timeout to not-answering', () => {
    expect(classifyEngineError(nodeError('ECONNREFUSED', 'connect', 'x'), context(unixCandidate))).toMatchObject({
      code: 'not-answering',
      message: expect.stringMatching(/no engine behind it/),
    });
    expect(classifyEngineError(nodeError('ECONNREFUSED', 'connect', 'x'), context(tcpCandidate)).message).toBe(
      'Nothing is listening at tcp://10.0.0.5:2376 (TLS).',
    );
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    expect(classifyEngineError(abort, { ...context(unixCandidate), timedOut: true, timeoutMs: 1500 })).toMatchObject({
      code: 'not-answering',
      message: 'The engine at unix:///var/run/docker.sock did not answer within 1.5 s.',
    });
  });

  it('maps DNS failures to host-not-found', () => {
    expect(classifyEngineError(nodeError('ENOTFOUND', 'getaddrinfo', 'box'), context(tcpCandidate)).code).toBe('host-not-found');
  });

  it('maps certificate and handshake failures to tls-failed', () => {
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(classifyEngineError(untrusted, context(tcpCandidate))).toMatchObject({
      code: 'tls-failed',
      message: 'The engine at tcp://10.0.0.5:2376 (TLS) presented a certificate that could not be verified.',
    });
    const refused = Object.assign(new Error('SSL alert number 42: bad certificate'), { code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' });
    expect(classifyEngineError(refused, context(tcpCandidate)).message).toMatch(/client certificate was not accepted/);
    const plain = Object.assign(new Error('ssl3_get_record:wrong version number'), { code: 'EPROTO' });
    expect(classifyEngineError(plain, context(tcpCandidate)).message).toMatch(/does not speak TLS/);
    const httpToHttps = Object.assign(new Error('(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.'), {
      statusCode: 400,
    });
    expect(classifyEngineError(httpToHttps, context(tcpCandidate))).toMatchObject({
      code: 'tls-failed',
      message: expect.stringMatching(/only accepts TLS/),
    });
  });

  it('maps other HTTP answers to unexpected-response', () => {
    const notDocker = Object.assign(new Error('(HTTP code 404) unexpected - page not found'), { statusCode: 404 });
    expect(classifyEngineError(notDocker, context(tcpCandidate))).toMatchObject({ code: 'unexpected-response' });
  });

  it('maps ssh2 failures by their level', () => {
    const auth = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    expect(classifyEngineError(auth, context(sshCandidate))).toMatchObject({ code: 'ssh-failed', hint: expect.stringMatching(/ssh-add/) });
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyEngineError(hangUp, context(sshCandidate)).message).toMatch(/Docker did not answer there/);
  });

  it('passes our own failures through and keeps the raw text as detail', () => {
    const failure = new EngineFailure('api-too-old', 'too old', 'update');
    expect(classifyEngineError(failure, context(unixCandidate))).toEqual({ code: 'api-too-old', message: 'too old', hint: 'update', detail: null });
    expect(classifyEngineError(new Error('weird'), context(unixCandidate))).toMatchObject({ code: 'unknown', detail: 'weird' });
  });
});
