/**
 * The Content-Security-Policy of the app page. The same text is in src/renderer/index.html as a meta tag for
 * Electron; the web host also sends it as a header, which additionally allows `frame-ancestors`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export const WEB_ONLY_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
