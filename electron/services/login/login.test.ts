import { AppError } from '../../contract/errors';
import { createSessionStore } from '../credentials/session-store';
import { SECRET_SERVICE, type SecretStore } from '../credentials/secret-store';
import { login, logout, savedCredentials } from './login';
import type { RegistryEngine } from '../registry/registry-auth';

function engineAnswering(answer: (body: Record<string, unknown>) => unknown): RegistryEngine & { calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    checkAuth: async (body: Record<string, unknown>) => {
      calls.push(body);
      return answer(body);
    },
  } as RegistryEngine & { calls: Record<string, unknown>[] };
}

const ok = () => ({ IdentityToken: '', Status: 'Login Succeeded' });
const unauthorized = () => {
  throw Object.assign(new Error('(HTTP code 500) server error - login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized '), {
    statusCode: 500,
  });
};

function stores() {
  return { keychain: createSessionStore(), session: createSessionStore() };
}

const input = { registry: 'http://127.0.0.1:5000', username: ' testuser ', password: 'pw-1' };

describe('login', () => {
  it('checks with the engine, then saves the secret in the keychain and returns a record without it', async () => {
    const docker = engineAnswering(ok);
    const s = stores();
    const record = await login(input, { docker, ...s, now: () => 1234 });
    expect(docker.calls).toHaveLength(1);
    expect(docker.calls[0]).toMatchObject({ username: 'testuser', password: 'pw-1', serveraddress: '127.0.0.1:5000' });
    expect(record).toEqual({
      registry: expect.objectContaining({ host: '127.0.0.1:5000' }),
      username: 'testuser',
      loggedInAt: 1234,
      storage: 'keychain',
      secretKind: 'password',
      dockerSource: null,
    });
    expect(JSON.stringify(record)).not.toContain('pw-1');
    expect(await s.keychain.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBe('pw-1');
    expect(await s.session.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBeNull();
  });

  it('saves nothing when the engine refuses the password', async () => {
    const s = stores();
    const error = await login(input, { docker: engineAnswering(unauthorized), ...s }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('wrong-credentials');
    expect(await s.keychain.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBeNull();
  });

  it('keeps a session-only login in memory and drops an older keychain copy', async () => {
    const s = stores();
    await s.keychain.set(SECRET_SERVICE, 'testuser@127.0.0.1:5000', 'old');
    const record = await login({ ...input, sessionOnly: true }, { docker: engineAnswering(ok), ...s });
    expect(record.storage).toBe('session');
    expect(await s.session.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBe('pw-1');
    expect(await s.keychain.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBeNull();
  });

  it('keeps the identity token the registry hands back instead of the password', async () => {
    const s = stores();
    const record = await login(input, { docker: engineAnswering(() => ({ IdentityToken: 'tok-9', Status: 'Login Succeeded' })), ...s });
    expect(record.secretKind).toBe('identity-token');
    expect(await savedCredentials(record, s)).toEqual({ username: 'testuser', secret: 'tok-9', kind: 'identity-token' });
  });

  it('refuses a bad address before asking the engine', async () => {
    const docker = engineAnswering(ok);
    await expect(login({ ...input, registry: 'http://registry.example.com' }, { docker, ...stores() })).rejects.toMatchObject({
      code: 'registry-address-invalid',
    });
    expect(docker.calls).toHaveLength(0);
  });

  it('passes a keychain failure on, so the UI can offer a session-only login', async () => {
    const broken: SecretStore = {
      get: async () => null,
      set: async () => {
        throw new AppError('keychain-unavailable', 'No keychain is available.');
      },
      delete: async () => false,
    };
    await expect(login(input, { docker: engineAnswering(ok), keychain: broken, session: createSessionStore() })).rejects.toMatchObject({
      code: 'keychain-unavailable',
    });
  });
});

describe('savedCredentials and logout', () => {
  it('asks to log in again when the keychain entry is gone', async () => {
    const s = stores();
    const record = await login(input, { docker: engineAnswering(ok), ...s });
    await s.keychain.delete(SECRET_SERVICE, 'testuser@127.0.0.1:5000');
    await expect(savedCredentials(record, s)).rejects.toMatchObject({ code: 'login-required', message: expect.stringMatching(/Log in to .* again/) });
  });

  it('removes only what the app stored; a reused Docker login is left alone', async () => {
    const s = stores();
    const record = await login(input, { docker: engineAnswering(ok), ...s });
    expect(await logout(record, s)).toBe(true);
    expect(await s.keychain.get(SECRET_SERVICE, 'testuser@127.0.0.1:5000')).toBeNull();
    const spy = { ...s, keychain: { ...s.keychain, delete: vi.fn(async () => true) } };
    expect(await logout({ ...record, storage: 'docker', dockerSource: { kind: 'config-file' } }, spy)).toBe(false);
    expect(spy.keychain.delete).not.toHaveBeenCalled();
  });
});

describe('login input', () => {
  it('turns a malformed form into invalid-input, not a crash', async () => {
    await expect(login({ registry: 'quay.io', username: '', password: 'x' }, { docker: engineAnswering(ok), ...stores() })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});
