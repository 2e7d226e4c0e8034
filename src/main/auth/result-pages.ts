/** The small pages the browser shows after the redirect. They load nothing from anywhere. */
import type { SignInError } from '../../shared/auth-types.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;background:#f6f7f9;color:#1c1f24}
main{background:#fff;border:1px solid #d9dde3;border-radius:12px;padding:24px 32px;max-width:460px}h1{font-size:1.3rem}
@media (prefers-color-scheme: dark){body{background:#15171b;color:#e7e9ee}main{background:#1e2127;border-color:#343a44}}</style>
</head><body><main>${body}</main></body></html>`;

export interface PageTemplates {
  completePageHtml?: string | undefined;
  errorPageHtml?: string | undefined;
  /**
   * A link that brings the installed app forward (its deep-link scheme, `latchkey://open/signin`), where the
   * app has registered one; the page offers it as "Return to the app".
   */
  returnToApp?: string | undefined;
}

const returnLink = (templates: PageTemplates) =>
  templates.returnToApp ? `<p><a href="${escapeHtml(templates.returnToApp)}">Return to the app</a></p>` : '';

export function successPage(providerName: string, templates: PageTemplates): string {
  if (templates.completePageHtml)
    return templates.completePageHtml.replaceAll('{{provider}}', escapeHtml(providerName));
  return page(
    'Signed in',
    `<h1>Signed in with ${escapeHtml(providerName)}</h1><p>You can close this tab and return to the app.</p>${returnLink(templates)}`,
  );
}

export function errorPage(providerName: string, error: SignInError, templates: PageTemplates): string {
  const text = `${error.error}: ${error.errorDescription}`;
  if (templates.errorPageHtml) {
    return templates.errorPageHtml
      .replaceAll('{{provider}}', escapeHtml(providerName))
      .replaceAll('{{error}}', escapeHtml(text));
  }
  return page(
    'Sign-in failed',
    `<h1>Sign-in with ${escapeHtml(providerName)} failed</h1><p>${escapeHtml(text)}</p><p>Return to the app to try again.</p>${returnLink(templates)}`,
  );
}
