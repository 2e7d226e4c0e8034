/**
 * One attempt at a time per provider, and nothing from an ended attempt comes back: against a real OpenID
 * provider and real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInService } from '../../../src/main/auth/sign-in-service.ts';
import { createRuntime } from '../../../src/main/auth/providers/index.ts';
import type { ProviderSettings } from '../../../src/main/auth/config/types.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { track } from '../../helpers/disposables.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

/** 0 when nothing listens; otherwise the HTTP status. */
async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { redirect: 'manual' })).status;
  } catch {
    return 0;
  }
}
const redirectOf = (authorizationUrl: string) => new URL(authorizationUrl).searchParams.get('redirect_uri')!;

describe('sign-in attempts', () => {
  it('two sign-ins started together for one provider leave exactly one listener: the newer', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    const [first, second] = await Promise.allSettled([
      rec.service.signIn('corp'),
      rec.service.signIn('corp'),
    ]);
    expect(first.status).toBe('rejected'); // replaced while it was starting
    expect((first as PromiseRejectedResult).reason).toMatchObject({ code: 'cancelled' });
    expect(second.status).toBe('fulfilled');
    const url = (second as PromiseFulfilledResult<{ authorizationUrl: string }>).value.authorizationUrl;
    // The newer one listens (a stray request gets 400 and changes nothing); nothing else does.
    expect(await status(redirectOf(url))).toBe(400);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'pending', mode: 'browser' });

    const third = await rec.service.signIn('corp');
    expect(await status(redirectOf(url))).toBe(0);
    expect(await status(redirectOf(third.authorizationUrl))).toBe(400);
  });

  it('cancel closes the port and changes the state at once (neutral: "Sign-in cancelled")', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp');
    // No stopwatch (timings belong in benchmarks): the state is checked synchronously right after the call,
    // and the port right after that — both already changed.
    expect(rec.service.cancel('corp')).toBe(true);
    expect(rec.service.overview().providers[0]!.state).toEqual({
      status: 'signedOut',
      reason: 'Sign-in cancelled',
      cancelled: true,
    });
    expect(await status(redirectOf(authorizationUrl))).toBe(0);
    expect(rec.service.cancel('corp')).toBe(false);
  });

  it('cancelling a device-code sign-in changes the state at once, not at the next poll', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    await rec.service.signInWithDevice('corp');
    const failed = rec.next('auth.signInFailed', 'corp');
    expect(rec.service.cancel('corp')).toBe(true);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'signedOut' });
    expect(await failed).toMatchObject({ error: 'cancelled' });
    // Nothing the aborted poll does later changes it.
    expect(rec.service.overview().providers[0]!.state).toEqual({
      status: 'signedOut',
      reason: 'Sign-in cancelled',
      cancelled: true,
    });
  });

  it('a cancel while the user is being read ends signed out, and the late answer changes nothing', async () => {
    // A provider whose profile lookup waits until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const settings = {
      type: 'oidc',
      id: 'slow',
      name: 'Slow',
      clientId: 'c',
      issuer: idp.issuer,
      allowInsecureHttp: true,
    } as ProviderSettings;
    const runtime = createRuntime(settings, { demoIssuer: async () => idp.issuer, demoClientId: 'c' });
    runtime.fetchUser = async () => {
      await gate;
      return { id: 'late' };
    };
    const events: string[] = [];
    const service = new SignInService({ providers: [settings], problems: [], source: null }, [runtime], {
      openExternal: async () => false,
      bringToFront() {},
      emit: (name) => void events.push(name),
      now: () => Date.now(),
      log: { warn() {}, error() {} },
    });
    track(service);
    const imported = service.importToken('slow', JSON.stringify({ access_token: 'a', scope: ['openid'] }));
    expect(service.cancel('slow')).toBe(true);
    release();
    await expect(imported).rejects.toMatchObject({ code: 'cancelled' });
    expect(service.overview().providers[0]!.state).toEqual({
      status: 'signedOut',
      reason: 'Sign-in cancelled',
      cancelled: true,
    });
    expect(events).not.toContain('auth.signedIn');
  });
});
