import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { isTrustedUrl } from '../core/sender-check';

// The origin rules are pure and live in core (unit-tested there); re-exported for the glue here.
export { APP_HOST, APP_ORIGIN, APP_SCHEME, isTrustedUrl } from '../core/sender-check';

/** Session-wide rules: CSP on every response, every permission request denied. */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Every window: no navigation away from the app, no new windows, no webviews. */
export function hardenContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenApp(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, devServerUrl));
}

/** Opens only https links, in the user's browser. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!url.startsWith('https://')) return false;
  await shell.openExternal(url);
  return true;
}
