// The pure half of the IPC sender check (Electron checklist item 17) and of the navigation limits
// (item 13): electron/main/ipc.ts and electron/main/security.ts feed these the frame or URL they got.
import { APP_ORIGIN, isTrustedSender, isTrustedUrl, senderFrameInfo, type FrameLike } from '../../electron/core/sender-check';

const DEV = 'http://localhost:5173';
const prod = (url: string) => isTrustedUrl(url, undefined);
const dev = (url: string) => isTrustedUrl(url, DEV);

describe('isTrustedUrl', () => {
  it.each([`${APP_ORIGIN}/index.html`, 'app://rib/', 'app://rib', 'app://rib/assets/index-abc.js?x=1#top'])('trusts the app page %s', (url) => {
    expect(prod(url)).toBe(true);
    expect(dev(url)).toBe(true);
  });

  it.each([
    ['another origin over https', 'https://evil.example/index.html'],
    ['a look-alike host', 'https://rib.evil.example/'],
    ['our scheme with another host', 'app://evil/index.html'],
    ['our host as a prefix of another', 'app://rib.evil/index.html'],
    ['our scheme with a port', 'app://rib:8080/index.html'],
    ['a file on disk', 'file:///etc/passwd'],
    ['a file URL naming the renderer', 'file:///opt/Runtime%20Image%20Builder/resources/app.asar/out/renderer/index.html'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['javascript:', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['http on loopback when no dev server is set', 'http://localhost:5173/'],
    ['an empty string', ''],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(prod(url)).toBe(false);
  });

  it('trusts the dev server only when it is set, and only its exact origin', () => {
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev('http://localhost.evil.example:5173/')).toBe(false);
    expect(dev('file:///etc/passwd')).toBe(false);
  });

  it('ignores a dev server URL that is not a loopback http(s) server', () => {
    // Set from the environment: a remote host, or an opaque origin ("null") that would match every
    // other opaque URL, must not widen what is trusted.
    expect(isTrustedUrl('https://evil.example/', 'https://evil.example/')).toBe(false);
    expect(isTrustedUrl('data:text/html,x', 'file:///tmp/index.html')).toBe(false);
    expect(isTrustedUrl('file:///tmp/index.html', 'file:///tmp/index.html')).toBe(false);
    expect(isTrustedUrl('about:blank', 'about:blank')).toBe(false);
    expect(isTrustedUrl('data:text/html,x', 'app://other/')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', '')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'not a url')).toBe(false);
    expect(isTrustedUrl('http://[::1]:5173/', 'http://[::1]:5173')).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(true);
  });

  it('refuses a non-string URL instead of throwing', () => {
    expect(isTrustedUrl(undefined as unknown as string, DEV)).toBe(false);
    expect(isTrustedUrl(42 as unknown as string, DEV)).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const top = (url: string) => ({ url, isTopFrame: true });

  it('answers the app page in the top frame', () => {
    expect(isTrustedSender(top('app://rib/index.html'), prod)).toBe(true);
  });

  it('answers the dev server page when the dev server is set', () => {
    expect(isTrustedSender(top('http://localhost:5173/'), dev)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/'), prod)).toBe(false);
  });

  it.each([
    ['an untrusted origin', top('https://evil.example/')],
    ['a file:// page', top('file:///home/user/index.html')],
    ['a subframe, even one showing our own page', { url: 'app://rib/index.html', isTopFrame: false }],
    ['a subframe of another origin', { url: 'https://evil.example/', isTopFrame: false }],
    ['no frame at all (navigated away or destroyed)', null],
  ])('refuses %s', (_what, frame) => {
    expect(isTrustedSender(frame, dev)).toBe(false);
  });

  it('reads an Electron frame: top frame when it has no parent', () => {
    const parent: FrameLike = { url: 'app://rib/index.html', parent: null };
    expect(senderFrameInfo(parent)).toEqual({ url: 'app://rib/index.html', isTopFrame: true });
    expect(senderFrameInfo({ url: 'app://rib/index.html', parent })).toEqual({ url: 'app://rib/index.html', isTopFrame: false });
    expect(senderFrameInfo(null)).toBeNull();
    expect(senderFrameInfo(undefined)).toBeNull();
  });

  it('treats a disposed frame (its getters throw) as no frame, without throwing', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(senderFrameInfo(disposed)).toBeNull();
    expect(isTrustedSender(senderFrameInfo(disposed), dev)).toBe(false);
    expect(senderFrameInfo({ url: 7 as unknown as string, parent: null })).toBeNull();
  });
});
