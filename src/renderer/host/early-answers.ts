/**
 * What the first screen shows is asked for before React renders it: the Sign-in area's providers. The
 * request goes out while the page's script is still starting, and the first render waits for its answer (a
 * local round trip, capped by FIRST_RENDER_WAIT_MS), so the Sign-in buttons are in the very first render:
 * no empty area painted first and no second render to fill it.
 */
import type { ProvidersOverview } from '../../shared/auth-types.ts';
import { host } from './client.ts';

/** The longest the first render waits for the early answer (ms); a slow host gets its "Loading" instead. */
export const FIRST_RENDER_WAIT_MS = 100;

let providers: Promise<ProvidersOverview> | null = null;
let answered: ProvidersOverview | null = null;

/**
 * Sends the first screen's requests (main.tsx, before render). Resolves when the answer is in, or failed,
 * or after FIRST_RENDER_WAIT_MS, whichever comes first; it never rejects.
 */
export function askEarly(): Promise<void> {
  const asked = host['auth.providers']();
  providers = asked;
  // Whoever takes it reports a failure; an answer nobody takes must not be an unhandled rejection.
  const settled = asked.then(
    (answer) => {
      if (providers === asked) answered = answer;
    },
    () => undefined,
  );
  return Promise.race([settled, new Promise<void>((r) => setTimeout(r, FIRST_RENDER_WAIT_MS))]);
}

/** The early answer if it has arrived, for the first render to show; taken once (null after, or before). */
export function takeEarlyProviders(): ProvidersOverview | null {
  const answer = answered;
  answered = null;
  if (answer) providers = null;
  return answer;
}

/** The providers: the early answer the first time it is there, a fresh request after that. */
export function loadProviders(): Promise<ProvidersOverview> {
  const early = providers;
  providers = null;
  answered = null;
  return early ?? host['auth.providers']();
}
