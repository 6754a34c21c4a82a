// Runs as its own process, started by test/services/faults.test.ts with DBUS_SESSION_BUS_ADDRESS
// pointing at a socket nobody listens on: the native keyring library reads that address once per
// process, so "no keychain" can only be staged in a process of its own. Starts the app core, logs in
// the way the login form does (keychain first, then "this session only"), prints one JSON line.
// Input (stdin, so the password never shows in a process listing): {"registry","username","password"}.
import { readFileSync } from 'node:fs';
import { startFaultCore } from './fault-core';

interface Input {
  registry: string;
  username: string;
  password: string;
}

export interface KeychainFaultOutcome {
  keychain: { ok: boolean; ms: number; code: string | null; message: string | null; storage: string | null };
  session: { ok: boolean; ms: number; code: string | null; message: string | null; storage: string | null };
}

const input = JSON.parse(readFileSync(0, 'utf8')) as Input;
const app = startFaultCore({ env: process.env });
try {
  const attempt = async (sessionOnly: boolean): Promise<KeychainFaultOutcome['keychain']> => {
    const started = performance.now();
    const result = await app.call('registry:login', { ...input, sessionOnly });
    const ms = performance.now() - started;
    return result.ok
      ? { ok: true, ms, code: null, message: null, storage: result.value.storage }
      : { ok: false, ms, code: result.error.code, message: result.error.message, storage: null };
  };
  const outcome: KeychainFaultOutcome = { keychain: await attempt(false), session: await attempt(true) };
  console.log(JSON.stringify(outcome));
} finally {
  await app.dispose();
}
