/**
 * Where the app keeps login secrets. Implementations: the OS keychain (keychain-store) and memory
 * for "this session only" (session-store). Every method may reject with AppError
 * 'keychain-unavailable'; `get` resolves null when there is no such entry.
 */
export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  delete(service: string, account: string): Promise<boolean>;
}

/** The keychain "service" every entry of this app is filed under. */
export const SECRET_SERVICE = 'runtime-image-builder';

/** One entry per user and registry: 'alice@https://index.docker.io/v1/', 'testuser@127.0.0.1:5000'. */
export function secretAccount(username: string, serverAddress: string): string {
  return `${username}@${serverAddress}`;
}
