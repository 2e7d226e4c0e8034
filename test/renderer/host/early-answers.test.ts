/** The first screen's providers request: sent once before render, its answer used once, fresh after that. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProvidersOverview } from '../../../src/shared/auth-types.ts';
import {
  askEarly,
  FIRST_RENDER_WAIT_MS,
  loadProviders,
  takeEarlyProviders,
} from '../../../src/renderer/host/early-answers.ts';
import { deferred, fakeHost, refuse } from '../helpers/fake-host.ts';

afterEach(() => {
  vi.useRealTimers();
  loadProviders().catch(() => undefined); // nothing early is left for the next test
});

describe('early answers', () => {
  it('the early providers request answers the first load; later loads ask again', async () => {
    let n = 0;
    fakeHost.answer('auth.providers', () => ({ providers: [], problems: [], source: `answer ${++n}` }));
    askEarly();
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(1);
    expect((await loadProviders()).source).toBe('answer 1');
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(1);
    expect((await loadProviders()).source).toBe('answer 2');
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(2);
  });

  it('a refused early request is the first load’s failure, and nothing is left unhandled', async () => {
    fakeHost.answer('auth.providers', () => refuse({ code: 'unavailable', message: 'the host is starting' }));
    askEarly();
    await expect(loadProviders()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('an answer in before the first render is handed to it once; the loads after it ask again', async () => {
    let n = 0;
    fakeHost.answer('auth.providers', () => ({ providers: [], problems: [], source: `answer ${++n}` }));
    await askEarly();
    expect(takeEarlyProviders()?.source).toBe('answer 1');
    expect(takeEarlyProviders()).toBeNull();
    expect((await loadProviders()).source).toBe('answer 2');
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(2);
  });

  it('a host slower than the cap: the first render goes ahead without it, and the late answer is the first load', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const late = deferred<ProvidersOverview>();
    fakeHost.answer('auth.providers', () => late.promise);
    let rendered = false;
    void askEarly().then(() => (rendered = true));
    await vi.advanceTimersByTimeAsync(FIRST_RENDER_WAIT_MS - 1);
    expect(rendered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(rendered).toBe(true);
    expect(takeEarlyProviders()).toBeNull();
    late.resolve({ providers: [], problems: [], source: 'late' });
    expect((await loadProviders()).source).toBe('late');
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(1);
  });
});
