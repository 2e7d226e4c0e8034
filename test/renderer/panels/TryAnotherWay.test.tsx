/**
 * "Try another way" on a card that waits for the browser: paste the address the browser could not load, or
 * switch to a device code. Over the fake host, through the real sign-in panel and card.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthState, ProviderInfo } from '../../../src/shared/auth-types.ts';
import { SignInPanel } from '../../../src/renderer/panels/SignInPanel.tsx';
import { fakeHost, refuse } from '../helpers/fake-host.ts';
import { EMPTY_VAULT } from '../helpers/vault.ts';

const AUTH_URL = 'http://127.0.0.1:4000/authorize?client_id=latchkey&state=s1';
const PASTED = 'http://127.0.0.1:53123/callback/corp?code=c0de&state=s1';
let deviceFlow = false;
const state: AuthState = {
  status: 'pending',
  mode: 'browser',
  authorizationUrl: AUTH_URL,
  startedAt: Date.now(),
  expiresAt: Date.now() + 300_000,
};
const provider = (): ProviderInfo => ({
  id: 'corp',
  name: 'Corp',
  type: 'oidc',
  isDemo: false,
  deviceFlow,
  exampleRequest: null,
  state,
  accounts: [],
  activeAccountId: null,
});

beforeEach(() => {
  deviceFlow = false;
  fakeHost
    .answer('auth.providers', () => ({ providers: [provider()], problems: [], source: null }))
    .answer('auth.vault', () => EMPTY_VAULT);
});

async function openAnotherWay() {
  const user = userEvent.setup();
  render(<SignInPanel />);
  const card = await screen.findByRole('region', { name: 'Corp' });
  await user.click(within(card).getByText('Try another way'));
  return { user, card };
}

describe('try another way', () => {
  it('sends the pasted address to the host, and clears the box once it was taken', async () => {
    fakeHost.answer('auth.completeWithAddress', () => ({ accepted: true as const }));
    const { user, card } = await openAnotherWay();
    const box = within(card).getByRole('textbox', { name: 'Paste the address from the browser' });
    const go = within(card).getByRole('button', { name: 'Continue with this address' });
    expect(go).toHaveProperty('disabled', true);
    await user.click(box);
    await user.paste(PASTED);
    await user.click(go);
    expect(fakeHost.callsTo('auth.completeWithAddress')).toEqual([['corp', PASTED]]);
    await within(card).findByDisplayValue('', { exact: true });
    expect(box).toHaveProperty('value', '');
    expect(
      within(card)
        .queryAllByRole('alert')
        .filter((a) => a.textContent),
    ).toEqual([]);
  });

  it("shows the host's refusal once, in its words, and keeps what was pasted to correct it", async () => {
    fakeHost.answer('auth.completeWithAddress', () =>
      refuse({
        code: 'invalid_argument',
        message:
          'That address is not the one this sign-in is waiting for. Paste the address the browser showed.',
      }),
    );
    const { user, card } = await openAnotherWay();
    const box = within(card).getByRole('textbox', { name: 'Paste the address from the browser' });
    await user.click(box);
    await user.paste('http://127.0.0.1:1/callback/corp?code=x&state=other');
    await user.keyboard('{Enter}');
    const alerts = await within(card).findAllByRole('alert');
    const said = alerts.filter((a) => a.textContent).map((a) => a.textContent);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/not the one this sign-in is waiting for/);
    expect(box).toHaveProperty('value', 'http://127.0.0.1:1/callback/corp?code=x&state=other');
    expect(document.activeElement).not.toBe(document.body);
  });

  it('offers the device code where the provider has one', async () => {
    deviceFlow = true;
    fakeHost.answer('auth.signInWithDevice', () => ({
      userCode: 'ABCD-EFGH',
      verificationUri: 'http://127.0.0.1:4000/device',
      expiresIn: 600,
      interval: 5,
    }));
    const { user, card } = await openAnotherWay();
    await user.click(within(card).getByRole('button', { name: 'Use a device code instead' }));
    expect(fakeHost.callsTo('auth.signInWithDevice')).toEqual([['corp', { rememberMe: true }]]);
  });
});
