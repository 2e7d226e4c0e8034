/**
 * The browser sign-in (RFC 8252): PKCE S256, state and nonce, the authorization page in the system browser,
 * and the redirect back to a loopback listener the attempt owns. openid-client checks state, nonce and the
 * RFC 9207 `iss`. Completion arrives as events; the call returns once the authorization URL is ready.
 */
import * as client from 'openid-client';
import type { Attempt } from './attempt.ts';
import { toSignInError } from './errors.ts';
import { LoopbackReceiver, type ResultPage } from './loopback.ts';
import type { FlowHost, ProviderSlot, SignInOptions } from './provider-slot.ts';
import { errorPage, successPage } from './result-pages.ts';
import { toTokenSet } from './tokens.ts';
import { HostError } from '../../shared/errors.ts';

export async function startBrowserFlow(
  host: FlowHost,
  p: ProviderSlot,
  attempt: Attempt,
  options: SignInOptions,
): Promise<{ authorizationUrl: string; openedByHost: boolean }> {
  const { runtime } = p;
  const name = runtime.settings.name;
  const config = await runtime.configuration();
  const scopes = await host.scopes(p, options);
  attempt.check();

  const fixed = runtime.flow.redirectUri;
  const state = client.randomState();
  const receiver = await LoopbackReceiver.start({
    port: fixed ? Number(fixed.port) : 0,
    path: fixed ? fixed.pathname : `/callback/${runtime.settings.id}`,
    hostname: fixed?.hostname ?? '127.0.0.1',
    timeoutMs: runtime.flow.timeoutMs,
    expectedState: state,
  });
  // The listener belongs to the attempt: cancelling it (or a newer attempt) closes the port at once.
  attempt.own(() => receiver.fail(new HostError('cancelled', attempt.cancelled?.reason ?? 'cancelled')));
  attempt.check();

  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = runtime.oidc ? client.randomNonce() : undefined;
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: receiver.redirectUri,
    scope: scopes.join(' '),
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
    ...runtime.authorizationParams(),
  });
  attempt.check();
  const now = host.ports.now();
  host.pending(p, attempt, {
    status: 'pending',
    mode: 'browser',
    authorizationUrl: url.href,
    startedAt: now,
    expiresAt: now + runtime.flow.timeoutMs,
  });

  void (async () => {
    let callbackUrl: URL;
    try {
      callbackUrl = await receiver.callback;
    } catch (error) {
      // Cancelled attempts were reported when they were cancelled; a timeout is reported here.
      if (attempt.live) host.failed(p, attempt, toSignInError(error));
      return;
    }
    let answer!: (page: ResultPage) => void;
    receiver.setResult(new Promise<ResultPage>((resolve) => (answer = resolve)));
    try {
      const response = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        ...(nonce ? { expectedNonce: nonce } : {}),
        idTokenExpected: runtime.oidc,
      });
      attempt.check();
      await host.establish(p, attempt, toTokenSet(response, host.ports.now(), undefined, scopes), options);
      answer({ ok: true, html: successPage(name, host.pages) });
    } catch (error) {
      const e = toSignInError(error);
      answer({ ok: false, html: errorPage(name, e, host.pages) });
      host.failed(p, attempt, e);
    }
  })();

  const openedByHost = await host.ports.openExternal(url.href).catch(() => false);
  return { authorizationUrl: url.href, openedByHost };
}
