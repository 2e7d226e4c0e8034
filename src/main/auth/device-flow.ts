/**
 * The device authorization grant (RFC 8628): the user enters a code on another device or tab while the
 * attempt polls. Cancelling the attempt aborts the poll at once, not at the next poll. The flow only
 * produces a token set.
 */
import * as client from 'openid-client';
import type { DeviceAuthorization } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Attempt } from './attempt.ts';
import type { PendingView } from './account.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { toTokenSet } from './tokens.ts';

export interface DeviceFlow {
  authorization: DeviceAuthorization;
  pending: PendingView;
  /** The tokens once the user has confirmed; rejects when refused, expired or cancelled. */
  tokens: Promise<TokenSet>;
}

export async function startDeviceFlow(
  runtime: ProviderRuntime,
  attempt: Attempt,
  scopes: string[],
  now: () => number,
): Promise<DeviceFlow> {
  if (!(await runtime.supportsDevice().catch(() => false))) {
    throw new HostError('unsupported', `${runtime.settings.name} does not offer sign-in with a device code`);
  }
  const config = await runtime.configuration();
  attempt.check();
  const device = await client.initiateDeviceAuthorization(config, {
    scope: scopes.join(' '),
    ...runtime.authorizationParams(),
  });
  attempt.check();
  const startedAt = now();
  const tokens = (async () => {
    // authorization_pending and slow_down (RFC 8628) are handled by the poll, also when a server sends
    // them with HTTP 200 as GitHub does (the OAuth 2.0 runtimes map those to errors).
    const response = await client.pollDeviceAuthorizationGrant(config, device, undefined, {
      signal: attempt.signal,
    });
    attempt.check();
    return toTokenSet(response, now(), undefined, scopes);
  })();
  return {
    authorization: {
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      verificationUriComplete: device.verification_uri_complete,
      expiresIn: device.expires_in,
      interval: device.interval ?? 5,
    },
    pending: {
      status: 'pending',
      mode: 'device',
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      verificationUriComplete: device.verification_uri_complete,
      expiresAt: startedAt + device.expires_in * 1000,
      startedAt,
    },
    tokens,
  };
}
