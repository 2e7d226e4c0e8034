/**
 * Who the app is, said once: the product name, the app id, the deep-link scheme, the update feed and the
 * crash-report option. The main process and the renderer read this module; electron-builder.yml (the
 * packaging config) repeats appId, productName, protocols and publish because electron-builder reads only
 * its own file, and `npm run check:identity` (scripts/check-identity.ts, also a test) fails when the copies
 * disagree. README "Build your app on Latchkey" walks through changing it.
 *
 * Runtime-free plain data: preload, renderer and main can all import it.
 */
export const APP_IDENTITY = {
  /** Shown in the window title, menus, tray and About; electron-builder's `productName`. */
  productName: 'Latchkey',
  /** Reverse-DNS id: electron-builder's `appId` (macOS bundle id, Windows AppUserModelID). */
  appId: 'dev.latchkey.app',
  /** The deep-link scheme (`latchkey://open/storage`): electron-builder's `protocols[0].schemes[0]`. */
  scheme: 'latchkey',
  /**
   * Where the installed app looks for updates: electron-builder's `publish` (written into the package as
   * `app-update.yml`). `generic` is any static HTTPS folder holding `latest*.yml` and the artefacts.
   */
  updateFeed: { provider: 'generic', url: 'https://example.invalid/latchkey/updates/' },
  /**
   * Crash reports: minidumps stay in the app's crash folder unless this names a server that accepts
   * Crashpad/Breakpad uploads (e.g. `https://submit.backtrace.io/…/minidump`).
   */
  crashReportSubmitUrl: null as string | null,
  /**
   * Which of Latchkey's showcase areas the app shows (src/renderer/areas.ts): Sign-in and About always; an
   * app built on Latchkey usually keeps none of these and adds its own areas.
   */
  showcase: ['storage', 'encryption', 'window'] as ReadonlyArray<'storage' | 'encryption' | 'window'>,
} as const;

export type AppIdentity = typeof APP_IDENTITY;
