/**
 * The Content-Security-Policy of the app page, in one place. The renderer build writes it into index.html as
 * a meta tag (vite.renderer.config.ts), which is what Electron's app:// page gets; the web host also sends it
 * as a header, which can carry `frame-ancestors` (a meta tag cannot).
 */
const CONTENT_SECURITY_POLICY = [
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

/** The meta tag the build writes into index.html. */
export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
