import type { ClientMetadata } from 'oidc-provider';
import { startDemoIdp, type DemoIdp, type DemoIdpOptions } from '../../src/main/auth/demo-idp/server.ts';

export const NATIVE_CLIENT = 'test-native';
export const CONFIDENTIAL_CLIENT = 'test-confidential';
export const CONFIDENTIAL_SECRET = 'test-confidential-secret-0123456789';
/** Registered for client_secret_post instead of oidc-provider's default, client_secret_basic. */
export const CONFIDENTIAL_POST_CLIENT = 'test-confidential-post';

export interface TestIdp extends DemoIdp {
  /** Successful grants seen by the provider, by grant type. */
  grants: Record<string, number>;
}

/**
 * A real OpenID provider (the same oidc-provider setup as the demo) on 127.0.0.1 with a native public
 * client and a confidential client, both allowed on any loopback port under /callback/<anything>.
 */
export async function startTestIdp(
  options: DemoIdpOptions & { callbackIds?: string[] } = {},
): Promise<TestIdp> {
  const ids = options.callbackIds ?? ['corp', 'corp-secret', 'oidc'];
  // The loopback on any port, and the desktop app's private-use scheme (RFC 8252 section 7.1).
  const redirects = ids.flatMap((id) => [
    `http://127.0.0.1/callback/${id}`,
    `dev.latchkey.app:/callback/${id}`,
  ]);
  const common: Partial<ClientMetadata> = {
    application_type: 'native',
    redirect_uris: redirects,
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
  };
  const clients: ClientMetadata[] = [
    {
      ...common,
      client_id: NATIVE_CLIENT,
      client_name: 'Test native app',
      token_endpoint_auth_method: 'none',
    },
    {
      ...common,
      client_id: CONFIDENTIAL_CLIENT,
      client_name: 'Test confidential app',
      client_secret: CONFIDENTIAL_SECRET,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      ...common,
      client_id: CONFIDENTIAL_POST_CLIENT,
      client_name: 'Test confidential app (post)',
      client_secret: CONFIDENTIAL_SECRET,
      token_endpoint_auth_method: 'client_secret_post',
    },
    ...(options.clients ?? []),
  ];
  const idp = await startDemoIdp({ ...options, clients });
  const grants: Record<string, number> = {};
  idp.provider.on('grant.success', (ctx: { oidc: { params?: { grant_type?: unknown } } }) => {
    const type = String(ctx.oidc.params?.grant_type ?? '?');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  return Object.assign(idp, { grants });
}

/** A providers-file entry for a test provider, as an app would configure it (plain http on 127.0.0.1). */
export function oidcEntry(idp: { issuer: string }, extra: Record<string, unknown> = {}) {
  return {
    type: 'oidc',
    id: 'corp',
    name: 'Corp',
    issuer: idp.issuer,
    clientId: NATIVE_CLIENT,
    allowInsecureHttp: true,
    ...extra,
  };
}
