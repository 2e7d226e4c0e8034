/**
 * The Content-Security-Policy of the app page, in one place. The renderer build writes it into index.html as
 * a meta tag (vite.renderer.config.ts), which is what Electron's app:// page gets; the web host also sends it
 * as a header, which can carry `frame-ancestors` (a meta tag cannot).
 *
 * It lets nothing out: a script injected into the page (which can call what the app's code can) finds no
 * origin but the app's own in any fetch directive, so it cannot carry a token away in an image, a CSS
 * background, a fetch, a beacon, a form, a prefetch, a WebSocket or an EventSource. The one exception is
 * images from the avatar hosts of the built-in provider types below: fixed CDN origins that serve pictures,
 * where no page script can put a listener.
 */

/**
 * Where the built-in provider types' avatars live (GitHub, Google, GitLab, Auth0; the demo's are data:
 * URLs). An avatar anywhere else is not shown (`avatarAllowed`), so the page never asks for it.
 */
export const AVATAR_ORIGINS = [
  'https://avatars.githubusercontent.com',
  'https://lh3.googleusercontent.com',
  'https://lh4.googleusercontent.com',
  'https://lh5.googleusercontent.com',
  'https://lh6.googleusercontent.com',
  'https://gitlab.com',
  'https://secure.gravatar.com',
  'https://s.gravatar.com',
  'https://cdn.auth0.com',
] as const;

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' data: blob: ${AVATAR_ORIGINS.join(' ')}`,
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export const WEB_ONLY_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** The meta tag the build writes into index.html. */
export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;

/** Whether the page may show an avatar from `url`: a data: URL, or one of the AVATAR_ORIGINS over https. */
export function avatarAllowed(url: string): boolean {
  if (url.startsWith('data:image/')) return true;
  if (!URL.canParse(url)) return false;
  return (AVATAR_ORIGINS as readonly string[]).includes(new URL(url).origin);
}
