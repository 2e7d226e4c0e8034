import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { startWebHost, type RunningWebHost } from './web-host.ts';

/**
 * The usual end-to-end setup: one web host and one Chromium for the test file, both stopped after it (the
 * host must exit cleanly, 0, having closed storage and the vault).
 */
export function appInBrowser(): { readonly web: RunningWebHost; readonly browser: LaunchedBrowser } {
  const app = {} as { web: RunningWebHost; browser: LaunchedBrowser };
  beforeAll(async () => {
    app.web = await startWebHost();
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    if (app.web) expect(await app.web.stop()).toBe(0);
  });
  return app;
}
