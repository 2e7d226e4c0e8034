/** The refusals' details survive a transport as they were sent, and nothing else passes for them. */
import { describe, expect, it } from 'vitest';
import { HostError } from '../../src/shared/errors.ts';

describe('app_policy and scope_not_allowed details', () => {
  it('come through HostError.from whole', () => {
    const policy = {
      code: 'forbidden',
      message: 'm',
      details: { reason: 'app_policy', setting: 'auth.exportToken' },
    };
    expect(HostError.from(policy).details).toEqual({ reason: 'app_policy', setting: 'auth.exportToken' });
    const scopes = {
      code: 'forbidden',
      message: 'm',
      details: { reason: 'scope_not_allowed', scopes: ['a', 'b'] },
    };
    expect(HostError.from(scopes).details).toEqual({ reason: 'scope_not_allowed', scopes: ['a', 'b'] });
  });

  it.each([
    { reason: 'app_policy' },
    { reason: 'app_policy', setting: 7 },
    { reason: 'scope_not_allowed', scopes: 'delete_repo' },
    { reason: 'scope_not_allowed', scopes: [1] },
  ])('drop a malformed shape %j', (details) => {
    expect(HostError.from({ code: 'forbidden', message: 'm', details }).details).toBeUndefined();
  });
});
