import type { LoginRecord } from '../../contract/domain/registry';
import { SECRET_SERVICE } from '../credentials/secret-store';
import { createSessionStore } from '../credentials/session-store';
import { parseRegistryAddress } from '../registry/registry-address';
import type { PushEngine } from './push-image';
import { pushWithLogin } from './push-with-login';

const registry = (() => {
  const parsed = parseRegistryAddress('127.0.0.1:5000');
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.address;
})();
const record: LoginRecord = { registry, username: 'testuser', loggedInAt: 0, storage: 'keychain', secretKind: 'password', dockerSource: null };
const untouchable = new Proxy({}, { get: () => () => Promise.reject(new Error('the engine must not be asked')) }) as PushEngine;

describe('pushWithLogin', () => {
  it('asks to log in again before touching the engine when the keychain entry is gone', async () => {
    const stores = { keychain: createSessionStore(), session: createSessionStore() };
    await expect(pushWithLogin({ docker: untouchable, image: 'x', reference: '127.0.0.1:5000/a/b:1', login: record, stores })).rejects.toMatchObject({
      code: 'login-required',
      message: 'Log in to 127.0.0.1:5000 again: the saved password for testuser is no longer in the keychain.',
    });
  });

  it('refuses a login for another registry, and a bad reference, without reading the keychain', async () => {
    const keychain = createSessionStore();
    await keychain.set(SECRET_SERVICE, 'testuser@127.0.0.1:5000', 'pw');
    const read = vi.spyOn(keychain, 'get');
    const stores = { keychain, session: createSessionStore() };
    await expect(pushWithLogin({ docker: untouchable, image: 'x', reference: 'quay.io/a/b:1', login: record, stores })).rejects.toMatchObject({
      code: 'login-required',
      message: 'Log in to Quay.io first: the saved login is for 127.0.0.1:5000.',
    });
    await expect(pushWithLogin({ docker: untouchable, image: 'x', reference: 'Bad Name', login: record, stores })).rejects.toMatchObject({
      code: 'push-reference-invalid',
    });
    expect(read).not.toHaveBeenCalled();
  });
});
