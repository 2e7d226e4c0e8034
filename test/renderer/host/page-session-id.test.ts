import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_SESSION_KEY, pageSessionId } from '../../../src/renderer/host/web-transport.ts';

/** A tab's sessionStorage: a reload keeps it, a new tab gets an empty one. */
function tabStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
}

afterEach(() => window.sessionStorage.clear());

describe('the page-load id that scopes web-mode session storage', () => {
  it('is kept in the tab’s sessionStorage, so a reload continues the session', () => {
    const tab = tabStorage();
    const first = pageSessionId(tab);
    expect(tab.items.get(PAGE_SESSION_KEY)).toBe(first);
    expect(pageSessionId(tab)).toBe(first);
  });

  it('is new in a new tab, and unguessable: 256 random bits in base64url', () => {
    const ids = new Set(Array.from({ length: 50 }, () => pageSessionId(tabStorage())));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['a short, guessable id', 'tab-1'],
    ['a UUID from an older version', '0b4c2d6e-1f3a-4b5c-8d9e-0a1b2c3d4e5f'],
    ['a path', '../../../../../../../../../../../../../../etc/passwd'],
    ['one character too many', 'A'.repeat(44)],
  ])('replaces a stored value that is not its own shape (%s)', (_what, forged) => {
    const tab = tabStorage();
    tab.items.set(PAGE_SESSION_KEY, forged);
    const id = pageSessionId(tab);
    expect(id).not.toBe(forged);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tab.items.get(PAGE_SESSION_KEY)).toBe(id);
  });

  it('still gives an id where storage refuses (each load is then its own session)', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(pageSessionId(refusing)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pageSessionId(null)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('uses the page’s own sessionStorage by default', () => {
    const id = pageSessionId();
    expect(window.sessionStorage.getItem(PAGE_SESSION_KEY)).toBe(id);
    expect(pageSessionId()).toBe(id);
  });
});
