import type Dockerode from 'dockerode';
import type { RegistryAddress } from '../../contract/domain/registry';
import { classifyRegistryFailure } from './registry-errors';

/** A secret with what it is; lives in main only, for the length of one call. */
export interface RegistryCredentials {
  username: string;
  secret: string;
  /** An identity token goes to the engine as `identitytoken`, a password or access token as `password`. */
  kind: 'password' | 'identity-token';
}

/** The only parts of dockerode the registry services use; tests may pass a fake. */
export type RegistryEngine = Pick<Dockerode, 'checkAuth'>;

export const DEFAULT_LOGIN_TIMEOUT_MS = 15_000;

/** The engine's X-Registry-Auth / POST /auth body for these credentials. */
export function engineAuthConfig(registry: RegistryAddress, credentials: RegistryCredentials): Dockerode.AuthConfigObject {
  return credentials.kind === 'identity-token'
    ? { identitytoken: credentials.secret, serveraddress: registry.serverAddress }
    : { username: credentials.username, password: credentials.secret, serveraddress: registry.serverAddress };
}

export interface CheckLoginOptions {
  docker: RegistryEngine;
  registry: RegistryAddress;
  credentials: RegistryCredentials;
  action?: 'login' | 'push';
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Asks the engine to log in to the registry (POST /auth), which is what `docker login` does. Resolves
 * with the identity token the registry may hand back; rejects with a classified AppError.
 */
export async function checkRegistryLogin(options: CheckLoginOptions): Promise<{ identityToken: string | null }> {
  const { docker, registry, credentials } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  try {
    if (options.signal?.aborted === true) throw options.signal.reason;
    const answer: unknown = await docker.checkAuth({
      ...engineAuthConfig(registry, credentials),
      abortSignal: controller.signal,
    });
    return { identityToken: identityTokenOf(answer) };
  } catch (error) {
    if (options.signal?.aborted === true && !timedOut) throw options.signal.reason;
    throw classifyRegistryFailure(error, {
      registry,
      action: options.action ?? 'login',
      timedOut,
      timeoutMs,
      username: credentials.kind === 'password' ? credentials.username : undefined,
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }
}

function identityTokenOf(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null || !('IdentityToken' in answer)) return null;
  const token = answer.IdentityToken;
  return typeof token === 'string' && token !== '' ? token : null;
}
