/** The page's window.open opens nothing; the app's own code opens through openFromApp; synthetic link clicks do nothing. */
import { describe, expect, it, vi } from 'vitest';
import { guardWindowOpen, openFromApp } from '../../../src/renderer/host/open-guard.ts';

function fakeWindow() {
  const opened: string[] = [];
  const listeners: Array<(e: Event) => void> = [];
  const win = {
    open: vi.fn((url?: string | URL) => {
      opened.push(String(url));
      return {} as WindowProxy;
    }),
    document: {
      addEventListener: (_type: string, listener: (e: Event) => void) => void listeners.push(listener),
    },
  };
  return { win, opened, listeners };
}

describe('the window.open guard', () => {
  it('refuses page script, lets the app open through openFromApp, and cannot be undone', () => {
    const { win, opened, listeners } = fakeWindow();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    guardWindowOpen(win as never);
    expect(win.open('https://evil.example/?t=token')).toBeNull();
    expect(opened).toEqual([]);
    expect(() => Object.defineProperty(win, 'open', { value: () => null })).toThrow(TypeError);
    openFromApp('https://idp.example/authorize', '_blank', 'popup');
    expect(opened).toEqual(['https://idp.example/authorize']);

    // A synthetic click on a link with a target is cancelled; a real one is left to the browser.
    const link = document.createElement('a');
    link.target = '_blank';
    const click = (isTrusted: boolean) => {
      const event = new MouseEvent('click', { cancelable: true });
      Object.defineProperty(event, 'target', { value: link });
      Object.defineProperty(event, 'isTrusted', { value: isTrusted });
      listeners.forEach((l) => l(event));
      return event.defaultPrevented;
    };
    expect(click(false)).toBe(true);
    expect(click(true)).toBe(false);
  });
});
