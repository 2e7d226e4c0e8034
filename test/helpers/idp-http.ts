/**
 * Plays the user at the test identity provider over plain HTTP (for benchmarks, where a browser would
 * dominate the timing): follows the provider's redirects with a cookie jar, signs in and consents, and
 * returns the callback URL without calling it.
 */
export async function approveOverHttp(authorizationUrl: string, account = 'ada'): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  let url = authorizationUrl;
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookie(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    });
    remember(res);
    form = null;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next; // back at the app: the callback
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /action="([^"]+\/(login|confirm))"/.exec(html)?.[1];
    if (!action) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 200)}`);
    url = new URL(action, url).href;
    form = action.endsWith('/login')
      ? new URLSearchParams({ login: account, password: 'demo' })
      : new URLSearchParams();
  }
  throw new Error('too many redirects at the provider');
}
