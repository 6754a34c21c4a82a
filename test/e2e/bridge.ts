import type { Page } from '@playwright/test';
import { bridgeGlobal, eventChannelNames, type EventChannel, type EventPayload } from '../../electron/contract/ipc';
import type { Dispatch } from '../../electron/core/dispatcher';

/**
 * The Playwright twin of the preload bridge: `window.api` in the page is derived from the same
 * contract, and every call goes through the same dispatcher (validation included) as in the app.
 */
export async function installTestBridge(page: Page, dispatch: Dispatch): Promise<void> {
  await page.exposeBinding('__ribInvoke', (_source, channel: unknown, input: unknown) => dispatch(channel, input));
  await page.addInitScript(
    ({ globalName, events }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const host = window as unknown as Record<string, unknown> & {
        __ribInvoke: (channel: unknown, input: unknown) => Promise<unknown>;
      };
      host['__ribEmit'] = (event: string, payload: unknown) => {
        for (const listener of listeners.get(event) ?? []) listener(payload);
      };
      host[globalName] = {
        invoke: (channel: unknown, input: unknown) => host.__ribInvoke(channel, input),
        on: (event: string, listener: Listener) => {
          if (!events.includes(event)) throw new Error(`Unknown event: ${event}`);
          const set = listeners.get(event) ?? new Set<Listener>();
          set.add(listener);
          listeners.set(event, set);
          return () => set.delete(listener);
        },
        pathForFile: () => null,
      };
    },
    { globalName: bridgeGlobal, events: eventChannelNames as string[] },
  );
}

/** Delivers a main-process event to the page, as `webContents.send` does in the app. */
export async function emitToPage<E extends EventChannel>(page: Page, event: E, payload: EventPayload<E>): Promise<void> {
  if (page.isClosed()) return;
  const message: [string, unknown] = [event, payload];
  await page.evaluate(([e, p]) => (window as unknown as { __ribEmit?: (e: string, p: unknown) => void }).__ribEmit?.(e, p), message).catch(() => undefined);
}
