import { describe, expect, it } from 'vitest';
import { parseProviderEntries } from '../../../../src/main/auth/config/parse-entries.ts';

const azure = (extra: Record<string, unknown>) =>
  parseProviderEntries([{ type: 'azure', clientId: 'a', ...extra }]);
const problems = (extra: Record<string, unknown>) =>
  azure(extra).problems.map((p) => `${p.field}: ${p.message}`);

describe('an azure entry', () => {
  it('takes groupsSource "claim" or "graph", and national-cloud hosts', () => {
    expect(azure({ groupsSource: 'claim' }).providers).toHaveLength(1);
    expect(azure({ groupsSource: 'graph' }).providers).toHaveLength(1);
    expect(
      azure({ authorityHost: 'login.microsoftonline.us', graphHost: 'graph.microsoft.us' }).providers,
    ).toHaveLength(1);
  });

  it('refuses another groups source and a URL where a host belongs, saying which field and why', () => {
    expect(problems({ groupsSource: 'token' })).toEqual([
      expect.stringMatching(/^groupsSource: must be one of "claim", "graph"/),
    ]);
    expect(problems({ authorityHost: 'https://login.microsoftonline.us' })).toEqual([
      'authorityHost: must be a host name, optionally with :port',
    ]);
    expect(problems({ groupssource: 'graph' })).toEqual([
      'groupssource: is not a known field; did you mean "groupsSource"?',
    ]);
  });
});
