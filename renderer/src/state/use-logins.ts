import type { DockerLoginOffer, LoginRecord } from '../../../electron/contract/domain/registry';
import type { AppError } from '../../../electron/contract/errors';
import { call } from '../lib/api';
import { useRequest } from '../lib/use-request';

export interface Logins {
  logins: LoginRecord[];
  offers: DockerLoginOffer[];
  /** The list has come (it may be empty). */
  loaded: boolean;
  /** The list could not be read (the keychain, the Docker config). */
  error: AppError | null;
  refresh: () => void;
}

/** The registries the user is logged in to, and the Docker logins the app could take over. */
export function useLogins(): Logins {
  const request = useRequest(() => call('registry:logins', {}), []);
  return {
    logins: request.data?.logins ?? [],
    offers: request.data?.offers ?? [],
    loaded: request.data !== null,
    error: request.error,
    refresh: request.reload,
  };
}
