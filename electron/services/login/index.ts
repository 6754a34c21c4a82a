/**
 * Logging in to a registry: checks a login with the engine, keeps its secret in the keychain (or
 * for this session), and reads it back for a push. It sits above both credentials (where secrets
 * are kept) and registry (how a registry is addressed and asked), so neither depends on the other.
 */
export { type DockerLoginDeps, type LoginDeps, type LoginStores, type SavedLoginDeps, login, logout, savedCredentials, useDockerLogin } from './login';
export { LOGINS_KEY, type LoginRecordFile, LoginRecords } from './login-records';
