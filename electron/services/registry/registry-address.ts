import type { RegistryAddress, RegistryAddressErrorCode, RegistryAddressResult, RegistryKind } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';

// Turns what the user types into the registry field into the names the engine and Docker's
// credential store use. Docker keys Docker Hub logins by 'https://index.docker.io/v1/' and every
// other registry by its bare host[:port], so that is what `serverAddress` holds.

export const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';
export const DOCKER_HUB_HOST = 'docker.io';

// Names people use for Docker Hub; all of them mean the one registry behind index.docker.io.
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com', 'www.docker.com']);
const DOCKER_HUB_WORDS = new Set(['docker hub', 'dockerhub', 'hub', 'docker']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const WELL_KNOWN: Record<string, { kind: RegistryKind; displayName: string }> = {
  'quay.io': { kind: 'quay', displayName: 'Quay.io' },
  'ghcr.io': { kind: 'ghcr', displayName: 'GitHub Container Registry' },
};
// The paths registries answer on; pasted from docs they mean nothing more than the host.
const IGNORABLE_PATHS = new Set(['', '/', '/v1', '/v1/', '/v2', '/v2/']);
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const dockerHub: RegistryAddress = Object.freeze({
  kind: 'docker-hub',
  host: DOCKER_HUB_HOST,
  serverAddress: DOCKER_HUB_SERVER_ADDRESS,
  scheme: 'https',
  displayName: 'Docker Hub',
});

class AddressFailure extends Error {
  constructor(
    readonly code: RegistryAddressErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function fail(code: RegistryAddressErrorCode, message: string): never {
  throw new AddressFailure(code, message);
}

/** Never throws: bad input gives `{ ok: false, error }` with a message that says what to change. */
export function parseRegistryAddress(input: string): RegistryAddressResult {
  try {
    return { ok: true, address: parse(input) };
  } catch (error) {
    if (error instanceof AddressFailure) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** The registry an image reference's domain names (null or 'docker.io' → Docker Hub). */
export function registryForDomain(domain: string | null): RegistryAddressResult {
  return domain === null ? { ok: true, address: dockerHub } : parseRegistryAddress(domain);
}

export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname);
}

function parse(input: string): RegistryAddress {
  const trimmed = input.trim();
  if (trimmed === '') fail('empty', 'Enter a registry address, such as docker.io, quay.io, ghcr.io or registry.example.com:5000.');
  if (DOCKER_HUB_WORDS.has(trimmed.toLowerCase())) return dockerHub;
  if (/\s/.test(trimmed)) fail('whitespace', 'A registry address has no spaces.');

  let rest = trimmed;
  let scheme: 'http' | 'https' | null = null;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (schemeMatch !== null) {
    const written = (schemeMatch[1] ?? '').toLowerCase();
    if (written !== 'http' && written !== 'https') {
      fail('unsupported-scheme', `Registries are reached over https (or http on this computer), not "${written}://".`);
    }
    scheme = written;
    rest = rest.slice(schemeMatch[0].length);
  }

  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const path = end < 0 ? '' : rest.slice(end);
  if (authority.includes('@')) {
    fail('has-credentials', 'Leave the username and password out of the address; enter them in the fields below.');
  }
  if (authority === '') fail('host-invalid', 'The address has no host name.');

  const { hostname, port } = splitHostPort(authority);
  checkHostname(hostname, port);
  if (port !== null) checkPort(port);
  const host = port === null ? hostname : `${hostname}:${port}`;

  if (!IGNORABLE_PATHS.has(path)) {
    fail('has-path', `Enter only the registry, "${host}", without "${path}": the account or organisation (namespace) is chosen when you push.`);
  }

  const hub = port === null && DOCKER_HUB_ALIASES.has(hostname);
  const local = isLocalHost(hostname);
  if (scheme === 'http' && !local) {
    fail('http-not-local', `Plain http is only allowed for a registry on this computer (localhost). Use https://${hub ? DOCKER_HUB_HOST : host}.`);
  }
  if (hub) return dockerHub;
  const known = port === null ? WELL_KNOWN[hostname] : undefined;
  return {
    kind: known?.kind ?? 'other',
    host,
    serverAddress: host,
    // The engine picks http or https itself; this records what was written, and local registries
    // written without a scheme usually run plain http.
    scheme: scheme ?? (local ? 'http' : 'https'),
    displayName: known?.displayName ?? host,
  };
}

function splitHostPort(authority: string): { hostname: string; port: string | null } {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) fail('host-invalid', "An IPv6 address needs its closing ']'.");
    const address = authority.slice(1, close).toLowerCase();
    if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) fail('host-invalid', `"${address}" is not an IPv6 address.`);
    const after = authority.slice(close + 1);
    if (after === '') return { hostname: `[${address}]`, port: null };
    if (!after.startsWith(':')) fail('host-invalid', `Unexpected "${after}" after the IPv6 address.`);
    return { hostname: `[${address}]`, port: after.slice(1) };
  }
  const parts = authority.split(':');
  if (parts.length > 2) fail('host-invalid', 'Write an IPv6 address in brackets, e.g. [::1]:5000.');
  const [hostname = '', port] = parts;
  return { hostname: hostname.toLowerCase(), port: port ?? null };
}

function checkHostname(hostname: string, port: string | null): void {
  if (hostname.startsWith('[')) return; // checked in splitHostPort
  if (hostname === '') fail('host-invalid', 'The address has no host name.');
  if (hostname.length > 253) fail('host-invalid', 'That host name is too long.');
  if (/^[0-9.]+$/.test(hostname)) {
    const octets = hostname.split('.');
    if (octets.length !== 4 || octets.some((o) => o === '' || Number(o) > 255)) {
      fail('host-invalid', `"${hostname}" is not an IP address.`);
    }
    return;
  }
  const bad = /[^a-z0-9.-]/.exec(hostname);
  if (bad !== null) fail('host-invalid', `"${bad[0]}" cannot appear in a host name.`);
  if (hostname.split('.').some((label) => !LABEL.test(label) || label.length > 63)) {
    fail('host-invalid', `"${hostname}" is not a valid host name.`);
  }
  // In an image name, a first part without a dot or port is read as a Docker Hub account, so such
  // a host could never be pushed to.
  if (!hostname.includes('.') && port === null && hostname !== 'localhost') {
    fail(
      'host-invalid',
      `"${hostname}" alone would be read as a Docker Hub account. Write the full host name (${hostname}.example.com) or add the port (${hostname}:5000).`,
    );
  }
}

function checkPort(port: string): void {
  const value = /^[0-9]{1,5}$/.test(port) ? Number(port) : Number.NaN;
  if (!(value >= 1 && value <= 65535)) fail('port-invalid', `The port must be a number from 1 to 65535, not "${port}".`);
}

/** The address the user wrote, parsed, or AppError 'registry-address-invalid' saying why not. */
export function registryOrThrow(written: string): RegistryAddress {
  const parsed = parseRegistryAddress(written);
  if (!parsed.ok) throw new AppError('registry-address-invalid', parsed.error.message, parsed.error.code);
  return parsed.address;
}
