import { z } from 'zod';

/**
 * Every failure that crosses a boundary (IPC, CLI, test bridge) carries a stable code the UI can
 * branch on and a message written for the user, not for us. `detail` is for the log view only.
 *
 * This is the one list of codes. Throw with a listed code (`new AppError('login-required', …)`,
 * which the compiler checks) and match with the constants below (`error.code ===
 * ErrorCodes.loginRequired`), never with a string. Each code has its title and next step for the
 * user in ./error-advice.ts; a new code here without one there does not compile.
 */
const ERROR_CODES = [
  // Any call
  /** The input does not pass the channel's schema or the domain's rules (message says which field). */
  'invalid-input',
  'unknown-channel',
  'forbidden-sender',
  /** The Docker engine is not running or stopped answering. */
  'engine-unavailable',
  /** What the call names is gone (a history entry, an image to check). */
  'not-found',
  'cancelled',
  /** A file is there already and the user did not ask to replace it. */
  'conflict',
  /** Anything we did not foresee: the message is the raw error's. */
  'internal',

  // A requirements file the app was given (dropped, opened, passed to the CLI)
  'file-too-large',
  'file-utf16',
  'file-binary',
  'file-not-utf8',
  'file-not-found',
  'file-unreadable',

  // Building (`build-<kind>` of BuildFailureKind in ./domain/build; the engine gone is engine-unavailable)
  'build-package-not-found',
  'build-package-conflict',
  'build-externally-managed',
  'build-pip-failed',
  'build-network',
  'build-disk-full',
  'build-base-image',
  'build-platform-mismatch',
  'build-other',
  /** The check container of the built image did not finish in time. */
  'verify-timeout',
  /** Built, but the check says Elyra cannot run the image as it is (a chain stops there). */
  'verify-failed',

  // Logging in and registry access (RegistryErrorCode in ./domain/registry)
  /** The address the user typed is not a registry address (message says why). */
  'registry-address-invalid',
  /** The registry answered 401: wrong username, password or token. */
  'wrong-credentials',
  /** The registry's host name could not be resolved. */
  'registry-unknown-host',
  /** TLS failed: untrusted or mismatched certificate, or a plain-http registry asked for over https. */
  'registry-tls',
  /** Nothing answers at that address (connection refused or reset, host unreachable). */
  'registry-down',
  /** The registry did not answer in time. */
  'registry-timeout',
  /** The registry answered with something else we could not place (detail has the engine's words). */
  'registry-error',
  /** No usable saved login (e.g. the keychain entry was deleted): the user must log in again. */
  'login-required',
  /** No OS keychain answers (no Secret Service, locked, timed out): offer a session-only login. */
  'keychain-unavailable',
  /** Docker's own credential helper failed or did not answer. */
  'docker-credentials-unavailable',

  // Pushing (PushErrorCode in ./domain/push)
  /** The local image to push does not exist. */
  'image-not-found',
  /** The target reference cannot be pushed (no tag, a digest, Docker Hub without a namespace…). */
  'push-reference-invalid',
  /** Logged in, but this account may not push to that repository. */
  'push-denied',
  /** No event for a long while with bytes still to send: the connection to the registry hangs. */
  'registry-stalled',
  /** The engine ended the stream without saying the push finished. */
  'push-incomplete',
  /** The engine reported an error we could not place (message has the engine's words). */
  'push-failed',

  // Trying an image with the user's notebooks and scripts
  /** None of the paths given holds a notebook or a Python script. */
  'try-nothing-to-run',
  /** The folder for the executed notebooks and logs could not be made or written. */
  'try-output-unwritable',
  /** The image has no python3 to import or run anything with. */
  'try-no-python',
  /** The import check itself could not run (Python ended before importing anything). */
  'try-import-check-failed',
  /** The try ran, but an import or a notebook failed (a chain stops there). */
  'try-failed',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
const camelCase = (code: string) => code.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The codes as typed constants, for matching: `ErrorCodes.loginRequired` is 'login-required'. */
export const ErrorCodes = Object.freeze(Object.fromEntries(ERROR_CODES.map((code) => [camelCase(code), code]))) as {
  readonly [C in ErrorCode as CamelCase<C>]: C;
};

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.string().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.detail);
  }
}

/** True when `error` is an AppError with one of these codes: the one way to match a code. */
export function hasErrorCode(error: unknown, ...codes: readonly ErrorCode[]): error is AppError {
  return error instanceof AppError && codes.includes(error.code);
}

/** Turns anything thrown into a payload; unknown errors keep their message but get the `internal` code. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  if (error instanceof Error) return { code: ErrorCodes.internal, message: error.message };
  return { code: ErrorCodes.internal, message: String(error) };
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
