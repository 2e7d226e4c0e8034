/** HTML of the demo identity provider's own login and consent pages (self-contained, no external loads). */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f4f7;color:#1c1f24;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #d9dde3;border-radius:12px;padding:24px 28px;width:340px}
h1{font-size:1.25rem;margin:0 0 4px}.badge{display:inline-block;background:#fff3bf;color:#5c4400;border-radius:6px;padding:2px 8px;font-size:.8rem;margin-bottom:12px}
label{display:grid;gap:4px;margin:10px 0;font-size:.9rem}input,select{font:inherit;padding:8px;border:1px solid #c9ced6;border-radius:8px}
.row{display:flex;gap:8px;margin-top:16px}button{font:inherit;padding:8px 14px;border-radius:8px;border:1px solid #3b5bdb;background:#3b5bdb;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1c1f24;border-color:#c9ced6}.hint{color:#5c6370;font-size:.85rem}.error{color:#c92a2a}ul{padding-left:1.2em}`;

function layout(title: string, body: string, nonce?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style${nonce ? ` nonce="${nonce}"` : ''}>${STYLE}</style></head><body><main>
<span class="badge">Demo identity provider — not a real account</span>${body}</main></body></html>`;
}

export function loginPage(uid: string, clientName: string, nonce: string, error?: string): string {
  const accounts = DEMO_ACCOUNTS.map((a) => `<b>${a.id}</b> (${escapeHtml(a.name)})`).join(', ');
  return layout(
    'Sign in — Latchkey demo',
    `<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p class="hint">Pick a demo account. The password for every demo account is <b>${DEMO_PASSWORD}</b>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login" autocomplete="off">
<label>Username<input name="login" required value="ada" autocapitalize="none" spellcheck="false"></label>
<p class="hint">Accounts: ${accounts}</p>
<label>Password<input name="password" type="password" required></label>
<div class="row"><button type="submit">Sign in</button></div></form>
<form method="post" action="/interaction/${uid}/abort"><div class="row"><button class="secondary" type="submit">Cancel</button></div></form>`,
    nonce,
  );
}

export function consentPage(uid: string, clientName: string, scopes: string[], nonce: string): string {
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return layout(
    'Allow access — Latchkey demo',
    `<h1>Allow ${escapeHtml(clientName)}?</h1>
<p class="hint">It asks for:</p><ul>${items}</ul>
<form method="post" action="/interaction/${uid}/confirm"><div class="row"><button type="submit">Allow</button></div></form>
<form method="post" action="/interaction/${uid}/abort"><div class="row"><button class="secondary" type="submit">Deny</button></div></form>`,
    nonce,
  );
}

// Device flow (RFC 8628) pages. oidc-provider supplies the forms (with their CSRF token); we supply the page.

export function deviceInputPage(form: string, error: boolean): string {
  const labelled = form.replace('name="user_code"', 'name="user_code" aria-label="Code"');
  return layout(
    'Enter code — Latchkey demo',
    `<h1>Enter the code shown in the app</h1>
${error ? '<p class="error" role="alert">That code is not valid. Check it and try again.</p>' : ''}
${labelled}<div class="row"><button type="submit" form="op.deviceInputForm">Continue</button></div>`,
  );
}

export function deviceConfirmPage(form: string, clientName: string, userCode: string): string {
  return layout(
    'Confirm device — Latchkey demo',
    `<h1>Sign in to ${escapeHtml(clientName)}?</h1>
<p>Check that the app shows this code:</p><p style="font-size:1.6rem;letter-spacing:.15em"><code>${escapeHtml(userCode)}</code></p>
${form}<div class="row"><button type="submit" form="op.deviceConfirmForm">Continue</button>
<button class="secondary" type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button></div>`,
  );
}

export function deviceSuccessPage(clientName: string): string {
  return layout(
    'Device signed in — Latchkey demo',
    `<h1>Signed in to ${escapeHtml(clientName)}</h1><p>You can close this page and return to the app.</p>`,
  );
}
