import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { invokeChannelNames } from '../contract/ipc';
import { AppError } from '../contract/errors';
import type { Dispatch } from '../core/dispatcher';
import { isTrustedSender, senderFrameInfo } from '../core/sender-check';

/**
 * One handler per contract channel, derived from the contract. Each call is answered only when it
 * comes from our own page in the top frame (GitHub Desktop's safeListener idea); the dispatcher
 * then validates the input against the channel's schema.
 */
export function registerIpc(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(senderFrameInfo(event.senderFrame), isTrustedUrl);
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) {
        return { ok: false, error: new AppError('forbidden-sender', 'This request did not come from the app window.').toPayload() };
      }
      return dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of invokeChannelNames) ipcMain.removeHandler(channel);
  };
}
