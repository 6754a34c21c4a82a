import { join } from 'node:path';
import type { EngineCandidate, EngineProduct, EngineSource, TlsSettings } from '../../contract/domain/engine';
import type { DockerConfigProblem } from '../docker-config/docker-config-file';
import { type DockerContextEndpoint, readCurrentContext } from '../docker-config/docker-contexts';
import type { FileAccess } from '../docker-config/file-access';
import { displayEndpoint, endpointId, parseEngineHost } from './engine-host-url';
import { type KnownSocket, knownSockets, productAtPath } from './known-sockets';

export interface DiscoveryDeps {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
  files: FileAccess;
}

export interface Discovery {
  /** In the order we would use them: DOCKER_HOST, current context, known sockets. */
  candidates: EngineCandidate[];
  /** Config files that could not be used; discovery went on without them. */
  problems: DockerConfigProblem[];
}

export async function discoverEngines(deps: DiscoveryDeps): Promise<Discovery> {
  const { env, homedir, platform, files } = deps;
  const sockets = knownSockets({ platform, homedir, env });
  const current = await readCurrentContext({ env, homedir, files });
  const sshAgent = sshAgentFor(env, platform);
  const defaultUser = nonEmpty(env.USER) ?? nonEmpty(env.USERNAME);

  const found: EngineCandidate[] = [];
  const add = (source: EngineSource, endpoint: EngineCandidate['endpoint'], productHint: EngineProduct | null): void => {
    found.push({ id: endpointId(endpoint), source, endpoint, display: displayEndpoint(endpoint), productHint });
  };

  const dockerHost = nonEmpty(env.DOCKER_HOST);
  if (dockerHost !== null) {
    const tls = await tlsFromEnv(env, current.configDir, files);
    add({ kind: 'docker-host' }, parseEngineHost(dockerHost, { tls, sshAgent, defaultUser }), null);
  }

  if (current.context !== null) {
    const endpoint = parseEngineHost(current.context.host, {
      tls: tlsFromContext(current.context),
      sshAgent,
      defaultUser,
    });
    add({ kind: 'context', name: current.context.name }, endpoint, productForContextName(current.context.name));
  }

  for (const socket of sockets) {
    if (socket.always || (await files.exists(socket.path))) {
      const endpoint =
        socket.transport === 'npipe' ? { transport: 'npipe' as const, pipePath: socket.path } : { transport: 'unix' as const, socketPath: socket.path };
      add({ kind: 'known-socket', product: socket.product }, endpoint, socket.product);
    }
  }

  return { candidates: await dedupeAndRefineHints(found, sockets, files), problems: current.problems };
}

/**
 * The same engine is often reachable several ways (DOCKER_HOST naming the default socket,
 * /var/run/docker.sock → /run/docker.sock, Docker Desktop's symlink into ~/.docker/run):
 * keep the first, which is the one the docker CLI would use.
 */
async function dedupeAndRefineHints(candidates: EngineCandidate[], sockets: readonly KnownSocket[], files: FileAccess): Promise<EngineCandidate[]> {
  const seen = new Set<string>();
  const kept: EngineCandidate[] = [];
  for (const candidate of candidates) {
    let key = candidate.id;
    let hint = candidate.productHint;
    if (candidate.endpoint.transport === 'unix') {
      const resolved = await files.realpath(candidate.endpoint.socketPath).catch(() => null);
      if (resolved !== null) {
        key = `unix://${resolved}`;
        // A symlink says more than the path it sits at (e.g. /var/run/docker.sock → ~/.rd/docker.sock).
        hint = productAtPath(resolved, sockets) ?? hint ?? productAtPath(candidate.endpoint.socketPath, sockets);
      } else {
        hint = hint ?? productAtPath(candidate.endpoint.socketPath, sockets);
      }
    }
    if (seen.has(key) || seen.has(candidate.id)) continue;
    seen.add(key);
    seen.add(candidate.id);
    kept.push({ ...candidate, productHint: hint });
  }
  return kept;
}

/**
 * As the docker CLI reads them, except that DOCKER_TLS_VERIFY=0/false means off (the CLI treats any
 * non-empty value as on, which surprises people). DOCKER_CERT_PATH alone also turns TLS on: a user who
 * points us at certificates wants them used.
 */
async function tlsFromEnv(env: Readonly<Record<string, string | undefined>>, configDir: string, files: FileAccess): Promise<TlsSettings | null> {
  const verify = isTruthy(env.DOCKER_TLS_VERIFY);
  const certPath = nonEmpty(env.DOCKER_CERT_PATH);
  if (!verify && !isTruthy(env.DOCKER_TLS) && certPath === null) return null;
  const dir = certPath ?? configDir;
  const pathIfPresent = async (name: string, required: boolean): Promise<string | null> => {
    const path = join(dir, name);
    // A required file that is missing is still named, so the probe can say which file is missing.
    return required || (await files.exists(path)) ? path : null;
  };
  const [caFile, certFile, keyFile] = await Promise.all([pathIfPresent('ca.pem', verify), pathIfPresent('cert.pem', false), pathIfPresent('key.pem', false)]);
  return { verify, caFile, certFile, keyFile };
}

/** As the docker CLI: TLS when the context has TLS material or SkipTLSVerify, verified unless skipped. */
function tlsFromContext(context: DockerContextEndpoint): TlsSettings | null {
  const { ca, cert, key } = context.tls;
  if (ca === null && cert === null && key === null && !context.skipTlsVerify) return null;
  return { verify: !context.skipTlsVerify, caFile: ca, certFile: cert, keyFile: key };
}

/** Names that Docker Desktop, Colima, Rancher Desktop and OrbStack give the contexts they create. */
function productForContextName(name: string): EngineProduct | null {
  if (name === 'desktop-linux' || name === 'desktop-windows') return 'Docker Desktop';
  if (name === 'colima' || name.startsWith('colima-')) return 'Colima';
  if (name === 'rancher-desktop') return 'Rancher Desktop';
  if (name === 'orbstack') return 'OrbStack';
  return null;
}

function sshAgentFor(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | null {
  const fromEnv = nonEmpty(env.SSH_AUTH_SOCK);
  if (fromEnv !== null) return fromEnv;
  // Windows' own OpenSSH agent listens here; ssh2 can talk to it.
  return platform === 'win32' ? '\\\\.\\pipe\\openssh-ssh-agent' : null;
}

function isTruthy(value: string | undefined): boolean {
  const v = nonEmpty(value);
  return v !== null && !['0', 'false', 'no'].includes(v.toLowerCase());
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
