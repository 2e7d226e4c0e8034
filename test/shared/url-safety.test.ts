import { describe, expect, it } from 'vitest';
import { APP_IDENTITY } from '../../src/shared/app-identity.ts';
import { APP_POLICY } from '../../src/shared/app-policy.ts';
import { appLinkSchemeProblem, isSafeExternalUrl, linkProblem } from '../../src/shared/url-safety.ts';

describe('linkProblem: what link.open takes without the app listing anything', () => {
  it.each([
    'https://example.com/',
    'http://example.com/path?q=1',
    'mailto:someone@example.com',
    'mailto:someone@example.com?subject=Hi&body=Hello%20there&cc=a@example.com&bcc=b@example.com',
    'mailto:someone@example.com?Subject=Case%20does%20not%20matter',
    'tel:+15551234567',
    'tel:+1-555-123-4567;ext=89',
    'sms:+15551234567',
    'sms:+15551234567?body=On%20my%20way',
  ])('takes %s', (url) => {
    expect(linkProblem(url, [])).toBeNull();
  });

  // The red-team finding: attach= went through to the system's mail handler.
  it.each([
    ['mailto:a@example.com?attach=/etc/passwd', 'attach'],
    ['mailto:a@example.com?ATTACH=C:\\secret.txt', 'ATTACH'],
    ['mailto:a@example.com?subject=x&attachment=%2Fhome', 'attachment'],
    ['mailto:a@example.com?to=b@example.com', 'to'],
    ['sms:+15551234567?attach=x', 'attach'],
  ])('refuses a field other than the allowed ones: %s', (url, field) => {
    const problem = linkProblem(url, []);
    expect(problem).toMatchObject({ kind: 'field' });
    expect(problem!.message).toContain(`"${field}"`);
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['smb://host/share', 'scheme'],
    ['ms-settings:privacy', 'scheme'],
    ['zoommtg://zoom.us/join?confno=1', 'scheme'],
    ['https://user:pass@example.com/', 'credentials'],
    ['not a url', 'not_a_url'],
    ['', 'not_a_url'],
    ['mailto:', 'empty'],
    ['tel:', 'empty'],
    ['sms:', 'empty'],
    ['https://' + 'a'.repeat(9000) + '.com', 'not_a_url'],
  ])('refuses %s (%s)', (url, kind) => {
    expect(linkProblem(url, [])).toMatchObject({ kind });
  });

  it('takes the schemes the app lists, and only those', () => {
    expect(linkProblem('zoommtg://zoom.us/join?confno=1', ['zoommtg'])).toBeNull();
    expect(linkProblem('slack://open', ['zoommtg'])).toMatchObject({ kind: 'scheme' });
    expect(linkProblem('zoommtg:', ['zoommtg'])).toMatchObject({ kind: 'empty' });
  });

  it('never takes a scheme that reaches files, script or the app itself, even when listed', () => {
    for (const scheme of ['file', 'javascript', 'data', 'app', APP_IDENTITY.scheme]) {
      expect(linkProblem(`${scheme}:x`, [scheme])).toMatchObject({ kind: 'scheme' });
    }
  });
});

describe('appLinkSchemeProblem: what the policy may list', () => {
  it('takes plain scheme names and refuses the dangerous ones and malformed names', () => {
    expect(appLinkSchemeProblem('zoommtg')).toBeNull();
    expect(appLinkSchemeProblem('ms-teams')).toBeNull();
    expect(appLinkSchemeProblem('javascript')).toContain('never');
    expect(appLinkSchemeProblem(APP_IDENTITY.scheme)).toContain('never');
    expect(appLinkSchemeProblem('zoommtg:')).toContain('scheme name');
    expect(appLinkSchemeProblem('Zoom')).toContain('scheme name');
  });

  it("every scheme in the app's own policy is one it may list", () => {
    for (const scheme of APP_POLICY.linkSchemes) expect(appLinkSchemeProblem(scheme)).toBeNull();
  });
});

describe('isSafeExternalUrl with a scheme list', () => {
  it('keeps to the schemes named (the guards pass web links only)', () => {
    expect(isSafeExternalUrl('https://example.com/', ['https:', 'http:'])).toBe(true);
    expect(isSafeExternalUrl('tel:+15551234567', ['https:', 'http:'])).toBe(false);
    expect(isSafeExternalUrl('tel:+15551234567')).toBe(true);
  });
});
