import { spawn } from 'node:child_process';
import { AppError } from '../../contract/errors';

// Docker's credential-helper protocol (docker/docker-credential-helpers): run
// `docker-credential-<name> <action>`, write the input on stdin, read JSON from stdout.
//   get   stdin: server URL         stdout: {"ServerURL","Username","Secret"}
//   list  stdin: nothing            stdout: {"<server URL>": "<username>", …}
// A missing entry is exit status 1 with "credentials not found in native keychain" on stdout.
// Helpers can block (an OS keychain prompt), so every run has a timeout and is killed after it.

export type CredentialHelperAction = 'get' | 'list';

export interface CredentialHelperOptions {
  timeoutMs?: number;
  /** Environment for the helper; PATH decides which helper runs. Defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

/** Runs one helper action; tests may replace it. Resolves null when the helper has no such entry. */
export type RunCredentialHelper = (helper: string, action: CredentialHelperAction, input: string) => Promise<string | null>;

export const DEFAULT_HELPER_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NOT_FOUND = /credentials not found|not found in native keychain|no credentials|item could not be found|element not found/i;

export function helperExecutable(helper: string): string {
  return `docker-credential-${helper}`;
}

export function createCredentialHelperRunner(options: CredentialHelperOptions = {}): RunCredentialHelper {
  return (helper, action, input) => runCredentialHelper(helper, action, input, options);
}

export function runCredentialHelper(
  helper: string,
  action: CredentialHelperAction,
  input: string,
  options: CredentialHelperOptions = {},
): Promise<string | null> {
  const executable = helperExecutable(helper);
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  if (!HELPER_NAME.test(helper)) {
    // The name comes from config.json and becomes part of a command: refuse anything path-like.
    return Promise.reject(new AppError('docker-credentials-unavailable', `Docker's config names a credential helper "${helper}" that is not a valid name.`));
  }
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so a timeout also ends what the helper started (gpg, a shell's sleep…).
    const ownGroup = process.platform !== 'win32';
    const child = spawn(executable, [action], {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      detached: ownGroup,
    });
    const kill = (): void => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: { value: string | null } | { error: AppError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
    const fail = (message: string, detail?: string): void => finish({ error: new AppError('docker-credentials-unavailable', message, detail) });

    const timer = setTimeout(() => {
      kill();
      fail(`Docker's credential helper ${executable} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    }, timeoutMs);

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        kill();
        fail(`Docker's credential helper ${executable} wrote more than we can read.`);
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        fail(`Docker's config uses the credential helper ${executable}, but it is not installed or not on the PATH.`, error.message);
      } else {
        fail(`Docker's credential helper ${executable} could not be started.`, error.message);
      }
    });
    child.on('close', (code) => {
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0) {
        finish({ value: out });
        return;
      }
      // stdout of a failed `get` is an error text, never a secret; still, only stderr goes to detail.
      const err = Buffer.concat(stderr).toString('utf8').trim().slice(0, 300);
      if (NOT_FOUND.test(out) || NOT_FOUND.test(err)) finish({ value: null });
      else fail(`Docker's credential helper ${executable} failed (exit status ${code ?? 'killed'}).`, err === '' ? undefined : err);
    });
    // A helper that exits without reading stdin makes the write fail with EPIPE; its exit status says the rest.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
