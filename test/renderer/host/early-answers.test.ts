/** The first screen's providers request: sent once before render, its answer used once, fresh after that. */
import { describe, expect, it } from 'vitest';
import { askEarly, loadProviders } from '../../../src/renderer/host/early-answers.ts';
import { fakeHost, refuse } from '../helpers/fake-host.ts';

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
});
