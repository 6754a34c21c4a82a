import type { KeyringCall } from './keychain-store';
import { createKeychainStore } from './keychain-store';
import { createSessionStore } from './session-store';

/** An in-memory stand-in for the keyring worker. */
function fakeKeyring(): KeyringCall {
  const secrets = new Map<string, string>();
  return async (request) => {
    const key = `${request.service}/${request.account}`;
    switch (request.op) {
      case 'get':
        return secrets.get(key) ?? null;
      case 'set':
        secrets.set(key, request.secret);
        return null;
      case 'delete':
        return secrets.delete(key);
    }
  };
}

/** Never answers until aborted; then settles like the worker does when its thread ends. */
const hanging: KeyringCall = (_request, signal) =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(new Error('stopped')), 50)));
const forever: KeyringCall = () => new Promise(() => undefined);

describe('createKeychainStore', () => {
  it('saves, reads and deletes', async () => {
    const store = createKeychainStore({ call: fakeKeyring() });
    await store.set('svc', 'alice@quay.io', 's3cret');
    expect(await store.get('svc', 'alice@quay.io')).toBe('s3cret');
    expect(await store.delete('svc', 'alice@quay.io')).toBe(true);
    expect(await store.delete('svc', 'alice@quay.io')).toBe(false);
    expect(await store.get('svc', 'alice@quay.io')).toBeNull();
  });

  it('ends a call that hangs with keychain-unavailable once the timeout passes, and stops the call', async () => {
    const signals: AbortSignal[] = [];
    const store = createKeychainStore({
      timeoutMs: 50,
      platform: 'linux',
      call: (request, signal) => {
        signals.push(signal);
        return hanging(request, signal);
      },
    });
    const started = Date.now();
    const error = await store.set('svc', 'a@b', 'x').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/did not answer within 0\.1 s; it may be locked/) });
    expect(signals[0]?.aborted).toBe(true);
  });

  it('refuses at once while earlier calls are still stuck, and recovers when they end', async () => {
    let calls = 0;
    const store = createKeychainStore({
      timeoutMs: 20,
      call: (request, signal) => {
        calls += 1;
        return forever(request, signal);
      },
    });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(store.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable', detail: expect.stringMatching(/have not returned/) });
    expect(calls).toBe(2);

    const recovering = createKeychainStore({ timeoutMs: 20, call: hanging });
    await expect(recovering.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(recovering.get('s', 'a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await new Promise((r) => setTimeout(r, 100)); // both stuck calls have ended by now
    await expect(recovering.get('s', 'a')).rejects.toMatchObject({ detail: expect.stringMatching(/no answer within/) });
  });

  it.each([
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time', /no Secret Service/],
    ["Couldn't access platform storage: Secret Service: no result found", /no unlocked default keyring/],
    ['Platform failure: DBus error: Did not receive a reply.', /did not answer/],
    ['Platform failure: prompt dismissed', /locked, or access was refused/],
    ['cannot load native binding @napi-rs/keyring: not found', /no Secret Service/],
  ])('explains %j plainly and offers the session-only login', async (native, message) => {
    const store = createKeychainStore({
      platform: 'linux',
      call: async () => {
        throw new Error(native);
      },
    });
    const error = await store.set('s', 'a', 'secret-value').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(message), detail: native });
    expect((error as Error).message).toMatch(/session only/);
    expect(JSON.stringify(error)).not.toContain('secret-value');
  });

  it('names the platform keychain on macOS and Windows', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('Platform failure: something');
    };
    await expect(createKeychainStore({ platform: 'darwin', call: failing }).get('s', 'a')).rejects.toMatchObject({
      message: expect.stringMatching(/macOS Keychain/),
    });
    await expect(createKeychainStore({ platform: 'win32', call: failing }).get('s', 'a')).rejects.toMatchObject({
      message: expect.stringMatching(/Windows Credential Manager/),
    });
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
