import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import Dockerode from 'dockerode';
import type { EngineCandidate, TlsSettings } from '../../contract/domain/engine';
import { errorCode, errorMessage } from '../docker-config/file-access';
import { EngineFailure } from './engine-errors';
import { isSshTransportAvailable } from './ssh-support';

export interface DockerClientOptions {
  /** Reads certificate files; sync because there are three small files and dockerode wants buffers. */
  readFile?: (path: string) => Buffer;
  sshAvailable?: () => boolean;
  /** SSH handshake limit; HTTP requests are bounded by the caller's AbortSignal instead. */
  sshReadyTimeoutMs?: number;
}

/** What we hand to dockerode: its own options plus the https agent docker-modem accepts but the types omit. */
export type DockerClientConfig = Dockerode.DockerOptions & { agent?: HttpsAgent };

// docker-modem fills its defaults from these variables on every construction, overriding nothing we
// set explicitly but throwing when DOCKER_HOST is malformed or DOCKER_CERT_PATH lacks a file. A stale
// docker-machine DOCKER_HOST would then break even the plain unix-socket client.
const MODEM_ENV_KEYS = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'];

/**
 * The one place that turns a candidate into a dockerode client; build, push and verify use it.
 * Throws EngineFailure (bad-endpoint, tls-files-unreadable, ssh-unavailable, ssh-failed).
 */
export function createDockerClient(candidate: EngineCandidate, options: DockerClientOptions = {}): Dockerode {
  const config = dockerClientConfig(candidate, options);
  return withoutModemEnvDefaults(() => new Dockerode(config));
}

/** Pure apart from reading the certificate files; exported for tests. */
export function dockerClientConfig(candidate: EngineCandidate, options: DockerClientOptions = {}): DockerClientConfig {
  const { endpoint } = candidate;
  // Every key the modem could default from the environment is set, so nothing leaks in from it.
  const cleared: DockerClientConfig = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    username: undefined,
    timeout: undefined,
  };
  switch (endpoint.transport) {
    case 'unix':
      return { ...cleared, socketPath: endpoint.socketPath };
    case 'npipe':
      return { ...cleared, socketPath: endpoint.pipePath };
    case 'tcp': {
      const base = { ...cleared, host: endpoint.host, port: endpoint.port };
      if (endpoint.tls === null) return { ...base, protocol: 'http' };
      return { ...base, protocol: 'https', ...tlsMaterial(endpoint.tls, options.readFile ?? readFileSync) };
    }
    case 'ssh': {
      if (!(options.sshAvailable ?? isSshTransportAvailable)()) {
        throw new EngineFailure(
          'ssh-unavailable',
          `This copy of the app cannot reach ${candidate.display}: its SSH support is missing.`,
          'Use a tcp:// engine with TLS, or reinstall the app.',
        );
      }
      if (endpoint.user === null) {
        throw new EngineFailure(
          'ssh-failed',
          `${candidate.display} does not say which user to sign in as.`,
          'Write the user into the address: ssh://user@host.',
        );
      }
      return {
        ...cleared,
        protocol: 'ssh',
        // ssh2 wants a bare IPv6 address; the URL form has brackets.
        host: endpoint.host.replace(/^\[(.*)\]$/, '$1'),
        port: endpoint.port,
        username: endpoint.user,
        sshOptions: {
          ...(endpoint.agent === null ? {} : { agent: endpoint.agent }),
          readyTimeout: options.sshReadyTimeoutMs ?? 20_000,
        },
      };
    }
    case 'invalid':
      throw new EngineFailure(
        'bad-endpoint',
        `"${endpoint.raw}" is not a Docker engine address: ${endpoint.reason}.`,
        candidate.source.kind === 'docker-host'
          ? 'Fix or unset DOCKER_HOST, e.g. unix:///var/run/docker.sock or tcp://host:2376.'
          : 'Fix the Docker context with `docker context update`, or pick another engine.',
      );
  }
}

function tlsMaterial(tls: TlsSettings, readFile: (path: string) => Buffer): Pick<DockerClientConfig, 'ca' | 'cert' | 'key' | 'agent'> {
  const read = (path: string | null): Buffer | undefined => {
    if (path === null) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      const missing = errorCode(error) === 'ENOENT';
      throw new EngineFailure(
        'tls-files-unreadable',
        missing ? `The TLS file ${path} is missing.` : `The TLS file ${path} could not be read.`,
        'Point DOCKER_CERT_PATH (or the Docker context) at the folder with ca.pem, cert.pem and key.pem.',
        errorMessage(error),
      );
    }
  };
  const material = { ca: read(tls.caFile), cert: read(tls.certFile), key: read(tls.keyFile) };
  if ((material.cert === undefined) !== (material.key === undefined)) {
    throw new EngineFailure(
      'tls-files-unreadable',
      'A client certificate needs both cert.pem and key.pem, and only one of them is there.',
      'Copy both files into the certificate folder.',
    );
  }
  if (tls.verify) return material;
  // docker-modem has no rejectUnauthorized option; an agent's TLS options override the request's.
  return { ...material, agent: new HttpsAgent({ ...material, rejectUnauthorized: false }) };
}

function withoutModemEnvDefaults<T>(build: () => T): T {
  const saved = MODEM_ENV_KEYS.map((key) => [key, process.env[key]] as const);
  for (const [key] of saved) delete process.env[key];
  try {
    return build();
  } finally {
    // Synchronous, so no other code can observe the environment in between.
    for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
  }
}
