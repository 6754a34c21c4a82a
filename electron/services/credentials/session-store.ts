import type { SecretStore } from './secret-store';

/**
 * "Keep the login for this session only": secrets in this process's memory, gone when the app
 * quits. Offered when no keychain is available.
 */
export function createSessionStore(): SecretStore {
  const secrets = new Map<string, string>();
  // NUL cannot occur in a service name or account, so the joined key is unambiguous.
  const key = (service: string, account: string): string => `${service}\u0000${account}`;
  return {
    get: async (service, account) => secrets.get(key(service, account)) ?? null,
    set: async (service, account, secret) => {
      secrets.set(key(service, account), secret);
    },
    delete: async (service, account) => secrets.delete(key(service, account)),
  };
}
