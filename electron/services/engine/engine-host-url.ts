import type { EngineEndpoint, TlsSettings } from '../../contract/domain/engine';

export interface HostParseOptions {
  /** TLS settings for a tcp:// host, decided by the caller from env or the context's TLS store. */
  tls: TlsSettings | null;
  sshAgent: string | null;
  /** Used for ssh:// without a user, as the ssh client would. */
  defaultUser: string | null;
}

/**
 * Parses a Docker host string as DOCKER_HOST and contexts write it: unix://, npipe://, tcp://,
 * ssh://, and also http(s):// and a bare host:port (which docker-modem accepts as tcp).
 * Never throws: an unusable value becomes an `invalid` endpoint carrying the reason.
 */
export function parseEngineHost(raw: string, options: HostParseOptions): EngineEndpoint {
  const value = raw.trim();
  const invalid = (reason: string): EngineEndpoint => ({ transport: 'invalid', raw: redactUserInfo(value), reason });
  if (value === '') return invalid('it is empty');

  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    return socketPath === '' ? invalid('unix:// needs a socket path') : { transport: 'unix', socketPath };
  }
  if (value.startsWith('npipe://')) {
    // Docker writes npipe:////./pipe/docker_engine; Node wants //./pipe/docker_engine.
    const pipePath = value.slice('npipe://'.length).replace(/\\/g, '/');
    return pipePath === '' ? invalid('npipe:// needs a pipe path') : { transport: 'npipe', pipePath };
  }

  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid('it is not a URL like tcp://host:2376');
  }
  const scheme = url.protocol.slice(0, -1);
  if (url.hostname === '') return invalid('it has no host name');
  const port = url.port === '' ? null : Number(url.port);

  switch (scheme) {
    case 'tcp':
    case 'http':
    case 'https': {
      const tls = options.tls ?? (scheme === 'https' ? { verify: true, caFile: null, certFile: null, keyFile: null } : null);
      if (url.pathname !== '' && url.pathname !== '/') return invalid('a path after the host is not supported');
      return { transport: 'tcp', host: url.hostname, port: port ?? (tls !== null ? 2376 : 2375), tls };
    }
    case 'ssh': {
      const user = url.username !== '' ? decodeURIComponent(url.username) : options.defaultUser;
      return { transport: 'ssh', host: url.hostname, port: port ?? 22, user, agent: options.sshAgent };
    }
    default:
      return invalid(`"${scheme}://" is not a Docker host scheme (use unix, npipe, tcp or ssh)`);
  }
}

/** The endpoint as the user would type it; passwords are never shown. */
export function displayEndpoint(endpoint: EngineEndpoint): string {
  switch (endpoint.transport) {
    case 'unix':
      return `unix://${endpoint.socketPath}`;
    case 'npipe':
      return `npipe://${endpoint.pipePath}`;
    case 'tcp':
      return `tcp://${endpoint.host}:${endpoint.port}${endpoint.tls === null ? '' : ' (TLS)'}`;
    case 'ssh':
      return `ssh://${endpoint.user === null ? '' : `${endpoint.user}@`}${endpoint.host}:${endpoint.port}`;
    case 'invalid':
      return endpoint.raw;
  }
}

/** Identity of an endpoint, independent of how it was found: the key for dedupe and for the user's pick. */
export function endpointId(endpoint: EngineEndpoint): string {
  switch (endpoint.transport) {
    case 'tcp':
      return `tcp://${endpoint.host}:${endpoint.port}`;
    case 'invalid':
      return `invalid:${endpoint.raw}`;
    default:
      return displayEndpoint(endpoint);
  }
}

function redactUserInfo(value: string): string {
  return value.replace(/^([a-z]+:\/\/)([^@/]*)@/i, (_all, scheme: string, userInfo: string) => {
    const user = userInfo.split(':')[0] ?? '';
    return `${scheme}${user}@`;
  });
}
