import type { LoginRecord } from '../../contract/domain/registry';
import { parseRegistryAddress } from '../registry/registry-address';
import { LOGINS_KEY, LoginRecords } from './login-records';

function memoryFile() {
  const values = new Map<string, unknown>();
  return { values, get: (key: string) => values.get(key), set: (key: string, value: unknown) => void values.set(key, value) };
}

function record(host: string, username: string, loggedInAt = 1): LoginRecord {
  const parsed = parseRegistryAddress(host);
  if (!parsed.ok) throw new Error(host);
  return { registry: parsed.address, username, loggedInAt, storage: 'keychain', secretKind: 'password', dockerSource: null };
}

describe('LoginRecords', () => {
  it('keeps one login per registry, newest first', () => {
    const records = new LoginRecords(memoryFile());
    records.remember(record('quay.io', 'alice'));
    records.remember(record('ghcr.io', 'bob'));
    records.remember(record('quay.io', 'carol', 2));
    expect(records.list().map((r) => `${r.registry.host} ${r.username}`)).toEqual(['quay.io carol', 'ghcr.io bob']);
  });

  it('finds, requires and forgets a login by its server address', () => {
    const records = new LoginRecords(memoryFile());
    const quay = records.remember(record('quay.io', 'alice'));
    expect(records.find('quay.io')).toEqual(quay);
    expect(records.require(quay.registry)).toEqual(quay);
    records.forget('quay.io');
    expect(records.find('quay.io')).toBeNull();
    expect(() => records.require(quay.registry)).toThrow(expect.objectContaining({ code: 'login-required', message: 'Log in to Quay.io first.' }));
  });

  it('reads a damaged value as no logins', () => {
    const file = memoryFile();
    file.values.set(LOGINS_KEY, [{ registry: 'quay.io' }]);
    expect(new LoginRecords(file).list()).toEqual([]);
  });
});
