import { DOCKER_HUB_SERVER_ADDRESS, dockerHub, parseRegistryAddress, registryForDomain } from './registry-address';

function address(input: string) {
  const result = parseRegistryAddress(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.error.message}`);
  return result.address;
}

function errorOf(input: string) {
  const result = parseRegistryAddress(input);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.error;
}

describe('parseRegistryAddress', () => {
  it.each([
    'docker.io',
    'Docker Hub',
    'dockerhub',
    'index.docker.io',
    'https://index.docker.io/v1/',
    'https://registry-1.docker.io',
    'hub.docker.com',
    ' DOCKER.IO ',
  ])('reads %j as Docker Hub, keyed as the engine keys it', (input) => {
    expect(address(input)).toEqual(dockerHub);
    expect(address(input).serverAddress).toBe(DOCKER_HUB_SERVER_ADDRESS);
  });

  it('names quay.io and ghcr.io, keyed by host as docker login keys them', () => {
    expect(address('quay.io')).toEqual({ kind: 'quay', host: 'quay.io', serverAddress: 'quay.io', scheme: 'https', displayName: 'Quay.io' });
    expect(address('https://ghcr.io/')).toEqual({
      kind: 'ghcr',
      host: 'ghcr.io',
      serverAddress: 'ghcr.io',
      scheme: 'https',
      displayName: 'GitHub Container Registry',
    });
  });

  it('takes any host[:port], with or without a scheme, lower-cased', () => {
    expect(address('Registry.Example.com:8443')).toMatchObject({ kind: 'other', host: 'registry.example.com:8443', scheme: 'https' });
    expect(address('https://registry.example.com/v2/')).toMatchObject({ host: 'registry.example.com', serverAddress: 'registry.example.com' });
    expect(address('10.1.2.3:5000')).toMatchObject({ host: '10.1.2.3:5000' });
    expect(address('[fd00::2]:5000')).toMatchObject({ host: '[fd00::2]:5000' });
  });

  it('allows http for this computer only', () => {
    expect(address('http://localhost:5000')).toMatchObject({ host: 'localhost:5000', serverAddress: 'localhost:5000', scheme: 'http' });
    expect(address('http://127.0.0.1:5000')).toMatchObject({ host: '127.0.0.1:5000', scheme: 'http' });
    expect(address('http://[::1]:5000')).toMatchObject({ host: '[::1]:5000', scheme: 'http' });
    expect(address('127.0.0.1:5000').scheme).toBe('http'); // local registries usually run plain http
    expect(errorOf('http://registry.example.com').code).toBe('http-not-local');
    expect(errorOf('http://docker.io').code).toBe('http-not-local');
    expect(errorOf('http://10.0.0.5:5000').message).toMatch(/only allowed for a registry on this computer/);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['my registry.com', 'whitespace'],
    ['ftp://registry.example.com', 'unsupported-scheme'],
    ['https://alice:secret@registry.example.com', 'has-credentials'],
    ['quay.io/alice', 'has-path'],
    ['https://registry.example.com/v2/alice/pandas', 'has-path'],
    ['registry.example.com?x=1', 'has-path'],
    ['registry.example.com:0', 'port-invalid'],
    ['registry.example.com:70000', 'port-invalid'],
    ['registry.example.com:abc', 'port-invalid'],
    ['registry_example.com', 'host-invalid'],
    ['-registry.example.com', 'host-invalid'],
    ['300.1.2.3', 'host-invalid'],
    ['fd00::2', 'host-invalid'],
    ['[fd00::2', 'host-invalid'],
    ['https://', 'host-invalid'],
    ['myregistry', 'host-invalid'],
  ])('refuses %j with %s and a message that says what to change', (input, code) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('never echoes a password written into the address', () => {
    expect(errorOf('https://alice:hunter2@quay.io').message).not.toContain('hunter2');
  });

  it('explains that a bare name would be read as a Docker Hub account', () => {
    expect(errorOf('myregistry').message).toMatch(/Docker Hub account/);
    expect(address('myregistry:5000').host).toBe('myregistry:5000');
    expect(address('localhost').host).toBe('localhost');
  });
});

describe('registryForDomain', () => {
  it('maps no domain to Docker Hub and other domains through the parser', () => {
    expect(registryForDomain(null)).toEqual({ ok: true, address: dockerHub });
    expect(registryForDomain('quay.io')).toMatchObject({ ok: true, address: { kind: 'quay' } });
  });
});
