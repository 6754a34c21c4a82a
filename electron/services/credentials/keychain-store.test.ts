import type { KeyringEntry } from './keychain-store';
import { createKeychainStore } from './keychain-store';
import { createSessionStore } from './session-store';

/** An in-memory stand-in for @napi-rs/keyring's AsyncEntry. */
function fakeKeyring() {
  const secrets = new Map<string, string>();
  const entry = (service: string, account: string): KeyringEntry => ({
    getPassword: async () => secrets.get(`${service}/${account}`) ?? null,
    setPassword: async (password: string) => {
      secrets.set(`${service}/${account}`, password);
    },
    deleteCredential: async () => secrets.delete(`${service}/${account}`),
  });
  return { secrets, entry };
}

const never = () => new Promise<never>(() => undefined);

describe('createKeychainStore', () => {
  it('saves, reads and deletes through the entry', async () => {
    const keyring = fakeKeyring();
    const store = createKeychainStore({ createEntry: keyring.entry });
    await store.set('svc', 'alice@quay.io', 's3cret');
    expect(await store.get('svc', 'alice@quay.io')).toBe('s3cret');
    expect(await store.delete('svc', 'alice@quay.io')).toBe(true);
    expect(await store.delete('svc', 'alice@quay.io')).toBe(false);
    expect(await store.get('svc', 'alice@quay.io')).toBeNull();
  });

  it('ends a call that hangs with keychain-unavailable once the timeout passes', async () => {
    const store = createKeychainStore({
      timeoutMs: 50,
      platform: 'linux',
      createEntry: () => ({ getPassword: never, setPassword: never, deleteCredential: never }),
    });
    const started = Date.now();
    const error = await store.set('svc', 'a@b', 'x').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/did not answer within 0\.1 s/) });
  });

  it('refuses at once while earlier calls are still stuck, so hung calls cannot pile up', async () => {
    let calls = 0;
    const store = createKeychainStore({
      timeoutMs: 20,
      createEntry: () => {
        calls += 1;
        return { getPassword: never, setPassword: never, deleteCredential: never };
      },
    });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable', detail: expect.stringMatching(/have not returned/) });
    expect(calls).toBe(2);
  });

  it.each([
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time', /no Secret Service/],
    ["Couldn't access platform storage: Secret Service: no result found", /no unlocked default keyring/],
    ['Platform failure: DBus error: Did not receive a reply.', /did not answer/],
    ['Platform failure: prompt dismissed', /locked, or access was refused/],
  ])('explains %j plainly and offers the session-only login', async (native, message) => {
    const fail = async (): Promise<never> => {
      throw Object.assign(new Error(native), { code: 'GenericFailure' });
    };
    const store = createKeychainStore({ platform: 'linux', createEntry: () => ({ getPassword: fail, setPassword: fail, deleteCredential: fail }) });
    const error = await store.set('s', 'a', 'secret-value').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(message), detail: native });
    expect(JSON.stringify(error)).not.toContain('secret-value');
  });

  it('turns an entry that cannot even be created (no D-Bus) into keychain-unavailable', async () => {
    const store = createKeychainStore({
      platform: 'linux',
      createEntry: () => {
        throw new Error('Platform failure: DBus error: Unable to autolaunch a dbus-daemon without a $DISPLAY');
      },
    });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/GNOME Keyring or KWallet/) });
  });
});

describe('createSessionStore', () => {
  it('keeps secrets per service and account, in memory only', async () => {
    const store = createSessionStore();
    await store.set('s', 'a', '1');
    await store.set('s', 'b', '2');
    expect(await store.get('s', 'a')).toBe('1');
    expect(await store.get('t', 'a')).toBeNull();
    expect(await store.delete('s', 'a')).toBe(true);
    expect(await store.get('s', 'a')).toBeNull();
    expect(await store.get('s', 'b')).toBe('2');
  });
});
