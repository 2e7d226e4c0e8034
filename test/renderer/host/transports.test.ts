/**
 * Errors as the renderer receives them over either transport: details pass through, and a garbled answer
 * (another version's host, a broken proxy) turns into a clean HostError instead of a crash.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostError } from '../../../src/shared/errors.ts';
import { friendlyError } from '../../../src/renderer/host/friendly-error.ts';

let preloadAnswer: unknown = null;
let webAnswer: unknown = null;
const preload = new Proxy(
  { on: () => () => {} },
  { get: (target, key) => (key === 'on' ? target.on : async () => preloadAnswer) },
);

class FakeEventSource {
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  close(): void {}
}

let client: typeof import('../../../src/renderer/host/client.ts');
let web: typeof import('../../../src/renderer/host/web-transport.ts');

beforeAll(async () => {
  vi.stubGlobal('window', { latchkey: preload });
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(webAnswer), { status: 200 }));
  client = await import('../../../src/renderer/host/client.ts');
  web = await import('../../../src/renderer/host/web-transport.ts');
});
afterEach(() => {
  preloadAnswer = webAnswer = null;
});
afterAll(() => vi.unstubAllGlobals());

const transports = {
  preload: (answer: unknown) => {
    preloadAnswer = answer;
    return client.host;
  },
  web: (answer: unknown) => {
    webAnswer = answer;
    return client.createHostApi(web.createWebTransport('secret', 'client-1'));
  },
};

async function rejection(promise: Promise<unknown>): Promise<HostError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

describe.each(Object.entries(transports))('the %s transport', (_name, answering) => {
  it('hands the details of a too_large error to the renderer, which words it from them', async () => {
    const api = answering({
      ok: false,
      error: {
        code: 'too_large',
        message:
          'clientStorage.set: not storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576',
        path: '[1]',
        details: { limit: 1048576, actual: 1100002 },
      },
    });
    const error = await rejection(api['clientStorage.set']('k', 'v'));
    expect(error.details).toEqual({ limit: 1048576, actual: 1100002 });
    expect(friendlyError(error).message).toBe('This value is 1.05 MB; the limit is 1 MB.');
  });

  it('drops garbled details and still shows the message', async () => {
    const api = answering({
      ok: false,
      error: {
        code: 'too_large',
        message: 'the text is over 8 bytes',
        details: { limit: { $gt: 0 }, actual: 'lots' },
      },
    });
    const error = await rejection(api['crypto.encrypt']('t', 'p'));
    expect(error).toMatchObject({ code: 'too_large', details: undefined });
    expect(friendlyError(error).message).toBe('The text is over 8 bytes.');
  });

  it.each([
    ['no error at all', { ok: false }],
    ['a null error', { ok: false, error: null }],
    ['an error that is a string', { ok: false, error: 'boom' }],
    ['not a result', 'surprise'],
    ['null', null],
  ])('rejects with an internal HostError, not a TypeError, for %s', async (_case, answer) => {
    const error = await rejection(answering(answer)['session.getKeys']());
    expect(error.code).toBe('internal');
    expect(() => friendlyError(error)).not.toThrow();
  });
});
