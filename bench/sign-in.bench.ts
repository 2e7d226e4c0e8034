/**
 * Sign-in cost on our side: from the callback reaching the loopback receiver to the "signed in" event,
 * beside the bare openid-client calls for the same work (code exchange with the ID token signature checked, as
 * the host does over plain http, + userinfo) on the same provider.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { NATIVE_CLIENT, oidcEntry, startTestIdp } from '../test/helpers/idp.ts';
import { approveOverHttp } from '../test/helpers/idp-http.ts';
import { signInServiceFor } from '../test/helpers/sign-in.ts';
import { row, type BenchRow } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function run(): Promise<BenchRow[]> {
  const idp = await startTestIdp({ callbackIds: ['corp', 'bare'] });
  try {
    const rec = await signInServiceFor([oidcEntry(idp, { fetchUser: true, fetchGroups: false })]);
    const config = await client.discovery(new URL(idp.issuer), NATIVE_CLIENT, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    // The test provider speaks plain http on loopback, where the host checks the ID token's signature
    // against the provider's keys (nothing else vouches for it there): the baseline does the same work.
    client.enableNonRepudiationChecks(config);

    let onBare: ((path: string) => void) | null = null;
    const bareListener = http.createServer((req, res) => {
      res.writeHead(303, { location: '/done', connection: 'close' }).end();
      onBare?.(req.url ?? '/');
    });
    await new Promise<void>((r) => bareListener.listen(0, '127.0.0.1', r));
    const barePort = (bareListener.address() as AddressInfo).port;
    const nextBareCallback = () => new Promise<string>((resolve) => (onBare = resolve));

    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS + 5; i++) {
      // Ours: the whole host-side path after the browser comes back.
      const { authorizationUrl } = await rec.service.signIn('corp');
      const callback = await approveOverHttp(authorizationUrl);
      const signedIn = Promise.race([
        rec.next('auth.signedIn', 'corp'),
        rec
          .next('auth.signInFailed', 'corp')
          .then((e) => Promise.reject(new Error(`sign-in failed: ${e.errorDescription}`))),
      ]);
      let start = process.hrtime.bigint();
      await fetch(callback, { redirect: 'manual' });
      await signedIn;
      if (i >= 5) ours.push(ms(start));

      // Baseline: the same two protocol calls, nothing around them.
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: 'http://127.0.0.1:1/callback/bare',
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const bareCallback = new URL(await approveOverHttp(url.href));
      // The same hop as ours: the browser's request reaches a bare loopback listener, which then does the two calls.
      const target = `http://127.0.0.1:${barePort}${bareCallback.pathname}${bareCallback.search}`;
      start = process.hrtime.bigint();
      const [received] = await Promise.all([nextBareCallback(), fetch(target, { redirect: 'manual' })]);
      const tokens = await client.authorizationCodeGrant(config, new URL(received, bareCallback), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      if (i >= 5) bare.push(ms(start));
    }
    rec.service.close();
    bareListener.close();
    return [
      row({
        group: 'sign-in',
        name: 'callback received → "signed in" event (code exchange + userinfo)',
        value: median(ours),
        unit: 'ms',
        baseline: {
          name: 'bare loopback listener + openid-client exchange (signature checked) + userinfo',
          value: median(bare),
        },
        target: '≤ 1.2× baseline',
        maxRatio: 1.2,
      }),
    ];
  } finally {
    await idp.close();
  }
}
