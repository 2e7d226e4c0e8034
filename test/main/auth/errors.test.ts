/**
 * Which failures keep a session (offline, 5xx, 429: transient) and which end it (the provider's refusal),
 * and how each reads as Flet's (error, errorDescription) pair. The errors are the real ones openid-client
 * throws for each answer of a token endpoint, not hand-made look-alikes.
 */
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { isNetwork, isTransient, toSignInError } from '../../../src/main/auth/errors.ts';
import { HostError } from '../../../src/shared/errors.ts';

/** What refreshTokenGrant throws when the token endpoint answers `status` with `body` (or the fetch fails). */
async function refreshFailure(answer: (() => Promise<Response>) | { status: number; body: unknown }) {
  const config = new client.Configuration(
    { issuer: 'https://idp.example.test', token_endpoint: 'https://idp.example.test/token' },
    'app',
  );
  config[client.customFetch] =
    typeof answer === 'function'
      ? answer
      : async () =>
          new Response(JSON.stringify(answer.body), {
            status: answer.status,
            headers: { 'content-type': 'application/json' },
          });
  try {
    await client.refreshTokenGrant(config, 'rt');
  } catch (error) {
    return error;
  }
  throw new Error('the refresh unexpectedly succeeded');
}

const connectionRefused = () =>
  Promise.reject(
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    }),
  );

describe('transient or permanent', () => {
  it.each([
    ['a refused connection', connectionRefused, true],
    [
      'a DNS failure',
      () => Promise.reject(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })),
      true,
    ],
    ['a timeout', () => Promise.reject(new DOMException('The operation timed out', 'TimeoutError')), true],
    ['HTTP 503 with an OAuth error', { status: 503, body: { error: 'temporarily_unavailable' } }, true],
    ['HTTP 500 with an empty body', { status: 500, body: {} }, true],
    ['invalid_grant', { status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } }, false],
    ['invalid_client', { status: 401, body: { error: 'invalid_client' } }, false],
  ] as const)('%s → transient %s', async (_label, answer, transient) => {
    const error = await refreshFailure(answer as Parameters<typeof refreshFailure>[0]);
    expect(isTransient(error)).toBe(transient);
  });

  it('takes an unreachable provider (unavailable) as transient, a refusal (forbidden) as permanent', () => {
    expect(isTransient(new HostError('unavailable', 'cannot use https://idp as an OpenID provider'))).toBe(
      true,
    );
    expect(isTransient(new HostError('forbidden', 'refused'))).toBe(false);
    expect(isTransient(new Error('something else'))).toBe(false);
  });

  it('finds a network failure along the cause chain, a few links deep and no deeper', () => {
    const wrap = (e: Error, n: number): Error =>
      n === 0 ? e : new Error(`layer ${n}`, { cause: wrap(e, n - 1) });
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(isNetwork(wrap(refused, 5))).toBe(true);
    expect(isNetwork(wrap(refused, 6))).toBe(false);
  });

  it("takes Electron's net::ERR_ errors (wrapped by openid-client) as offline, so a refresh keeps the session", async () => {
    // What Electron's net.fetch rejects with when the machine is offline: a plain Error, not a TypeError.
    const offline = await refreshFailure(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')));
    expect(offline).toBeInstanceOf(client.ClientError);
    expect(isTransient(offline)).toBe(true);
    expect(toSignInError(offline)).toMatchObject({ error: 'unavailable' });
    expect(
      isTransient(await refreshFailure(() => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED')))),
    ).toBe(true);
  });
});

describe("Flet's (error, errorDescription)", () => {
  it("keeps the provider's own error code and words", async () => {
    const error = await refreshFailure({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'the refresh token was revoked' },
    });
    expect(toSignInError(error)).toEqual({
      error: 'invalid_grant',
      errorDescription: 'the refresh token was revoked',
    });
  });

  it('describes a known code the provider gave without words', async () => {
    const error = await refreshFailure({ status: 401, body: { error: 'invalid_client' } });
    expect(toSignInError(error)).toEqual({
      error: 'invalid_client',
      errorDescription: 'the provider does not know this client id, or its secret is wrong',
    });
  });

  it('says unavailable for a provider that cannot be reached, and keeps typed host errors', async () => {
    expect(toSignInError(await refreshFailure(connectionRefused))).toMatchObject({ error: 'unavailable' });
    expect(toSignInError(new HostError('cancelled', 'the sign-in was cancelled'))).toEqual({
      error: 'cancelled',
      errorDescription: 'the sign-in was cancelled',
    });
    expect(toSignInError('a string')).toEqual({ error: 'internal', errorDescription: 'a string' });
  });
});
