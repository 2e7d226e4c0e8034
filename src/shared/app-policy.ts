/**
 * What the app lets its pages do, declared once (README "App policy"). An app built on Latchkey edits this
 * file; the host and the renderer read it. Runtime-free plain data: preload, renderer and main can import it.
 */
export const APP_POLICY = {
  /**
   * URL schemes `link.open` may hand to the operating system besides the built-in `http`, `https`, `mailto`,
   * `tel` and `sms` (README "Links"): lower-case scheme names without the colon, e.g. `'zoommtg'` or
   * `'slack'`. Schemes that reach files, scripts or the app itself (`file`, `javascript`, `data`, `app`, the
   * app's own deep-link scheme, …) are refused whatever this lists (`appLinkSchemeProblem`, url-safety.ts).
   */
  linkSchemes: [] as readonly string[],
} as const;

export type AppPolicy = typeof APP_POLICY;
