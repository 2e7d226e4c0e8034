/** Calls a running web host's API as its own page does: the launch secret from the page, a client id. */
import type { RunningWebHost } from './web-host.ts';

export type WebCall = (name: string, args: unknown[]) => Promise<unknown>;

export async function webApi(h: RunningWebHost, client = 'api-probe-1'): Promise<WebCall> {
  const page = await (await fetch(h.url)).text();
  const secret = /<meta name="latchkey-web" content="([^"]+)"/.exec(page)?.[1] ?? '';
  return async (name, args) => {
    const res = await fetch(new URL(`/api/call/${name}`, h.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-latchkey-secret': secret,
        'x-latchkey-client': client,
      },
      body: JSON.stringify({ args }),
    });
    const result = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), result.error);
    return result.value;
  };
}
