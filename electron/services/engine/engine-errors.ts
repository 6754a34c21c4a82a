import type { EngineCandidate, EngineError, EngineErrorCode } from '../../contract/domain/engine';
import { errorCode, errorMessage, httpStatusOf } from '../docker-config/file-access';

/** A failure we recognised ourselves (bad endpoint, unreadable certificate, API too old, …). */
export class EngineFailure extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly hint: string | null = null,
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }

  toEngineError(): EngineError {
    return { code: this.code, message: this.message, hint: this.hint, detail: this.detail };
  }
}

export interface FailureContext {
  candidate: EngineCandidate;
  platform: NodeJS.Platform;
  /** True when our own timer aborted the request: the abort error itself says nothing useful. */
  timedOut: boolean;
  timeoutMs: number;
}

const RETRY_HINT = 'Start Docker Desktop, Colima or Rancher Desktop, then press Retry.';

// Node/OpenSSL codes for "the server's certificate is not one we trust".
const CERT_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Turns whatever the connection threw into a code and a sentence the user can act on. */
export function classifyEngineError(error: unknown, context: FailureContext): EngineError {
  if (error instanceof EngineFailure) return error.toEngineError();

  const { candidate, platform } = context;
  const where = candidate.display;
  const detail = errorMessage(error);
  const code = errorCode(error) ?? '';
  const remote = candidate.endpoint.transport === 'tcp' || candidate.endpoint.transport === 'ssh';
  const make = (c: EngineErrorCode, message: string, hint: string | null): EngineError => ({
    code: c,
    message,
    hint,
    detail,
  });

  if (context.timedOut) {
    return make(
      'not-answering',
      `The engine at ${where} did not answer within ${formatSeconds(context.timeoutMs)}.`,
      remote
        ? 'Check that the machine is on and reachable from here, then press Retry.'
        : 'Docker may still be starting. Wait a moment, or restart it, then press Retry.',
    );
  }

  if (candidate.endpoint.transport === 'ssh') {
    const ssh = classifySshError(error, where, detail);
    if (ssh !== null) return ssh;
  }

  const statusCode = httpStatusOf(error);
  if (statusCode !== null) {
    if (statusCode === 400 && /HTTP request to an HTTPS server/i.test(detail)) {
      return make(
        'tls-failed',
        `The engine at ${where} only accepts TLS connections.`,
        'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem, or use a Docker context that has them.',
      );
    }
    return make(
      'unexpected-response',
      `Something answered at ${where}, but not as a Docker engine does (HTTP ${statusCode}).`,
      'Check that this address is the Docker engine API.',
    );
  }

  if (CERT_VERIFY_CODES.has(code)) {
    return make(
      'tls-failed',
      `The engine at ${where} presented a certificate that could not be verified.`,
      "Check that ca.pem is the CA that signed the engine's certificate and that the certificate names this host.",
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || /\b(ssl|tls)\b/i.test(detail)) {
    if (/wrong version number|packet length too long|http request/i.test(detail)) {
      return make(
        'tls-failed',
        `The engine at ${where} does not speak TLS.`,
        'Unset DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for this engine, or use its TLS port.',
      );
    }
    return make(
      'tls-failed',
      `The engine at ${where} refused the TLS connection (our client certificate was not accepted).`,
      'Check that cert.pem and key.pem were signed by the CA the engine trusts.',
    );
  }
  if (code.startsWith('ERR_OSSL_') || code === 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE') {
    return make('tls-failed', 'The TLS certificate files could not be used.', 'Check that cert.pem and key.pem belong together and are PEM files.');
  }

  switch (code) {
    case 'ENOENT':
      if (candidate.endpoint.transport === 'npipe') {
        return make('no-socket', `Docker's pipe ${candidate.endpoint.pipePath} is not there.`, RETRY_HINT);
      }
      return make(
        'no-socket',
        candidate.source.kind === 'docker-host' ? `DOCKER_HOST points to ${where}, but there is no socket there.` : `There is no Docker socket at ${where}.`,
        RETRY_HINT,
      );
    case 'EACCES':
    case 'EPERM':
      return make('permission-denied', `Docker is running, but this account may not use its socket at ${where}.`, permissionHint(platform));
    case 'ECONNREFUSED':
      return make(
        'not-answering',
        remote ? `Nothing is listening at ${where}.` : `There is a Docker socket at ${where}, but no engine behind it: Docker is not running.`,
        remote ? 'Check the address and port, and that the engine listens on the network.' : RETRY_HINT,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('host-not-found', `The host name in ${where} could not be found.`, 'Check the spelling, or your network or VPN.');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return make('not-answering', `The engine at ${where} cannot be reached from here.`, 'Check your network or VPN, then press Retry.');
    case 'ECONNRESET':
    case 'EPIPE':
      return make(
        'not-answering',
        `The engine at ${where} closed the connection without answering.`,
        remote ? 'If this engine needs TLS, check the certificates; otherwise restart it and press Retry.' : 'Restart Docker, then press Retry.',
      );
    default:
      return make('unknown', `Could not talk to the engine at ${where}.`, null);
  }
}

function classifySshError(error: unknown, where: string, detail: string): EngineError | null {
  const level = typeof error === 'object' && error !== null && 'level' in error ? String(error.level) : '';
  if (level === 'client-authentication') {
    return {
      code: 'ssh-failed',
      message: `The SSH login for ${where} was refused.`,
      hint: 'The app signs in with keys from your ssh-agent: add your key with ssh-add, then press Retry.',
      detail,
    };
  }
  if (level === 'client-timeout') {
    return {
      code: 'not-answering',
      message: `The SSH server at ${where} did not answer.`,
      hint: 'Check that the machine is on and reachable from here, then press Retry.',
      detail,
    };
  }
  // The SSH login worked but `docker system dial-stdio` did not: docker is missing or not running there.
  if (/socket hang up|ECONNRESET|channel/i.test(detail) && level === '') {
    return {
      code: 'ssh-failed',
      message: `Signed in over SSH to ${where}, but Docker did not answer there.`,
      hint: 'Check that Docker is installed and running on that machine and that your user may use it.',
      detail,
    };
  }
  return null;
}

function permissionHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and back in.';
    case 'win32':
      return 'Add your user to the docker-users group, then sign out and back in.';
    default:
      return 'Restart Docker Desktop; if that does not help, check who owns the socket.';
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
