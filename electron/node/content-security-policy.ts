/**
 * The renderer's content security policy, one source for the Electron window (header) and
 * browser mode (header); `renderer/index.html` repeats it as a meta tag for file:// loads, and a
 * unit test keeps the three equal. Mantine injects its styles at run time, hence
 * 'unsafe-inline' for styles only; scripts stay 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
