import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../../src/shared/app-policy.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatcher.ts';
import type { LinkPort } from '../../../src/main/links/link-handlers.ts';
import { OpenBudget } from '../../../src/shared/open-budget.ts';
import type { WindowPort } from '../../../src/main/window/window-port.ts';
import type { HostOptions } from '../../../src/main/host.ts';
import { testHost } from '../../helpers/host.ts';

/** A link port that records what the Electron window manager would be asked to open. */
function recordingPort() {
  const opened: Array<[string, unknown]> = [];
  const port: LinkPort = {
    openUrl: async (url, o) => (opened.push([url, o]), o.popup ? 'popup' : 'browser'),
    closeInAppWebView: () => false,
    readClipboard: async () => 'from clipboard',
    writeClipboard: async () => {},
  };
  return { port: port as WindowPort, opened };
}

async function desktop(options: Partial<HostOptions> = {}, handlers: Record<string, string> = {}) {
  const { port, opened } = recordingPort();
  const host = await testHost({
    transport: 'electron',
    ...options,
    // As app.getApplicationNameForProtocol: the program's name, or '' when the OS has none for the scheme.
    ports: { window: port, handlerName: (url) => handlers[url.slice(0, url.indexOf(':'))] ?? '' },
  });
  return { dispatch: createDispatcher(host.handlers), opened };
}

describe('link.open', () => {
  it.each([
    'tel:+15551234567',
    'sms:+15551234567?body=hello',
    'mailto:a@example.com?subject=Hi&cc=b@example.com',
  ])('hands %s to the system', async (url) => {
    const { dispatch, opened } = await desktop();
    expect(await dispatch('link.open', [url], { clientId: 'w' })).toEqual({
      ok: true,
      value: { openedIn: 'browser' },
    });
    expect(opened).toEqual([[url, {}]]);
  });

  it('refuses a mailto link that carries attach= (or any field but subject, body, cc, bcc)', async () => {
    const { dispatch, opened } = await desktop();
    for (const url of [
      'mailto:a@example.com?attach=/etc/passwd',
      'mailto:a@example.com?body=x&Attach=~/.ssh/id_rsa',
    ]) {
      expect(await dispatch('link.open', [url], { clientId: 'w' })).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_argument',
          path: '[0]',
          message: expect.stringContaining('subject, body, cc, bcc'),
        },
      });
    }
    expect(opened).toEqual([]);
  });

  it('takes a scheme the app policy lists and refuses one it does not', async () => {
    const { dispatch, opened } = await desktop({ policy: definePolicy({ linkSchemes: ['zoommtg'] }) });
    const ctx = { clientId: 'w' };
    expect(await dispatch('link.open', ['zoommtg://zoom.us/join?confno=1'], ctx)).toMatchObject({ ok: true });
    expect(await dispatch('link.open', ['slack://open'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('not slack:') },
    });
    expect(opened.map(([url]) => url)).toEqual(['zoommtg://zoom.us/join?confno=1']);
  });

  it('opens only web links in a popup', async () => {
    const { dispatch, opened } = await desktop();
    expect(
      await dispatch('link.open', ['tel:+15551234567', { popup: true }], { clientId: 'w' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('cannot open in a popup') },
    });
    expect(opened).toEqual([]);
  });

  it('opens at most 10 a minute per window (browser and popup alike), then answers rate_limited', async () => {
    let now = 5_000_000;
    const { dispatch, opened } = await desktop({ openBudget: new OpenBudget(() => now) });
    const a = { clientId: 'window-1' };
    for (let i = 0; i < 10; i++) {
      const r = await dispatch('link.open', [`https://example.com/${i}`, { popup: i % 2 === 0 }], a);
      expect(r).toMatchObject({ ok: true });
    }
    expect(await dispatch('link.open', ['https://example.com/11'], a)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'rate_limited', limit: 10, perSeconds: 60 } },
    });
    expect(opened).toHaveLength(10);
    // Another window is not held back by the first; the first may open again once a minute has passed.
    expect(await dispatch('link.open', ['https://example.com/b'], { clientId: 'window-2' })).toMatchObject({
      ok: true,
    });
    now += 60_000;
    expect(await dispatch('link.open', ['https://example.com/later'], a)).toMatchObject({ ok: true });
  });
});

describe('link.canOpen', () => {
  it('desktop: the policy must take the link and the OS must have a program for its scheme', async () => {
    const { dispatch } = await desktop({}, { tel: 'Phone', https: 'Firefox' });
    const ask = async (url: string) => (await dispatch('link.canOpen', [url], { clientId: 'w' })) as unknown;
    expect(await ask('tel:+15551234567')).toEqual({ ok: true, value: true });
    expect(await ask('https://example.com/')).toEqual({ ok: true, value: true });
    expect(await ask('sms:+15551234567')).toEqual({ ok: true, value: false });
    expect(await ask('javascript:alert(1)')).toEqual({ ok: true, value: false });
    expect(await ask('mailto:a@example.com?attach=x')).toEqual({ ok: true, value: false });
  });

  it('web mode: answers by the policy alone', async () => {
    const host = await testHost({ policy: definePolicy({ linkSchemes: ['zoommtg'] }) });
    const dispatch = createDispatcher(host.handlers);
    const ask = (url: string) => dispatch('link.canOpen', [url], { clientId: 'page' });
    expect(await ask('sms:+15551234567')).toEqual({ ok: true, value: true });
    expect(await ask('zoommtg://zoom.us/join')).toEqual({ ok: true, value: true });
    expect(await ask('file:///etc/passwd')).toEqual({ ok: true, value: false });
    expect(await ask(42 as unknown as string)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });
});
