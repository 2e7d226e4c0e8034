/**
 * The device authorization grant (RFC 8628): the user enters a code on another device or tab while the
 * attempt polls. Cancelling the attempt aborts the poll; its state changes at once, not at the next poll.
 */
import * as client from 'openid-client';
import type { DeviceAuthorization } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Attempt } from './attempt.ts';
import { toSignInError } from './errors.ts';
import type { FlowHost, ProviderSlot, SignInOptions } from './provider-slot.ts';
import { toTokenSet } from './tokens.ts';

export async function startDeviceFlow(
  host: FlowHost,
  p: ProviderSlot,
  attempt: Attempt,
  options: SignInOptions,
): Promise<DeviceAuthorization> {
  const { runtime } = p;
  if (!(await runtime.supportsDevice().catch(() => false))) {
    throw new HostError('unsupported', `${runtime.settings.name} does not offer sign-in with a device code`);
  }
  const config = await runtime.configuration();
  const scopes = await host.scopes(p, options);
  attempt.check();
  const device = await client.initiateDeviceAuthorization(config, {
    scope: scopes.join(' '),
    ...runtime.authorizationParams(),
  });
  attempt.check();
  const now = host.ports.now();
  host.pending(p, attempt, {
    status: 'pending',
    mode: 'device',
    userCode: device.user_code,
    verificationUri: device.verification_uri,
    verificationUriComplete: device.verification_uri_complete,
    expiresAt: now + device.expires_in * 1000,
    startedAt: now,
  });
  void (async () => {
    try {
      // authorization_pending and slow_down (RFC 8628) are handled by the poll, also when a server sends
      // them with HTTP 200 as GitHub does (the OAuth 2.0 runtimes map those to errors).
      const response = await client.pollDeviceAuthorizationGrant(config, device, undefined, {
        signal: attempt.signal,
      });
      attempt.check();
      await host.establish(p, attempt, toTokenSet(response, host.ports.now(), undefined, scopes), options);
    } catch (error) {
      host.failed(p, attempt, toSignInError(error));
    }
  })();
  return {
    userCode: device.user_code,
    verificationUri: device.verification_uri,
    verificationUriComplete: device.verification_uri_complete,
    expiresIn: device.expires_in,
    interval: device.interval ?? 5,
  };
}
