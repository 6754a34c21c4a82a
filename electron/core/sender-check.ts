/**
 * Who may talk to main: the pure decisions behind the IPC sender check and the navigation limits.
 * They live here, without Electron, so that unit tests under plain Node can prove them; the
 * Electron glue (electron/main/ipc.ts, electron/main/security.ts) only feeds them the frame it got.
 */

/** Where the renderer is served from in production: our own privileged scheme (electron/main/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rib';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Hosts a development server may run on. Anything else is not "our" page, even if the env says so. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's origin, or null when it is unset or not a plain http(s) server on this machine.
 * Why so strict: the URL comes from an environment variable, and an opaque origin (file:, data:,
 * a custom scheme) serialises as the string "null", which would then equal the origin of every
 * other opaque URL.
 */
function devOrigin(devServerUrl: string | undefined): string | null {
  if (devServerUrl === undefined || devServerUrl === '') return null;
  try {
    const dev = new URL(devServerUrl);
    if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return null;
    if (!LOOPBACK_HOSTS.has(dev.hostname)) return null;
    return dev.origin;
  } catch {
    return null;
  }
}

/** True for pages of the app itself: app://rib/…, or the local dev server while developing. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    // `app:` is not a "special" scheme for WHATWG URL, so its `origin` is "null": compare scheme
    // and host instead. Node does not lower-case the host of such URLs; Chromium does before we
    // see them, so an upper-case variant never reaches this check from a real frame.
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
    const dev = devOrigin(devServerUrl);
    return dev !== null && parsed.origin === dev;
  } catch {
    return false;
  }
}

/** What the sender check needs to know about the frame an IPC call came from. */
export interface SenderFrame {
  url: string;
  /** No parent: the window's own page, not an iframe inside it. */
  isTopFrame: boolean;
}

/** The parts of Electron's WebFrameMain that the check reads (structural, so no Electron import). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Reads the frame once. `event.senderFrame` is null when the frame has navigated away or gone, and
 * reading a disposed WebFrameMain throws: both mean "not a sender we trust", never an exception in
 * the IPC handler.
 */
export function senderFrameInfo(frame: FrameLike | null | undefined): SenderFrame | null {
  if (frame === null || frame === undefined) return null;
  try {
    const url = frame.url;
    if (typeof url !== 'string') return null;
    return { url, isTopFrame: frame.parent === null };
  } catch {
    return null;
  }
}

/**
 * Electron's checklist item 17: answer only our own page in the top frame. A subframe is refused
 * even when it shows our own URL, because the app never embeds frames; one that appears is not ours.
 */
export function isTrustedSender(frame: SenderFrame | null, isTrusted: (url: string) => boolean): boolean {
  return frame !== null && frame.isTopFrame && isTrusted(frame.url);
}
