import { classifyRegistryFailure, classifyRegistryMessage } from './registry-errors';
import { parseRegistryAddress } from './registry-address';

const parsed = parseRegistryAddress('192.0.2.2:5999');
if (!parsed.ok) throw new Error('bad fixture');
const registry = parsed.address;
const context = { registry, action: 'login' as const, username: 'alice' };

/** A dockerode error as the modem builds it for an HTTP 500 from POST /auth. */
function engine500(text: string): Error {
  return Object.assign(new Error(`(HTTP code 500) server error - ${text} `), { statusCode: 500, reason: 'server error' });
}

// The engine's own words, recorded from engine 20.10 (see the comment in registry-errors.ts).
describe('classifyRegistryFailure on what the engine answered', () => {
  it.each([
    ['login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized', 'wrong-credentials'],
    ['Get "https://no-such-host.invalid/v2/": dial tcp: lookup no-such-host.invalid on 10.255.255.53:53: no such host', 'registry-unknown-host'],
    ['Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'registry-down'],
    ['Get "https://192.0.2.2:33371/v2/": x509: cannot validate certificate for 192.0.2.2 because it doesn\'t contain any IP SANs', 'registry-tls'],
    ['Get "https://192.0.2.2:34077/v2/": http: server gave HTTP response to HTTPS client', 'registry-tls'],
    ['Get "https://192.0.2.2:42137/v2/": net/http: TLS handshake timeout', 'registry-timeout'],
    ['Get "https://r.example.com/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'registry-timeout'],
    ['Get "https://r.example.com/v2/": something nobody has seen', 'registry-error'],
  ])('%s → %s', (text, code) => {
    const error = classifyRegistryFailure(engine500(text), context);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(text);
    expect(error.message).not.toContain('HTTP code');
  });

  it('says which host and what to do, in plain words', () => {
    expect(classifyRegistryFailure(engine500('401 Unauthorized'), context).message).toMatch(/did not accept the password for alice/);
    expect(classifyRegistryFailure(engine500('x509: certificate signed by unknown authority'), context).message).toMatch(
      /certificate that could not be verified/,
    );
    expect(classifyRegistryFailure(engine500('http: server gave HTTP response to HTTPS client'), context).message).toMatch(/plain http/);
    expect(classifyRegistryFailure(engine500('connect: connection refused'), context).message).toMatch(/Nothing answers at 192\.0\.2\.2:5999/);
  });

  it('tells a timeout of our own from everything else', () => {
    const aborted = Object.assign(new Error('The operation was aborted'), { code: 'ABORT_ERR' });
    const error = classifyRegistryFailure(aborted, { ...context, timedOut: true, timeoutMs: 15_000 });
    expect(error.code).toBe('registry-timeout');
    expect(error.message).toMatch(/within 15 s/);
  });

  it('tells the engine being gone from the registry being gone', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    expect(classifyRegistryFailure(refused, context).code).toBe('engine-unavailable');
  });

  it('adds the right hint for the registry', () => {
    const hub = parseRegistryAddress('docker.io');
    if (!hub.ok) throw new Error('bad fixture');
    expect(classifyRegistryMessage('unauthorized: incorrect username or password', { ...context, registry: hub.address }).message).toMatch(
      /personal access token/,
    );
  });
});
