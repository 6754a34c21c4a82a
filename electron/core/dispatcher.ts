import type { z } from 'zod';
import { invokeChannels, isInvokeChannel, type Handlers, type InvokeChannel } from '../contract/ipc';
import { AppError, toErrorPayload, type Envelope } from '../contract/errors';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates every call against the contract before any handler runs, and turns every outcome
 * into an envelope, so the renderer sees the real error code and message rather than Electron's
 * generic "Error invoking remote method".
 */
export function createDispatcher(handlers: Handlers, onError?: (channel: string, error: unknown) => void): Dispatch {
  return async (channel, input) => {
    if (!isInvokeChannel(channel)) {
      return {
        ok: false,
        error: new AppError('unknown-channel', `Unknown request: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}`).toPayload(),
      };
    }
    const parsed = invokeChannels[channel].input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: new AppError('invalid-input', `The request ${channel} was malformed.`, describeIssues(parsed.error)).toPayload(),
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      onError?.(channel, error);
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

export type { InvokeChannel };
