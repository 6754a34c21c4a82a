import type { LoginRecord, RegistryAddress } from '../../contract/domain/registry';
import { LoginInput } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';
import { type DockerCredentialDeps, dockerCredentialFor } from '../credentials/docker-credentials';
import { SECRET_SERVICE, type SecretStore, secretAccount } from '../credentials/secret-store';
import { registryOrThrow } from '../registry/registry-address';
import { type RegistryCredentials, type RegistryEngine, checkRegistryLogin } from '../registry/registry-auth';

/** Where the app's own secrets go: the OS keychain, or memory for "this session only". */
export interface LoginStores {
  keychain: SecretStore;
  session: SecretStore;
}

export interface LoginDeps extends LoginStores {
  docker: RegistryEngine;
  now?: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Logs in: checks the credentials with the engine first (nothing is saved when they are wrong),
 * then saves the secret in the keychain, or in memory when `sessionOnly`. Returns the plain record
 * for the caller to keep (electron-store); the secret is not in it. Rejects with AppError:
 * registry-address-invalid, wrong-credentials, registry-unknown-host, registry-tls, registry-down,
 * registry-timeout, registry-error, engine-unavailable, keychain-unavailable.
 */
export async function login(input: LoginInput, deps: LoginDeps): Promise<LoginRecord> {
  const parsed = LoginInput.safeParse(input);
  if (!parsed.success) throw new AppError('invalid-input', 'Enter a registry, a username and a password.', parsed.error.message);
  const { registry: written, username: rawUsername, password, sessionOnly } = parsed.data;
  const registry = registryOrThrow(written);
  const username = rawUsername.trim();
  const { identityToken } = await checkRegistryLogin({
    docker: deps.docker,
    registry,
    credentials: { username, secret: password, kind: 'password' },
    timeoutMs: deps.timeoutMs,
    signal: deps.signal,
  });
  // Like `docker login`: when the registry hands back an identity token, keep that, not the password.
  const secret = identityToken ?? password;
  const account = secretAccount(username, registry.serverAddress);
  const [store, other] = sessionOnly ? [deps.session, deps.keychain] : [deps.keychain, deps.session];
  await store.set(SECRET_SERVICE, account, secret);
  // One place per login, so the record's `storage` is the whole truth; the other copy is stale anyway.
  // Not awaited when that is the keychain: a session-only login is often chosen because the keychain
  // hangs, and the user should not wait for its timeout.
  const cleanup = other.delete(SECRET_SERVICE, account).catch(() => false);
  if (!sessionOnly) await cleanup;
  return {
    registry,
    username,
    loggedInAt: (deps.now ?? Date.now)(),
    storage: sessionOnly ? 'session' : 'keychain',
    secretKind: identityToken === null ? 'password' : 'identity-token',
    dockerSource: null,
  };
}

export interface DockerLoginDeps {
  docker: RegistryEngine;
  dockerCredentials: DockerCredentialDeps;
  now?: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Accepts an offer of Docker's own login: checks it with the engine, stores nothing, and returns a
 * record that makes later pushes read Docker's credentials again (so `docker logout` wins).
 */
export async function useDockerLogin(registry: RegistryAddress, deps: DockerLoginDeps): Promise<LoginRecord> {
  const credential = await dockerCredentialFor(registry, deps.dockerCredentials);
  if (credential === null) {
    throw new AppError('login-required', `Docker has no login for ${registry.displayName} any more. Log in here instead.`);
  }
  await checkRegistryLogin({ docker: deps.docker, registry, credentials: credential, timeoutMs: deps.timeoutMs, signal: deps.signal });
  return {
    registry,
    username: credential.username,
    loggedInAt: (deps.now ?? Date.now)(),
    storage: 'docker',
    secretKind: credential.kind,
    dockerSource: credential.source,
  };
}

export interface SavedLoginDeps extends LoginStores {
  /** Needed for records with storage 'docker'. */
  dockerCredentials?: DockerCredentialDeps;
}

/**
 * The secret behind a record, for one push. AppError 'login-required' when it is gone (keychain
 * entry deleted, session over, `docker logout`), so the UI asks to log in again.
 */
export async function savedCredentials(record: LoginRecord, deps: SavedLoginDeps): Promise<RegistryCredentials> {
  if (record.storage === 'docker') {
    const credential = deps.dockerCredentials === undefined ? null : await dockerCredentialFor(record.registry, deps.dockerCredentials);
    if (credential === null) {
      throw new AppError('login-required', `Docker's login for ${record.registry.displayName} is gone (logged out?). Log in again.`);
    }
    return { username: credential.username, secret: credential.secret, kind: credential.kind };
  }
  const store = record.storage === 'keychain' ? deps.keychain : deps.session;
  const secret = await store.get(SECRET_SERVICE, secretAccount(record.username, record.registry.serverAddress));
  if (secret === null) {
    throw new AppError(
      'login-required',
      record.storage === 'keychain'
        ? `Log in to ${record.registry.displayName} again: the saved password for ${record.username} is no longer in the keychain.`
        : `Log in to ${record.registry.displayName} again: the login for ${record.username} was kept for an earlier session only.`,
    );
  }
  return { username: record.username, secret, kind: record.secretKind };
}

/**
 * Log out / forget: removes what the app stored for this login and nothing else. A login reused from
 * Docker is left as it is (`docker logout` is the user's to run). Resolves true when a secret was removed.
 */
export async function logout(record: LoginRecord, stores: LoginStores): Promise<boolean> {
  if (record.storage === 'docker') return false;
  const store = record.storage === 'keychain' ? stores.keychain : stores.session;
  return store.delete(SECRET_SERVICE, secretAccount(record.username, record.registry.serverAddress));
}
