import type { Bridge, ChannelInput, ChannelResult, EventChannel, EventPayload, InvokeChannel } from '../../../electron/contract/ipc';
import type { JobSnapshot } from '../../../electron/contract/domain/job';
import { AppError, ErrorCodes, toErrorPayload } from '../../../electron/contract/errors';

/** An answer for a channel: a value, or a function of the input that may throw an AppError. */
export type FakeHandler<C extends InvokeChannel> = (input: ChannelInput<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
export type FakeHandlers = { [C in InvokeChannel]?: FakeHandler<C> };

export interface FakeBridge extends Bridge {
  /** Every call made, in order. */
  calls: { channel: InvokeChannel; input: unknown }[];
  callsTo(channel: InvokeChannel): unknown[];
  /** Replaces (or adds) how a channel answers. */
  answer<C extends InvokeChannel>(channel: C, handler: FakeHandler<C>): void;
  /** Sends an event to the window, as main does. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
}

/**
 * The window's bridge to main, typed by the same contract as the real preload: a screen under test
 * calls it as it calls main, and a channel the test did not answer fails loudly as an unknown channel.
 */
export function fakeBridge(handlers: FakeHandlers = {}): FakeBridge {
  const answers: FakeHandlers = { ...handlers };
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const calls: FakeBridge['calls'] = [];
  const bridge: FakeBridge = {
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    answer(channel, handler) {
      (answers as Record<string, unknown>)[channel] = handler;
    },
    async invoke<C extends InvokeChannel>(channel: C, input: ChannelInput<C>) {
      calls.push({ channel, input });
      const handler = answers[channel] as FakeHandler<C> | undefined;
      try {
        if (!handler) throw new AppError(ErrorCodes.unknownChannel, `The test gave no answer for ${channel}.`);
        return { ok: true as const, value: await handler(input) };
      } catch (error) {
        return { ok: false as const, error: toErrorPayload(error) };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
    pathForFile: () => null,
  };
  return bridge;
}

/** Puts the fake where the renderer looks for the preload's bridge. */
export function installBridge(bridge: FakeBridge): FakeBridge {
  window.api = bridge;
  return bridge;
}

/** A promise the test settles when it wants: for answers that arrive late, or out of order. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A job as main reports it; the test overrides what it is about. */
export function jobSnapshot(overrides: Partial<JobSnapshot> & Pick<JobSnapshot, 'id' | 'kind'>): JobSnapshot {
  return {
    title: `${overrides.kind} ${overrides.id}`,
    subject: null,
    status: 'running',
    startedAt: 1_000,
    endedAt: null,
    progress: null,
    logLength: 0,
    result: null,
    error: null,
    ...overrides,
  };
}
