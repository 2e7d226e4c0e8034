/**
 * What the first screen shows is asked for before React renders it: the Sign-in area's providers. The
 * request goes out while the page's script is still starting, so the first interactive "Sign in with …"
 * button waits for one host round trip that overlaps the first render instead of following it.
 */
import type { ProvidersOverview } from '../../shared/auth-types.ts';
import { host } from './client.ts';

let providers: Promise<ProvidersOverview> | null = null;

/** Sends the first screen's requests (main.tsx, before render). */
export function askEarly(): void {
  providers = host['auth.providers']();
  // Whoever takes it reports a failure; an answer nobody takes must not be an unhandled rejection.
  providers.catch(() => undefined);
}

/** The providers: the early answer the first time it is there, a fresh request after that. */
export function loadProviders(): Promise<ProvidersOverview> {
  const early = providers;
  providers = null;
  return early ?? host['auth.providers']();
}
