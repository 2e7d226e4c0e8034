/** The Sign-in area when the providers file has problems: what it says, and that it offers nothing instead. */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProviderInfo, VaultInfo } from '../../../src/shared/auth-types.ts';
import { SignInPanel } from '../../../src/renderer/panels/SignInPanel.tsx';
import { askEarly } from '../../../src/renderer/host/early-answers.ts';
import { EMPTY_VAULT } from '../helpers/vault.ts';
import { fakeHost } from '../helpers/fake-host.ts';

const vault: VaultInfo = EMPTY_VAULT;

/** A configured provider, signed out. */
const google: ProviderInfo = {
  id: 'google',
  name: 'Google',
  type: 'google',
  isDemo: false,
  deviceFlow: false,
  exampleRequest: null,
  state: { status: 'signedOut' },
  accounts: [],
  activeAccountId: null,
};

describe('sign-in area with a providers file that cannot be used', () => {
  it('names the file and why, offers no demo instead, and says how to get it', async () => {
    const file = '/home/ada/provders.json';
    fakeHost
      .answer('auth.providers', () => ({
        providers: [],
        problems: [
          { entry: file, field: '(file)', message: 'cannot be read: there is no file at this path (ENOENT)' },
        ],
        source: file,
      }))
      .answer('auth.vault', () => vault);
    render(<SignInPanel />);
    const problems = await screen.findByRole('region', { name: 'Problems in the providers configuration' });
    expect(within(problems).getByRole('listitem').textContent).toBe(
      `The providers file ${file} cannot be read: there is no file at this path (ENOENT).`,
    );
    expect(problems.textContent).toContain('start with --demo-idp');
    expect(screen.queryByRole('button', { name: /^Sign in with/ })).toBeNull();
  });

  it('lists a bad entry by entry and field, and says the others work', async () => {
    fakeHost
      .answer('auth.providers', () => ({
        providers: [google],
        problems: [
          {
            entry: 'providers[1] (id "corp")',
            field: 'isuer',
            message: 'is not a known field; did you mean "issuer"?',
          },
        ],
        source: '/p.json',
      }))
      .answer('auth.vault', () => vault);
    render(<SignInPanel />);
    const problems = await screen.findByRole('region', { name: 'Problems in the providers configuration' });
    expect(within(problems).getByRole('listitem').textContent).toBe(
      'providers[1] (id "corp"), field isuer: is not a known field; did you mean "issuer"?',
    );
    expect(problems.textContent).toContain('These entries were left out; the others work.');
  });
});

describe('sign-in area on the first screen', () => {
  it('with the early answer in, the very first render shows the sign-in buttons and asks for nothing again', async () => {
    fakeHost
      .answer('auth.providers', () => ({
        providers: [google],
        problems: [],
        source: '/p.json',
      }))
      .answer('auth.vault', () => vault);
    await askEarly();
    render(<SignInPanel />);
    // Synchronously after the first render: no second round trip, no empty area first.
    expect(screen.getByRole('button', { name: 'Sign in with Google' })).toBeTruthy();
    await screen.findByRole('region', { name: /remembered sign-ins/i });
    expect(fakeHost.callsTo('auth.providers')).toHaveLength(1);
  });
});
