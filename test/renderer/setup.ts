/**
 * Runs before every renderer test file: puts the fake host where the preload puts the real one, before
 * host/client.ts picks its transport, and after each test unmounts what it rendered and checks that nothing
 * was left behind (an unanswered call, a listener still subscribed).
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { PRELOAD_GLOBAL } from '../../src/shared/preload-api.ts';
import { fakeHost } from './helpers/fake-host.ts';

(window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] = fakeHost.preloadApi();

// Browsers move focus off a control that becomes disabled (HTML's "focus fixup"); happy-dom leaves it there,
// which would hide exactly the lost focus the components take care to give back. Do as browsers do.
new MutationObserver((changes) => {
  for (const { target } of changes) {
    // happy-dom's blur() ignores a disabled element; focusing the body is what the fixup amounts to.
    if (target === document.activeElement && (target as HTMLButtonElement).disabled) document.body.focus();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['disabled'] });

// happy-dom has no user activation; the clipboard needs it (src/shared/user-activation.ts). Do as Chromium
// does: a pointer press or key press activates the page for 5 s, a script's element.click() does not.
let activatedAt = -Infinity;
for (const type of ['pointerdown', 'mousedown', 'keydown']) {
  document.addEventListener(type, () => (activatedAt = Date.now()), { capture: true });
}
Object.defineProperty(navigator, 'userActivation', {
  configurable: true,
  value: {
    get isActive() {
      return Date.now() - activatedAt < 5000;
    },
  },
});

// The app renders in StrictMode (src/renderer/main.tsx): effects run twice, so a missing cleanup shows here too.
configure({ reactStrictMode: true });

afterEach(() => {
  cleanup();
  const problems = [...fakeHost.problems];
  const listeners = fakeHost.listenerCount();
  fakeHost.reset();
  expect(problems, 'calls the fake host could not answer').toEqual([]);
  expect(listeners, 'host event listeners still subscribed after unmount').toBe(0);
});
