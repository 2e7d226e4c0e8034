import type { ProviderSettings } from '../config/load.ts';
import type { FetchImpl } from './http.ts';
import { createOidcRuntime } from './oidc.ts';
import { createAzureRuntime, createCustomOAuth2Runtime, createGitHubRuntime } from './oauth2.ts';
import { bindingOf, resolveFlowOptions } from './flow-options.ts';
import type { ProviderRuntime, TypeRuntime } from './types.ts';

export interface RuntimeDeps {
  /** Issuer of the embedded demo identity provider (started on demand). */
  demoIssuer: () => Promise<string>;
  demoClientId: string;
  fetchImpl?: FetchImpl;
}

const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/** A provider runtime: what its type does, plus its resolved flow options and identity binding. */
export function createRuntime(settings: ProviderSettings, deps: RuntimeDeps): ProviderRuntime {
  const runtime = createTypeRuntime(settings, deps);
  return Object.assign(runtime, { flow: resolveFlowOptions(settings), binding: bindingOf(settings) });
}

function createTypeRuntime(settings: ProviderSettings, deps: RuntimeDeps): TypeRuntime {
  const f = deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {};
  switch (settings.type) {
    case 'github':
      return createGitHubRuntime(settings, deps.fetchImpl);
    case 'azure':
      return createAzureRuntime(settings, deps.fetchImpl);
    case 'oauth2':
      return createCustomOAuth2Runtime(settings, deps.fetchImpl);
    case 'google':
      return createOidcRuntime(settings, {
        ...f,
        issuer: async () => 'https://accounts.google.com',
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_post',
        allowHttp: false,
        // Google gives a refresh token only with access_type=offline, and again only with prompt=consent.
        authParams: { access_type: 'offline', prompt: 'consent' },
      });
    case 'auth0':
      return createOidcRuntime(settings, {
        ...f,
        issuer: async () => `https://${settings.domain}/`,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_post',
        allowHttp: false,
        baseScopes: ['offline_access'],
        authParams: settings.audience ? { audience: settings.audience } : {},
      });
    case 'oidc':
      return createOidcRuntime(settings, {
        ...f,
        issuer: async () => settings.issuer,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        // Every OAuth 2.0 server must accept HTTP Basic; it is also oidc-provider's and Keycloak's default.
        clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_basic',
        groupsClaim: settings.groupsClaim ?? 'groups',
        allowHttp: settings.allowInsecureHttp === true && LOOPBACK_URL.test(settings.issuer),
      });
    case 'demo':
      return createOidcRuntime(settings, {
        ...f,
        issuer: deps.demoIssuer,
        clientId: deps.demoClientId,
        clientAuthMethod: 'client_secret_basic',
        groupsClaim: 'groups',
        allowHttp: true,
        // The demo is for trying accounts out: always ask who is signing in, even if the browser remembers one.
        authParams: { prompt: 'login consent' },
      });
  }
}
