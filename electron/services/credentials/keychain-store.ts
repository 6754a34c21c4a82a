import type { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import type { SecretStore } from './secret-store';

/** The part of @napi-rs/keyring's AsyncEntry we use; tests may pass a fake. */
export type KeyringEntry = Pick<AsyncEntry, 'getPassword' | 'setPassword' | 'deleteCredential'>;
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry | Promise<KeyringEntry>;

export interface KeychainStoreOptions {
  /** Bound on every call. A locked keyring may open an unlock prompt; the user needs a moment for it. */
  timeoutMs?: number;
  createEntry?: KeyringEntryFactory;
  platform?: NodeJS.Platform;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 20_000;

// Calls that timed out keep a libuv worker thread until the keychain answers (the native call cannot
// be interrupted; its AbortSignal only cancels work not yet started). Refuse new calls while a couple
// are stuck, so a hung keychain cannot use up the thread pool that file and DNS work share.
const MAX_STUCK_CALLS = 2;

type Operation = 'read' | 'save' | 'delete';

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on
 * Linux the Secret Service (GNOME Keyring, KWallet), pinned so it never falls back silently to the
 * kernel keyring, which forgets everything at logout. Every call is bounded by a timeout; every
 * failure is AppError 'keychain-unavailable' with a message that offers the session-only login.
 */
export function createKeychainStore(options: KeychainStoreOptions = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  const platform = options.platform ?? process.platform;
  const createEntry = options.createEntry ?? napiEntry;
  let stuck = 0;

  async function bounded<T>(operation: Operation, service: string, account: string, run: (entry: KeyringEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    if (stuck >= MAX_STUCK_CALLS) {
      throw keychainError('not-answering', platform, operation, `${stuck} earlier keychain calls have not returned`, timeoutMs);
    }
    const controller = new AbortController();
    // Entry construction opens the D-Bus connection on Linux and can fail (or hang) too.
    const call = (async () => run(await createEntry(service, account), controller.signal))();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = Symbol('timed out');
    const timeout = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), timeoutMs);
    });
    try {
      const outcome = await Promise.race([call, timeout]);
      if (outcome !== timedOut) return outcome as T;
      stuck += 1;
      call.then(
        () => (stuck -= 1),
        () => (stuck -= 1),
      );
      controller.abort();
      throw keychainError('not-answering', platform, operation, `no answer within ${timeoutMs} ms`, timeoutMs);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keychainError(kindOf(errorMessage(error)), platform, operation, errorMessage(error), timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (service, account) => bounded('read', service, account, (entry, signal) => entry.getPassword(signal)),
    set: (service, account, secret) => bounded('save', service, account, (entry, signal) => entry.setPassword(secret, signal)),
    delete: (service, account) => bounded('delete', service, account, (entry, signal) => entry.deleteCredential(signal)),
  };
}

async function napiEntry(service: string, account: string): Promise<KeyringEntry> {
  // Loaded on first use: a missing native binary must become 'keychain-unavailable', not a crash
  // of the main process at start-up.
  const { AsyncEntry } = await import('@napi-rs/keyring');
  return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
}

type FailureKind = 'no-service' | 'no-collection' | 'not-answering' | 'locked' | 'other';

function kindOf(message: string): FailureKind {
  if (/no result found|no default collection|NoSuchObject/i.test(message)) return 'no-collection';
  if (/did not receive a reply|timed? ?out/i.test(message)) return 'not-answering';
  if (/locked|prompt|dismissed|user ?cancel|interaction not allowed/i.test(message)) return 'locked';
  if (/dbus|d-bus|org\.freedesktop|secret service|ServiceUnknown|autolaunch|cannot load|native binding/i.test(message)) {
    return 'no-service';
  }
  return 'other';
}

const SESSION_OFFER = 'You can keep the login for this session only.';

function keychainError(kind: FailureKind, platform: NodeJS.Platform, operation: Operation, detail: string, timeoutMs: number): AppError {
  const keychain = platform === 'darwin' ? 'The macOS Keychain' : platform === 'win32' ? 'The Windows Credential Manager' : 'The keychain';
  let message: string;
  switch (kind) {
    case 'no-service':
      message =
        platform === 'linux'
          ? `No keychain is available: no Secret Service (such as GNOME Keyring or KWallet) is running. ${SESSION_OFFER}`
          : `${keychain} could not be reached. ${SESSION_OFFER}`;
      break;
    case 'no-collection':
      message = `${keychain} has no unlocked default keyring to ${operation === 'save' ? 'save the login in' : 'look in'}. Set up or unlock your keyring, or keep the login for this session only.`;
      break;
    case 'not-answering':
      message = `${keychain} did not answer within ${formatSeconds(timeoutMs)}; it may be locked and waiting for its password. Unlock it and try again, or keep the login for this session only.`;
      break;
    case 'locked':
      message = `${keychain} is locked, or access was refused. Unlock it and try again, or keep the login for this session only.`;
      break;
    case 'other':
      message = `${keychain} could not ${operation} the login. ${SESSION_OFFER}`;
      break;
  }
  return new AppError('keychain-unavailable', message, detail);
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
