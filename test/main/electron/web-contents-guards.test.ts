import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, WebContentsMock } = await import('../../helpers/electron-mock.ts');
const { installWebContentsGuards } = await import('../../../src/main/electron/web-contents-guards.ts');
const { POPUP_PARTITION } = await import('../../../src/main/security/window-kinds.ts');
const { OpenBudget } = await import('../../../src/shared/open-budget.ts');

const popups = new Set<number>();
let now = 1_000_000;
installWebContentsGuards(
  ['app://latchkey'],
  (contents) => popups.has(contents.id),
  new OpenBudget(() => now),
);

function created(popup = false) {
  const contents = new WebContentsMock();
  if (popup) popups.add(contents.id);
  electron.app.emit('web-contents-created', {}, contents);
  return contents;
}
function navigate(contents: InstanceType<typeof WebContentsMock>, url: string): boolean {
  const event = { preventDefault: vi.fn() };
  contents.emit('will-navigate', event, url);
  return event.preventDefault.mock.calls.length === 0;
}

describe('guards on every web contents', () => {
  it('keeps the app page in the app and sends web links to the system browser', () => {
    const page = created();
    expect(navigate(page, 'app://latchkey/index.html#x')).toBe(true);
    expect(navigate(page, 'https://example.org/docs')).toBe(false);
    expect(electron.shell.opened).toContain('https://example.org/docs');
    expect(navigate(page, 'file:///etc/passwd')).toBe(false);
    expect(electron.shell.opened).not.toContain('file:///etc/passwd');
  });

  it('lets an in-app popup follow web links but never reach the app or other schemes', () => {
    const popup = created(true);
    expect(navigate(popup, 'https://example.org/next')).toBe(true);
    expect(navigate(popup, 'app://latchkey/index.html')).toBe(false);
    expect(navigate(popup, 'javascript:alert(1)')).toBe(false);
  });

  it('denies every new window and every webview', () => {
    const page = created();
    expect(page.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(page.windowOpenHandler!({ url: 'app://latchkey/evil' })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    page.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  // The red-team finding: a site inside an in-app popup opened 100 system-browser tabs.
  it('never lets a site inside an in-app popup open system-browser tabs', () => {
    const popup = created(true);
    const before = electron.shell.opened.length;
    for (let i = 0; i < 20; i++) {
      expect(popup.windowOpenHandler!({ url: `https://tabs.example/${i}` })).toEqual({ action: 'deny' });
    }
    // Nor hand other schemes to the OS by navigating to them.
    for (const url of ['mailto:a@example.com', 'tel:+15551234567', 'zoommtg://zoom.us/join']) {
      expect(navigate(popup, url)).toBe(false);
    }
    expect(electron.shell.opened.length).toBe(before);
  });

  it("hands at most 10 of a page's own links a minute to the system browser, window.open and clicks alike", () => {
    const page = created();
    const before = electron.shell.opened.length;
    for (let i = 0; i < 8; i++) page.windowOpenHandler!({ url: `https://flood.example/${i}` });
    for (let i = 8; i < 30; i++) navigate(page, `https://flood.example/${i}`);
    const opened = electron.shell.opened.slice(before);
    expect(opened).toEqual(Array.from({ length: 10 }, (_, i) => `https://flood.example/${i}`));
    // Each window has its own budget, and a minute later this one has room again.
    created().windowOpenHandler!({ url: 'https://other.example/' });
    expect(electron.shell.opened.at(-1)).toBe('https://other.example/');
    now += 60_000;
    navigate(page, 'https://flood.example/later');
    expect(electron.shell.opened.at(-1)).toBe('https://flood.example/later');
  });

  it('refuses every permission, in the app session and the popup session', () => {
    for (const s of [electron.session.defaultSession, electron.session.fromPartition(POPUP_PARTITION)]) {
      const answer = vi.fn();
      s.permissionRequestHandler!({ getURL: () => 'app://latchkey/index.html' }, 'media', answer);
      expect(answer).toHaveBeenCalledWith(false);
      expect(s.permissionCheckHandler!(null, 'clipboard-sanitized-write')).toBe(false);
    }
  });
});
