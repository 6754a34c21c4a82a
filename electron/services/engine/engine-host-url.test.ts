import { displayEndpoint, endpointId, parseEngineHost } from './engine-host-url';

const noExtras = { tls: null, sshAgent: null, defaultUser: null };
const verifyTls = { verify: true, caFile: '/c/ca.pem', certFile: '/c/cert.pem', keyFile: '/c/key.pem' };

describe('parseEngineHost', () => {
  it('reads unix and npipe addresses', () => {
    expect(parseEngineHost('unix:///var/run/docker.sock', noExtras)).toEqual({ transport: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseEngineHost('npipe:////./pipe/docker_engine', noExtras)).toEqual({ transport: 'npipe', pipePath: '//./pipe/docker_engine' });
  });

  it('reads tcp with the default port for plain and TLS', () => {
    expect(parseEngineHost('tcp://10.0.0.5', noExtras)).toEqual({ transport: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
    expect(parseEngineHost('tcp://box.lan:23760', { ...noExtras, tls: verifyTls })).toEqual({
      transport: 'tcp',
      host: 'box.lan',
      port: 23760,
      tls: verifyTls,
    });
    expect(parseEngineHost('tcp://box.lan', { ...noExtras, tls: verifyTls })).toMatchObject({ port: 2376 });
    // docker-modem accepts a bare host:port as tcp.
    expect(parseEngineHost('127.0.0.1:2375', noExtras)).toMatchObject({ transport: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseEngineHost('https://box', noExtras)).toMatchObject({ port: 2376, tls: { verify: true, caFile: null } });
  });

  it('reads ssh with user, port and the agent', () => {
    expect(parseEngineHost('ssh://ada@build-box:2222', { ...noExtras, sshAgent: '/tmp/agent.sock' })).toEqual({
      transport: 'ssh',
      host: 'build-box',
      port: 2222,
      user: 'ada',
      agent: '/tmp/agent.sock',
    });
    expect(parseEngineHost('ssh://build-box', { ...noExtras, defaultUser: 'me' })).toMatchObject({ user: 'me', port: 22 });
  });

  it('keeps unusable values as invalid endpoints with a reason, and hides passwords', () => {
    expect(parseEngineHost('', noExtras)).toMatchObject({ transport: 'invalid', reason: 'it is empty' });
    expect(parseEngineHost('unix://', noExtras)).toMatchObject({ transport: 'invalid' });
    expect(parseEngineHost('fd://', noExtras)).toMatchObject({ transport: 'invalid' });
    expect(parseEngineHost('tcp://[bad', noExtras)).toMatchObject({ transport: 'invalid' });
    const withPassword = parseEngineHost('ftp://ada:s3cret@box', noExtras);
    expect(withPassword).toMatchObject({ transport: 'invalid', raw: 'ftp://ada@box' });
    expect(JSON.stringify(withPassword)).not.toContain('s3cret');
  });
});

describe('displayEndpoint and endpointId', () => {
  it('shows what the user would type, marking TLS', () => {
    const tls = parseEngineHost('tcp://127.0.0.1:23760', { ...noExtras, tls: verifyTls });
    expect(displayEndpoint(tls)).toBe('tcp://127.0.0.1:23760 (TLS)');
    expect(endpointId(tls)).toBe('tcp://127.0.0.1:23760');
    const ssh = parseEngineHost('ssh://ada@box', noExtras);
    expect(displayEndpoint(ssh)).toBe('ssh://ada@box:22');
    expect(endpointId(parseEngineHost('unix:///run/docker.sock', noExtras))).toBe('unix:///run/docker.sock');
  });
});
