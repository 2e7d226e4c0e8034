import { describe, expect, it } from 'vitest';
import {
  APP_POLICY,
  DEFAULT_APP_POLICY,
  definePolicy,
  enabledBeyondDefaults,
  policyRefusal,
} from '../../src/shared/app-policy.ts';

describe('the app policy', () => {
  it('defaults to what fits a production app: access tokens on, export and import off', () => {
    expect(DEFAULT_APP_POLICY.auth).toEqual({ getAccessToken: true, exportToken: false, importToken: false });
    expect(definePolicy()).toEqual(DEFAULT_APP_POLICY);
  });

  it('keeps the defaults for what a choice does not name', () => {
    const policy = definePolicy({ auth: { exportToken: true } });
    expect(policy.auth).toEqual({ getAccessToken: true, exportToken: true, importToken: false });
    expect(policy.linkSchemes).toEqual([]);
    expect(Object.isFrozen(policy.auth)).toBe(true);
  });

  it.each([
    ['auth.getAccessToken', DEFAULT_APP_POLICY, null],
    ['auth.exportToken', DEFAULT_APP_POLICY, 'auth.exportToken'],
    ['auth.importToken', DEFAULT_APP_POLICY, 'auth.importToken'],
    ['auth.getAccessToken', definePolicy({ auth: { getAccessToken: false } }), 'auth.getAccessToken'],
    ['auth.exportToken', definePolicy({ auth: { exportToken: true } }), null],
    ['auth.request', DEFAULT_APP_POLICY, null],
    ['constructor', DEFAULT_APP_POLICY, null],
  ])('%s under %j is refused for %s', (method, policy, refusal) => {
    expect(policyRefusal(policy, method)).toBe(refusal);
  });

  it('the showcase turns export and import on, and says which settings go beyond the defaults', () => {
    expect(APP_POLICY.auth).toMatchObject({ exportToken: true, importToken: true });
    expect(enabledBeyondDefaults(APP_POLICY)).toEqual(['auth.exportToken', 'auth.importToken']);
    expect(enabledBeyondDefaults(DEFAULT_APP_POLICY)).toEqual([]);
  });
});
