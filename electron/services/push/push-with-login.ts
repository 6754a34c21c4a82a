import type { PushResult } from '../../contract/domain/push';
import type { LoginRecord } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';
import { parsePushTarget } from '../registry/image-name';
import { type SavedLoginDeps, savedCredentials } from '../login/login';
import { type PushImageOptions, pushImage } from './push-image';

export interface PushWithLoginOptions extends Omit<PushImageOptions, 'auth'> {
  /** The login the user chose for the reference's registry (kept by the caller in electron-store). */
  login: LoginRecord;
  stores: SavedLoginDeps;
}

/**
 * What the push job and the CLI run: find the secret behind the saved login (keychain, session, or
 * Docker's own), then push. AppError 'login-required' when that secret is gone or the login is for
 * another registry, so the UI asks to log in (again); otherwise as pushImage.
 */
export async function pushWithLogin(options: PushWithLoginOptions): Promise<PushResult> {
  const { login, stores, ...push } = options;
  const target = parsePushTarget(push.reference);
  if (!target.ok) throw new AppError('push-reference-invalid', target.error.message, target.error.code);
  if (target.target.registry.serverAddress !== login.registry.serverAddress) {
    throw new AppError('login-required', `Log in to ${target.target.registry.displayName} first: the saved login is for ${login.registry.displayName}.`);
  }
  const auth = await savedCredentials(login, stores);
  return pushImage({ ...push, auth });
}
