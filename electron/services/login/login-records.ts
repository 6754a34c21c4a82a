import { z } from 'zod';
import { LoginRecord, type RegistryAddress } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';

/** Where the records are kept (the settings store file in the app): one value under one key. */
export interface LoginRecordFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const LOGINS_KEY = 'registry.logins';

/**
 * The user's logins, newest first, one per registry, without their secrets (those are in the
 * keychain, in memory, or Docker's). A damaged value reads as no logins rather than failing.
 */
export class LoginRecords {
  constructor(private readonly file: LoginRecordFile) {}

  list(): LoginRecord[] {
    const parsed = z.array(LoginRecord).safeParse(this.file.get(LOGINS_KEY));
    return parsed.success ? parsed.data : [];
  }

  find(serverAddress: string): LoginRecord | null {
    return this.list().find((r) => r.registry.serverAddress === serverAddress) ?? null;
  }

  /** The login for a registry, or AppError 'login-required' saying to log in first. */
  require(registry: RegistryAddress): LoginRecord {
    const record = this.find(registry.serverAddress);
    if (!record) throw new AppError('login-required', `Log in to ${registry.displayName} first.`);
    return record;
  }

  /** Keeps the record, replacing an older one for the same registry; returns it. */
  remember(record: LoginRecord): LoginRecord {
    this.file.set(LOGINS_KEY, [record, ...this.list().filter((r) => r.registry.serverAddress !== record.registry.serverAddress)]);
    return record;
  }

  forget(serverAddress: string): void {
    this.file.set(
      LOGINS_KEY,
      this.list().filter((r) => r.registry.serverAddress !== serverAddress),
    );
  }
}
