import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../docker-config/file-access';

// Runs one @napi-rs/keyring call on a worker thread. Why not its AsyncEntry on the main thread:
// creating an entry talks to the Secret Service synchronously, and when the service does not answer
// (seen here with a frozen gnome-keyring-daemon: 2 s, the event loop stopped; a locked keyring with
// an unlock prompt can take as long as the prompt stays open) the whole main process would freeze
// with it. On a worker only that thread waits; the caller's timeout fires on time, and the thread
// is terminated (it ends as soon as the native call returns).

export type KeyringRequest =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; secret: string }
  | { op: 'delete'; service: string; account: string };

type KeyringReply = { ok: true; value: string | boolean | null } | { ok: false; message: string };

// CommonJS, evaluated on the worker: no separate file to bundle. `require` takes the absolute path
// resolved here on the main thread, so it works whatever the working directory is.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let reply;
try {
  const { Entry } = require(workerData.modulePath);
  const r = workerData.request;
  // Pinned: never fall back silently to the kernel keyring (forgotten at logout) on Linux.
  const entry = new Entry(r.service, r.account, { linux: { store: 'secret-service' } });
  if (r.op === 'get') reply = { ok: true, value: entry.getPassword() };
  else if (r.op === 'set') { entry.setPassword(r.secret); reply = { ok: true, value: null }; }
  else reply = { ok: true, value: entry.deleteCredential() };
} catch (error) {
  reply = { ok: false, message: error && error.message ? String(error.message) : String(error) };
}
parentPort.postMessage(reply);
`;

let modulePath: string | null = null;

function keyringModulePath(): string {
  modulePath ??= createRequire(import.meta.url).resolve('@napi-rs/keyring');
  return modulePath;
}

/**
 * Resolves with the call's value, rejects with the keyring's error. When `signal` aborts, the
 * worker is terminated and the promise settles once the thread has really ended, so a caller can
 * count calls that are still stuck in native code.
 */
export function runKeyringCall(request: KeyringRequest, signal: AbortSignal): Promise<string | boolean | null> {
  return new Promise((resolve, reject) => {
    let path: string;
    try {
      path = keyringModulePath();
    } catch (error) {
      reject(new Error(`cannot load native binding @napi-rs/keyring: ${errorMessage(error)}`));
      return;
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath: path, request } });
    // A thread stuck in the keychain must not keep the app (or a test run) from exiting.
    worker.unref();
    let reply: KeyringReply | null = null;
    const onAbort = (): void => {
      void worker.terminate();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: KeyringReply) => {
      reply = message;
    });
    worker.once('error', (error) => {
      reply ??= { ok: false, message: error.message };
    });
    worker.once('exit', () => {
      signal.removeEventListener('abort', onAbort);
      if (reply === null) reject(new Error('the keychain call was stopped before it answered'));
      else if (reply.ok) resolve(reply.value);
      else reject(new Error(reply.message));
    });
  });
}
