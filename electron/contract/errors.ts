import { z } from 'zod';

/**
 * Every failure that crosses a boundary (IPC, CLI, test bridge) carries a stable code the UI can
 * branch on and a message written for the user, not for us. `detail` is for the log view only.
 */
export const ErrorCode = z.enum([
  'invalid-input',
  'unknown-channel',
  'forbidden-sender',
  'engine-unavailable',
  'not-found',
  'cancelled',
  'conflict',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.detail);
  }
}

/** Turns anything thrown into a payload; unknown errors keep their message but get the `internal` code. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
