import type { LoginRecord, RegistryAddress } from '../contract/domain/registry';
import { AppError, ErrorCodes, hasErrorCode } from '../contract/errors';
import {
  createCredentialHelperRunner,
  createKeychainStore,
  createSessionStore,
  type DockerCredentialDeps,
  dockerCredentialFor,
  SECRET_SERVICE,
  type SecretStore,
  secretAccount,
} from '../services/credentials';
import { nodeFileAccess, readDockerConfig } from '../services/docker-config';
import { login, type SavedLoginDeps, useDockerLogin } from '../services/login';
import { checkRegistryLogin, type RegistryEngine } from '../services/registry';

// Which login `push` uses. The app keeps its login records in electron-store, which the CLI does
// not open; the keychain entry itself is found from the username and registry (the same account
// name the app files it under). In order:
//   --username U --password-stdin   the password from stdin, checked with the engine (as login does)
//   --username U                    the app's saved login for U in the keychain, else Docker's login for U
//   (nothing)                       Docker's own login (config.json, credential helpers)
// The CLI never saves, replaces or deletes a login: not the app's, not Docker's.

export interface CliLoginRequest {
  registry: RegistryAddress;
  username: string | undefined;
  /** The password read from stdin (--password-stdin), when given. */
  password: string | undefined;
  /** The engine, opened only when a login must be checked. */
  docker: () => Promise<RegistryEngine>;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  signal?: AbortSignal;
  /** Tests may pass their own; the default is the OS keychain. */
  keychain?: SecretStore;
}

/** What pushWithLogin takes, and a few words on where the secret came from. */
export interface CliLogin {
  record: LoginRecord;
  stores: SavedLoginDeps;
  source: string;
}

// Shorter than the app's 20 s: nobody is there to answer an unlock prompt in CI.
const KEYCHAIN_TIMEOUT_MS = 10_000;

export async function cliLogin(request: CliLoginRequest): Promise<CliLogin> {
  const { registry, username } = request;
  const session = createSessionStore();
  if (request.password !== undefined) {
    if (username === undefined) throw new AppError('invalid-input', '--password-stdin needs --username.');
    // A throwaway stand-in for the keychain: login() clears the other store of a session-only
    // login, and the app's own keychain entry must survive a CLI run.
    const stores = { keychain: createSessionStore(), session };
    const record = await login(
      { registry: registry.serverAddress, username, password: request.password, sessionOnly: true },
      { docker: await request.docker(), ...stores, signal: request.signal },
    );
    return { record, stores, source: `the password from stdin for ${username}` };
  }

  const dockerCreds = await dockerCredentials(request);
  if (username !== undefined) {
    const keychain = request.keychain ?? createKeychainStore({ timeoutMs: KEYCHAIN_TIMEOUT_MS });
    let secret: string | null = null;
    let keychainError: AppError | null = null;
    try {
      secret = await keychain.get(SECRET_SERVICE, secretAccount(username, registry.serverAddress));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      keychainError = error;
    }
    if (secret !== null) {
      const secretKind = await keychainSecretKind(request, username, secret);
      return {
        record: { registry, username, loggedInAt: Date.now(), storage: 'keychain', secretKind, dockerSource: null },
        stores: { keychain, session },
        source: `the app's saved login for ${username} (keychain)`,
      };
    }
    // Docker's login counts only when it is for the same user; look before asking the engine.
    const dockerUser = (await dockerCredentialFor(registry, dockerCreds))?.username ?? null;
    if (dockerUser === username) {
      const record = await useDockerLogin(registry, { docker: await request.docker(), dockerCredentials: dockerCreds, signal: request.signal });
      return { record, stores: { keychain, session, dockerCredentials: dockerCreds }, source: `Docker's login for ${username}` };
    }
    // The keychain's own message offers a session-only login, which means nothing here: keep its cause.
    const why =
      keychainError === null
        ? `The keychain has no saved login for ${username} on ${registry.displayName}`
        : `The app's saved login could not be read: ${keychainError.message.split('. ')[0]}`;
    const dockerNote = dockerUser === null ? '' : ` (Docker's login there is for ${dockerUser})`;
    throw new AppError(
      'login-required',
      `${why}${dockerNote}. Log in with the app, run \`docker login ${registry.host}\`, or pass the password with --password-stdin.`,
      keychainError?.detail,
    );
  }

  // Look first, so the engine is not opened (nor a missing login reported as an engine error) for nothing.
  if ((await dockerCredentialFor(registry, dockerCreds)) === null) {
    throw new AppError(
      'login-required',
      `Docker has no login for ${registry.displayName}. Run \`docker login ${registry.host}\`, pass --username to use the app's saved login, or --username with --password-stdin.`,
    );
  }
  // Checked with the engine, as when the app takes up Docker's login.
  const record = await useDockerLogin(registry, { docker: await request.docker(), dockerCredentials: dockerCreds, signal: request.signal });
  return {
    record,
    stores: { keychain: createSessionStore(), session, dockerCredentials: dockerCreds },
    source: `Docker's login for ${record.username}`,
  };
}

async function dockerCredentials(request: CliLoginRequest): Promise<DockerCredentialDeps> {
  const { config } = await readDockerConfig({ env: request.env, homedir: request.homedir, files: nodeFileAccess });
  return { config, runHelper: createCredentialHelperRunner({ env: { ...request.env } }) };
}

/**
 * The keychain holds the password, or the identity token the registry handed back at login; the
 * app's record says which, and the CLI cannot read it. Ask the engine: as a password first (the
 * usual case), then as a token. A secret accepted neither way is reported as the password check's error.
 */
async function keychainSecretKind(request: CliLoginRequest, username: string, secret: string): Promise<LoginRecord['secretKind']> {
  const docker = await request.docker();
  const check = (kind: LoginRecord['secretKind']) =>
    checkRegistryLogin({ docker, registry: request.registry, credentials: { username, secret, kind }, action: 'push', signal: request.signal });
  try {
    await check('password');
    return 'password';
  } catch (error) {
    if (!hasErrorCode(error, ErrorCodes.wrongCredentials)) throw error;
    try {
      await check('identity-token');
      return 'identity-token';
    } catch {
      throw error;
    }
  }
}
