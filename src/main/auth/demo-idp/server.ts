/**
 * The built-in demo identity provider: a real OpenID provider (oidc-provider) on 127.0.0.1, with demo
 * accounts and groups, so a fresh install can sign in with no registration anywhere. Tests start the same
 * server with their own clients and token lifetimes.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';
import { avatarDataUrl, DEMO_PASSWORD, findDemoAccount } from './accounts.ts';
import { DEMO_CLIENT_ID } from './client-id.ts';
import { DemoStateFile, freshDemoState, type DemoState } from './demo-state.ts';
import type { Logger } from '../../../shared/logger.ts';
import { memoryAdapter } from './memory-adapter.ts';
import { consentPage, deviceConfirmPage, deviceInputPage, deviceSuccessPage, loginPage } from './pages.ts';

export { DEMO_CLIENT_ID };
export const DEMO_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'];

export interface DemoIdpOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Extra clients (tests); the public demo client is always there. */
  clients?: ClientMetadata[];
  /** Token lifetimes in seconds. */
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
  /** Rotate refresh tokens on use (default true). */
  rotateRefreshTokens?: boolean;
  /**
   * Keep port, keys, grants and tokens in this folder (the app's demo provider), so remembered demo sign-ins
   * restore and refresh after a restart. Without it (tests) nothing is kept.
   */
  dataDir?: string;
  /** Where a note goes when the saved state cannot be used (default the console). */
  log?: Pick<Logger, 'warn'>;
}

export interface DemoIdp {
  issuer: string;
  port: number;
  provider: Provider;
  close(): Promise<void>;
}

export function demoClient(): ClientMetadata {
  return {
    client_id: DEMO_CLIENT_ID,
    client_name: 'Latchkey (demo)',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    // RFC 8252 loopback redirect: oidc-provider ignores the port for native clients on 127.0.0.1.
    redirect_uris: ['http://127.0.0.1/callback/demo'],
    post_logout_redirect_uris: ['http://127.0.0.1/callback/demo/signed-out'],
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > 16 * 1024) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startDemoIdp(options: DemoIdpOptions = {}): Promise<DemoIdp> {
  const stateFile = options.dataDir ? new DemoStateFile(options.dataDir, options.log) : null;
  const state = stateFile ? await stateFile.load() : freshDemoState();
  const server = http.createServer();
  // The same port as last time keeps the issuer, and so the remembered sign-ins, valid; else any free one.
  const wanted = options.port ?? state.port;
  await listen(server, wanted).catch(async (error: NodeJS.ErrnoException) => {
    if (wanted === 0 || error.code !== 'EADDRINUSE') throw error;
    await listen(server, 0);
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  state.port = port;
  await stateFile?.save(state);
  const jwk = state.jwk;

  const configuration: Configuration = {
    adapter: memoryAdapter(
      stateFile
        ? {
            initial: state.stores as never,
            save: (stores) => stateFile.save({ ...state, stores: stores as DemoState['stores'] }),
          }
        : undefined,
    ),
    clients: [demoClient(), ...(options.clients ?? [])],
    clientDefaults: {
      id_token_signed_response_alg: 'ES256',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    jwks: { keys: [jwk as never] },
    cookies: { keys: [state.cookieKey] },
    scopes: DEMO_SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'picture'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    findAccount: (_ctx, id) => {
      const account = findDemoAccount(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: account.name,
          preferred_username: account.id,
          picture: avatarDataUrl(account),
          email: account.email,
          email_verified: true,
          groups: account.groups,
        }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only its own tokens.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, _out, err) => {
          ctx.type = 'html';
          ctx.body = deviceInputPage(form, Boolean(err));
        },
        userCodeConfirmSource: (ctx, form, client, _deviceInfo, userCode) => {
          ctx.type = 'html';
          ctx.body = deviceConfirmPage(form, client.clientName ?? client.clientId, userCode);
        },
        successSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = deviceSuccessPage(ctx.oidc.client?.clientName ?? 'the app');
        },
      },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => true },
    // A desktop app signs in once and refreshes: give every client allowed to refresh a refresh token.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: options.rotateRefreshTokens ?? true,
    ttl: {
      AccessToken: options.accessTokenTtl ?? 600,
      RefreshToken: options.refreshTokenTtl ?? 14 * 24 * 3600,
      IdToken: 3600,
      Grant: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      DeviceCode: 600,
      AuthorizationCode: 60,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Error</title><h1>Demo identity provider: ${String(out.error)}</h1><p>${String(out.error_description ?? '')}</p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider logs server errors through its event emitter; keep them short and token-free.
  provider.on('server_error', (_ctx, error: Error) =>
    console.error('demo identity provider error:', error.message),
  );
  const callback = provider.callback();

  const send = (res: ServerResponse, status: number, html: string, nonce: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; form-action 'self' http://127.0.0.1:*; frame-ancestors 'none'`,
    });
    res.end(html);
  };

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: string | undefined,
  ) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    const nonce = randomBytes(16).toString('base64');
    if (req.method === 'GET') {
      if (details.prompt.name === 'login') return send(res, 200, loginPage(uid, clientName, nonce), nonce);
      const scopes = String(details.params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      return send(res, 200, consentPage(uid, clientName, scopes, nonce), nonce);
    }
    if (action === 'login') {
      const form = await readForm(req);
      const account = findDemoAccount(form.get('login') ?? '');
      if (!account || form.get('password') !== DEMO_PASSWORD) {
        return send(
          res,
          200,
          loginPage(uid, clientName, nonce, 'Unknown demo account or wrong password.'),
          nonce,
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.id } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'confirm') {
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('no session');
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('grant not found');
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(' '));
      const claims = details.prompt.details.missingOIDCClaims as string[] | undefined;
      if (claims) grant.addOIDCClaims(claims);
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    if (action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
    }
    res.writeHead(404).end();
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
    if (m && (req.method === 'GET' || (req.method === 'POST' && m[2]))) {
      interaction(req, res, m[1]!, m[2]).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(
            `This sign-in attempt cannot go on: ${(error as Error).message}. Start again from the app.`,
          );
        }
      });
      return;
    }
    void callback(req, res);
  });

  return {
    issuer,
    port,
    provider,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
