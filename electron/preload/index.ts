import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { bridgeGlobal, isEventChannel, isInvokeChannel, type Bridge } from '../contract/ipc';
import { AppError } from '../contract/errors';

/**
 * The only door between the sandboxed renderer and the main process. It exposes exactly the
 * contract's channels: no ipcRenderer, no Node, no arbitrary channel names.
 */
const bridge: Bridge = {
  invoke(channel, input) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: new AppError('unknown-channel', `Unknown request: ${String(channel)}`).toPayload() });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wrapped = (_e: Electron.IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  pathForFile(file) {
    const path = webUtils.getPathForFile(file);
    return path === '' ? null : path;
  },
};

contextBridge.exposeInMainWorld(bridgeGlobal, bridge);
