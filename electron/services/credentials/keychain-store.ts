import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { type KeyringRequest, runKeyringCall } from './keyring-worker';
import type { SecretStore } from './secret-store';

/** Runs one keyring call; the default runs @napi-rs/keyring on a worker thread. Tests may pass a fake. */
export type KeyringCall = (request: KeyringRequest, signal: AbortSignal) => Promise<string | boolean | null>;

export interface KeychainStoreOptions {
  /** Bound on every call. A locked keyring may open an unlock prompt; the user needs a moment for it. */
  timeoutMs?: number;
  call?: KeyringCall;
  platform?: NodeJS.Platform;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 20_000;

// A call that timed out keeps its worker thread until the native call returns (it cannot be
// interrupted). Refuse new calls while a couple are stuck, so a hung keychain cannot pile threads up.
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
  const call = options.call ?? runKeyringCall;
  let stuck = 0;

  async function bounded(operation: Operation, request: KeyringRequest): Promise<string | boolean | null> {
    if (stuck >= MAX_STUCK_CALLS) {
      throw keychainError('not-answering', platform, operation, `${stuck} earlier keychain calls have not returned`, timeoutMs);
    }
    const controller = new AbortController();
    const running = call(request, controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = Symbol('timed out');
    const timeout = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), timeoutMs);
    });
    try {
      const outcome = await Promise.race([running, timeout]);
      if (outcome !== timedOut) return outcome;
      stuck += 1;
      running.then(
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
    get: async (service, account) => {
      const value = await bounded('read', { op: 'get', service, account });
      return typeof value === 'string' ? value : null;
    },
    set: async (service, account, secret) => {
      await bounded('save', { op: 'set', service, account, secret });
    },
    delete: async (service, account) => (await bounded('delete', { op: 'delete', service, account })) === true,
  };
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
