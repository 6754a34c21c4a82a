export {
  type CredentialHelperAction,
  type CredentialHelperOptions,
  DEFAULT_HELPER_TIMEOUT_MS,
  type RunCredentialHelper,
  createCredentialHelperRunner,
  runCredentialHelper,
} from './credential-helper';
export { type DockerCredential, type DockerCredentialDeps, IDENTITY_TOKEN_USERNAME, dockerCredentialFor, offerDockerLogins } from './docker-credentials';
export { DEFAULT_KEYCHAIN_TIMEOUT_MS, type KeychainStoreOptions, type KeyringCall, createKeychainStore } from './keychain-store';
export { type KeyringRequest, runKeyringCall } from './keyring-worker';
export { SECRET_SERVICE, type SecretStore, secretAccount } from './secret-store';
export { createSessionStore } from './session-store';
export { helperSearchPath } from './helper-search-path';
