/** The browser's pages after the redirect: "Return to the app" only where the app has a link to offer. */
import { describe, expect, it } from 'vitest';
import { errorPage, successPage } from '../../../src/main/auth/result-pages.ts';

describe('result pages', () => {
  it('offer "Return to the app" through the app scheme when there is one, and nothing otherwise', () => {
    const withLink = successPage('Corp', { returnToApp: 'latchkey://open/signin' });
    expect(withLink).toContain('<a href="latchkey://open/signin">Return to the app</a>');
    expect(successPage('Corp', {})).not.toContain('Return to the app</a>');
    const failed = errorPage(
      'Corp',
      { error: 'access_denied', errorDescription: 'no' },
      { returnToApp: 'latchkey://open/signin' },
    );
    expect(failed).toContain('Return to the app</a>');
  });

  it('escapes what it puts in the page', () => {
    const page = successPage('<b>Corp</b>', { returnToApp: 'latchkey://open/signin?"><script>' });
    expect(page).not.toContain('<b>Corp</b>');
    expect(page).not.toContain('"><script>');
  });
});
