/**
 * The browser sign-in (RFC 8252): PKCE S256, state and nonce, the authorization page in the system browser,
 * and the redirect back to a loopback listener the attempt owns. openid-client checks state, nonce and the
 * RFC 9207 `iss`. The flow only produces a token set; what becomes of it is the account's to say, and the
 * browser's result page waits for that answer (`respond`).
 */
import * as client from 'openid-client';
import type { SignInError } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Attempt } from './attempt.ts';
import type { PendingView } from './account.ts';
import { LoopbackReceiver, type RedirectReceiver, type ResultPage } from './loopback.ts';
import { SchemeReceiver } from './scheme-redirect.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { errorPage, successPage, type PageTemplates } from './result-pages.ts';
import { toTokenSet } from './tokens.ts';

export interface BrowserFlow {
  authorizationUrl: string;
  pending: PendingView;
  /** The tokens from the redirect; rejects on a timeout, a cancel, or a refused code exchange. */
  tokens: Promise<TokenSet>;
  /** What the browser is shown once the sign-in has ended: null for success, else the error. */
  respond(error: SignInError | null): void;
}

export async function startBrowserFlow(
  runtime: ProviderRuntime,
  attempt: Attempt,
  scopes: string[],
  context: {
    now(): number;
    /** Authorization request parameters beside the flow's own (authorization-params.ts). */
    params: Record<string, string>;
    pages: PageTemplates;
    /** The desktop app's private-use scheme, for providers set to `"redirect": "scheme"` (absent in web mode). */
    redirectScheme?: string | undefined;
  },
): Promise<BrowserFlow> {
  const name = runtime.settings.name;
  const config = await runtime.configuration();
  attempt.check();

  const fixed = runtime.flow.redirectUri;
  const state = client.randomState();
  const path = fixed ? fixed.pathname : `/callback/${runtime.settings.id}`;
  const timeoutMs = runtime.flow.timeoutMs;
  let receiver: RedirectReceiver;
  if (runtime.flow.redirect === 'scheme' && context.redirectScheme) {
    const scheme = new SchemeReceiver({
      scheme: context.redirectScheme,
      path,
      timeoutMs,
      expectedState: state,
    });
    attempt.deliverRedirect = (address) => scheme.deliver(address);
    receiver = scheme;
  } else {
    receiver = await LoopbackReceiver.start({
      port: fixed ? Number(fixed.port) : 0,
      path,
      hostname: fixed?.hostname ?? '127.0.0.1',
      timeoutMs,
      expectedState: state,
    });
  }
  // The receiver belongs to the attempt: cancelling it (or a newer attempt) closes the port at once.
  attempt.own(() => receiver.fail(new HostError('cancelled', attempt.cancelled?.reason ?? 'cancelled')));
  attempt.acceptRedirect = (address) => receiver.acceptPasted(address);
  attempt.check();

  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = runtime.oidc ? client.randomNonce() : undefined;
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const url = client.buildAuthorizationUrl(config, {
    // Last, so nothing extra can replace PKCE, state, nonce or the redirect (authorization-params.ts refuses
    // those names anyway).
    ...context.params,
    redirect_uri: receiver.redirectUri,
    scope: scopes.join(' '),
    response_type: 'code',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
  });
  attempt.check();
  const now = context.now();

  let respond: (error: SignInError | null) => void = () => {};
  const tokens = (async () => {
    const callbackUrl = await receiver.callback;
    // The browser waits on its result page until the sign-in has ended one way or the other.
    receiver.setResult(
      new Promise<ResultPage>((resolve) => {
        respond = (error) =>
          resolve(
            error === null
              ? { ok: true, html: successPage(name, context.pages) }
              : { ok: false, html: errorPage(name, error, context.pages) },
          );
      }),
    );
    const response = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      ...(nonce ? { expectedNonce: nonce } : {}),
      idTokenExpected: runtime.oidc,
    });
    attempt.check();
    return toTokenSet(response, context.now(), undefined, scopes);
  })();

  return {
    authorizationUrl: url.href,
    pending: {
      status: 'pending',
      mode: 'browser',
      authorizationUrl: url.href,
      startedAt: now,
      expiresAt: now + runtime.flow.timeoutMs,
    },
    tokens,
    respond: (error) => respond(error),
  };
}
