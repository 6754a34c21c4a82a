import type { RegistryAddress, RegistryErrorCode } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';
import { errorCode, errorMessage, httpStatusOf } from '../docker-config/file-access';

// The engine talks to the registry for us and reports failures as English text inside an HTTP 500
// (login) or an error event (push), e.g.
//   login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized
//   Get "https://no-such-host.invalid/v2/": dial tcp: lookup no-such-host.invalid on …: no such host
//   Get "https://192.0.2.2:5999/v2/": dial tcp 192.0.2.2:5999: connect: connection refused
//   Get "https://192.0.2.2:33371/v2/": x509: cannot validate certificate for 192.0.2.2 …
//   Get "https://192.0.2.2:34077/v2/": http: server gave HTTP response to HTTPS client
//   Get "https://192.0.2.2:42137/v2/": net/http: TLS handshake timeout
// (seen here from engine 20.10). These are Go's messages, stable across engine versions; we match
// the tell-tale parts. The order matters: "TLS handshake timeout" is a timeout, not a TLS problem.

export type RegistryAction = 'login' | 'push';

interface Rule {
  code: RegistryErrorCode;
  test: RegExp;
}

const RULES: Rule[] = [
  { code: 'wrong-credentials', test: /\b401\b|unauthorized|incorrect username or password|authentication required/i },
  { code: 'registry-unknown-host', test: /no such host|server misbehaving|name resolution|name or service not known|nodename nor servname/i },
  { code: 'registry-timeout', test: /timeout|timed out|deadline exceeded/i },
  {
    code: 'registry-tls',
    test: /x509:|tls:|certificate|server gave HTTP response to HTTPS client|does not look like a TLS handshake|ssl/i,
  },
  {
    code: 'registry-down',
    test: /connection refused|connection reset|no route to host|network is unreachable|broken pipe|\bEOF\b|host is down|connection closed/i,
  },
];

// The engine socket itself failing (not the registry behind it).
const ENGINE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'EPERM', 'ECONNRESET', 'EPIPE']);

export interface RegistryFailureContext {
  registry: RegistryAddress;
  action: RegistryAction;
  /** Our own timer aborted the request. */
  timedOut?: boolean;
  timeoutMs?: number;
  username?: string;
}

/**
 * A thrown dockerode error (checkAuth, push) → an AppError with a code the UI branches on and a
 * message for the user. The engine's own words go to `detail` for the log view.
 */
export function classifyRegistryFailure(error: unknown, context: RegistryFailureContext): AppError {
  if (error instanceof AppError) return error;
  const detail = errorMessage(error);
  if (context.timedOut === true) {
    return registryError('registry-timeout', context, detail);
  }
  if (httpStatusOf(error) === null && ENGINE_SOCKET_CODES.has(errorCode(error) ?? '')) {
    return new AppError('engine-unavailable', 'The Docker engine stopped answering. Check that Docker is running, then try again.', detail);
  }
  return classifyRegistryMessage(detail, context);
}

/** The engine's words (an error event's message, or an HTTP 500's text) → an AppError. */
export function classifyRegistryMessage(message: string, context: RegistryFailureContext): AppError {
  const rule = RULES.find((r) => r.test.test(message));
  return registryError(rule?.code ?? 'registry-error', context, message);
}

/** The same codes as `classifyRegistryMessage`, or null when the text matches none of them. */
export function registryCodeOf(message: string): RegistryErrorCode | null {
  return RULES.find((r) => r.test.test(message))?.code ?? null;
}

export function registryError(code: RegistryErrorCode, context: RegistryFailureContext, detail?: string): AppError {
  return new AppError(code, messageFor(code, context, detail ?? ''), detail);
}

/** The user's message for each code, with the registry, the action and the engine's words at hand. */
const MESSAGES: Record<RegistryErrorCode, (context: RegistryFailureContext, detail: string) => string> = {
  'wrong-credentials': ({ registry, username }) =>
    `${registry.displayName} did not accept ${username === undefined ? 'this login' : `the password for ${username}`}. ${credentialHint(registry)}`,
  'registry-unknown-host': ({ registry }) => `The registry address ${registry.host} could not be found. Check the spelling, or your network or VPN.`,
  'registry-tls': ({ registry }, detail) =>
    /server gave HTTP response to HTTPS client|does not look like a TLS handshake/i.test(detail)
      ? plainHttpMessage(registry.host, detail)
      : `${registry.host} presented a certificate that could not be verified. If it is a company registry, its CA certificate must be installed where Docker looks for it (/etc/docker/certs.d/${registry.host}/ca.crt, or Docker Desktop's settings).`,
  'registry-down': ({ registry, action }) =>
    `Nothing answers at ${registry.host}${during(action)}: the registry is down, or the address or port is wrong.${action === 'push' ? ' Push again when it is back; layers already sent are skipped.' : ''}`,
  'registry-timeout': ({ registry, action, timeoutMs }) =>
    `${registry.host} did not answer${timeoutMs === undefined ? ' in time' : ` within ${Math.round(timeoutMs / 1000)} s`}${during(action)}. Check your network or VPN, then try again.`,
  'login-required': ({ registry, username }) =>
    `Log in to ${registry.displayName} again${username === undefined ? '' : ` as ${username}`}: the saved login is no longer there.`,
  'registry-address-invalid': () => 'That is not a registry address.',
  'keychain-unavailable': () => 'The keychain is not available.',
  'docker-credentials-unavailable': () => "Docker's saved login could not be read.",
  'registry-error': ({ registry, action }) => `${registry.displayName} answered with an error${during(action)}.`,
};

const during = (action: RegistryAction) => (action === 'push' ? ' during the push' : '');

function messageFor(code: RegistryErrorCode, context: RegistryFailureContext, detail: string): string {
  return MESSAGES[code](context, detail);
}

function credentialHint(registry: RegistryAddress): string {
  switch (registry.kind) {
    case 'docker-hub':
      return 'Check the username and password; with two-factor authentication, use a personal access token as the password.';
    case 'ghcr':
      return 'Use your GitHub username and a personal access token with the write:packages scope as the password.';
    case 'quay':
      return 'Check the username and password, or use a robot account token.';
    case 'other':
      return 'Check the username and password or access token.';
  }
}

// Podman's errors come from containers/image, whose words differ from Docker's ("pinging container
// registry", "trying to reuse blob"); Docker's name the https URL only.
const PODMAN_WORDS = /pinging container registry|trying to reuse blob|initializing source docker:|writing blob: /i;

/** The http-only registry message, with the rule of the engine that refused it and its fix. */
function plainHttpMessage(host: string, detail: string): string {
  const hostname = host.replace(/:\d+$/, '');
  const port = /:(\d+)$/.exec(host)?.[1];
  const start = `${host} answers with plain http, not https.`;
  if (PODMAN_WORDS.test(detail)) {
    const local = hostname === '127.0.0.1' || hostname === '[::1]';
    return `${start} Podman uses https for every registry unless its registries.conf marks it insecure${
      local && port !== undefined
        ? `; for a registry on this computer, Podman accepts http when it is named localhost:${port}: use localhost:${port} instead`
        : ''
    }. To allow http for ${host}, add [[registry]] location = "${host}" insecure = true to registries.conf (/etc/containers/registries.conf, or ~/.config/containers/registries.conf for Podman run by your own user; inside the Podman machine on macOS and Windows), then restart Podman.`;
  }
  return `${start} Docker uses http only for a registry on this computer (localhost, 127.0.0.1) or one listed in "insecure-registries" of its daemon.json (Docker Desktop: Settings, Docker Engine). Add "${host}" there and restart Docker, or give the registry https.`;
}
