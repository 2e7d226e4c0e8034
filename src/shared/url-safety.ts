/**
 * Which URLs may leave the app (system browser, popups). Shared so the renderer's web-mode fallbacks apply
 * the same rule as the host: only web links and e-mail; never file:, javascript:, custom schemes or URLs
 * with credentials in them.
 */
export function isSafeExternalUrl(
  url: string,
  schemes: readonly string[] = ['https:', 'http:', 'mailto:'],
): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!schemes.includes(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  if (parsed.username || parsed.password) return false;
  return parsed.hostname.length > 0;
}
