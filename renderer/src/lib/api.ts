import { AppError, toErrorPayload } from '../../../electron/contract/errors';
import type { Bridge, ChannelInput, ChannelResult, EventChannel, EventPayload, InvokeChannel } from '../../../electron/contract/ipc';

declare global {
  interface Window {
    api: Bridge;
  }
}

/** Calls main through the bridge; a failed call throws an AppError with main's code and message. */
export async function call<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const envelope = await window.api.invoke(channel, input);
  if (envelope.ok) return envelope.value;
  throw AppError.fromPayload(envelope.error);
}

export function subscribe<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything a call threw, as an AppError: what main sent keeps its code; anything else is `internal`. */
export function toAppError(error: unknown): AppError {
  return error instanceof AppError ? error : AppError.fromPayload(toErrorPayload(error));
}
