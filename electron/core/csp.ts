/**
 * The renderer's Content-Security-Policy, sent by the Electron protocol handler and by the test
 * server alike. Mantine writes its theme variables into <style> elements at run time, so styles
 * need 'unsafe-inline'; scripts never do, and the renderer fetches nothing from the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
