/**
 * A provider's card inside the sign-in panel, as in the app: the panel reads `auth.providers` and reads it
 * again on the host's auth events; the card calls the host. The fake host below plays a provider whose state
 * the test moves along (signed out → pending → signed in).
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthState, ProviderInfo, VaultInfo } from '../../../src/shared/auth-types.ts';
import { SignInPanel } from '../../../src/renderer/panels/SignInPanel.tsx';
import { deferred, fakeHost, refuse } from '../helpers/fake-host.ts';
import { EMPTY_VAULT } from '../helpers/vault.ts';

const AUTH_URL = 'http://127.0.0.1:4000/authorize?client_id=latchkey&state=s1';
const MINUTE = 60_000;

let state: AuthState;
let deviceFlow: boolean;
/** Accounts beside the active one (`state`, when signed in). */
let others: Array<Extract<AuthState, { status: 'signedIn' }>>;

const provider = (): ProviderInfo => {
  const active = state.status === 'signedIn' ? [{ ...state, active: true }] : [];
  return {
    id: 'corp',
    name: 'Corp',
    type: 'oidc',
    isDemo: false,
    deviceFlow,
    exampleRequest: { label: 'Call userinfo', url: 'http://127.0.0.1:4000/me' },
    state,
    accounts: [...active, ...others.map((o) => ({ ...o, active: false }))],
    activeAccountId: state.status === 'signedIn' ? state.accountId : null,
  };
};

const vault: VaultInfo = EMPTY_VAULT;

const pending = (): Extract<AuthState, { status: 'pending' }> => ({
  status: 'pending',
  mode: 'browser',
  authorizationUrl: AUTH_URL,
  startedAt: Date.now(),
  expiresAt: Date.now() + 5 * MINUTE,
});

const signedIn = (): Extract<AuthState, { status: 'signedIn' }> => ({
  status: 'signedIn',
  accountId: 'acct_ada',
  user: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.org' },
  groups: [{ id: 'admins', name: 'admins' }],
  groupNames: ['admins'],
  tokenType: 'bearer',
  scopes: ['openid', 'profile'],
  expiresAt: Date.now() + 60 * MINUTE,
  fingerprint: 'f1ngerpr1nt',
  hasRefreshToken: true,
  remembered: true,
  restored: false,
  signedInAt: Date.now(),
});

beforeEach(() => {
  state = { status: 'signedOut' };
  deviceFlow = false;
  others = [];
  fakeHost
    .answer('auth.providers', () => ({ providers: [provider()], problems: [], source: null }))
    .answer('auth.vault', () => vault)
    .answer('auth.signIn', () => {
      state = pending();
      return { authorizationUrl: AUTH_URL, openedByHost: true };
    });
});

/** The browser (or the host) finished: the provider's state changes and the host says so. */
function hostSays(next: AuthState, event: 'auth.signedIn' | 'auth.signInFailed' | 'auth.changed') {
  state = next;
  if (event === 'auth.signedIn')
    fakeHost.emit(event, { providerId: 'corp', accountId: 'acct_ada', user: null });
  else if (event === 'auth.signInFailed')
    fakeHost.emit(event, {
      providerId: 'corp',
      error: 'access_denied',
      errorDescription: 'The user said no',
    });
  else fakeHost.emit(event, { providerId: 'corp' });
}

async function renderCard() {
  const user = userEvent.setup();
  render(<SignInPanel />);
  const card = await screen.findByRole('region', { name: 'Corp' });
  return { user, card };
}

/** Lets answers already given reach the screen. */
const settled = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** The alerts that say something (an empty alert region waits for the next error). */
const alerts = (card: HTMLElement) =>
  within(card)
    .queryAllByRole('alert')
    .filter((a) => a.textContent !== '');

describe('provider card', () => {
  it('offers "Sign in with Corp" and Remember me (on) in a region named after the provider', async () => {
    const { card } = await renderCard();
    expect(within(card).getByRole('heading', { name: 'Corp' })).toBeDefined();
    expect(within(card).getByRole('button', { name: 'Sign in with Corp' })).toHaveProperty('disabled', false);
    expect(within(card).getByRole('checkbox', { name: 'Remember me' })).toHaveProperty('checked', true);
    expect(within(card).queryByRole('button', { name: 'Use a device code instead' })).toBeNull();
    expect(alerts(card)).toEqual([]);
  });

  it('while the host starts the sign-in the button is disabled; then the card waits for the browser', async () => {
    const answer = deferred<{ authorizationUrl: string; openedByHost: boolean }>();
    fakeHost.answer('auth.signIn', () => answer.promise);
    const { user, card } = await renderCard();
    const signIn = within(card).getByRole('button', { name: 'Sign in with Corp' });
    await user.click(within(card).getByRole('checkbox', { name: 'Remember me' }));
    await user.click(signIn);
    expect(signIn).toHaveProperty('disabled', true);
    expect(fakeHost.callsTo('auth.signIn')).toEqual([['corp', { rememberMe: false }]]);

    state = pending();
    answer.resolve({ authorizationUrl: AUTH_URL, openedByHost: true });
    const link = await within(card).findByRole('textbox', { name: 'Sign-in link' });
    expect(link).toHaveProperty('value', AUTH_URL);
    expect(within(card).getByRole('link', { name: 'Open the sign-in page' }).getAttribute('href')).toBe(
      AUTH_URL,
    );
    expect(within(card).getByText(/times out in [45] min/)).toBeDefined();
    expect(within(card).queryByRole('button', { name: 'Sign in with Corp' })).toBeNull();
    // The button that was pressed is gone: focus goes to the card's first control, not the page.
    expect(document.activeElement).not.toBe(document.body);
    expect(card.contains(document.activeElement)).toBe(true);
  });

  it('opens the provider page itself when the host did not (web mode)', async () => {
    fakeHost.answer('auth.signIn', () => {
      state = pending();
      return { authorizationUrl: AUTH_URL, openedByHost: false };
    });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    try {
      const { user, card } = await renderCard();
      await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
      await within(card).findByRole('button', { name: 'Cancel' });
      // A popup the page keeps a handle on, so Cancel can close it (sign-in-popup.ts).
      expect(open).toHaveBeenCalledWith(AUTH_URL, '_blank', expect.stringContaining('popup'));
    } finally {
      open.mockRestore();
    }
  });

  it('shows the signed-in user when the browser completes the sign-in, with focus kept in the card', async () => {
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
    const cancel = await within(card).findByRole('button', { name: 'Cancel' });
    cancel.focus();

    hostSays(signedIn(), 'auth.signedIn');
    expect(await within(card).findByText('Ada Lovelace')).toBeDefined();
    expect(within(card).getAllByText('ada@example.org')).not.toEqual([]);
    expect(within(card).getByText('User id').nextElementSibling?.textContent).toBe('ada');
    expect(within(card).getByText('Remembered on this computer.')).toBeDefined();
    expect(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' })).toBeDefined();
    // Cancel went away under the keyboard user: focus moves to the card's first control.
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Refresh now' }));
  });

  /** The first line of each alert that says something, and what its "Technical detail" holds. */
  const said = (card: HTMLElement) =>
    alerts(card).map((a) => ({
      first: a.querySelector('p')?.textContent,
      detail: a.querySelector('details code')?.textContent,
    }));

  it('a failed sign-in is said once: a first line starting "Sign-in failed:", the code and raw text under Technical detail', async () => {
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
    await within(card).findByRole('button', { name: 'Cancel' });

    const description = 'cannot use https://sso.example.com/realms/corp as an OpenID provider: HTTP 404';
    hostSays(
      { status: 'signedOut', lastError: { error: 'unavailable', errorDescription: description } },
      'auth.changed',
    );
    await within(card).findByRole('button', { name: 'Sign in with Corp' });
    expect(said(card)).toEqual([
      {
        first:
          'Sign-in failed: Cannot use https://sso.example.com/realms/corp as an OpenID provider: HTTP 404.',
        detail: `unavailable: ${description}`,
      },
    ]);
    expect(within(card).getByText('Technical detail').tagName).toBe('SUMMARY');
  });

  it('Cancel on the provider’s page reads like Cancel in the app: a note, not an alert', async () => {
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
    await within(card).findByRole('button', { name: 'Cancel' });

    hostSays(
      {
        status: 'signedOut',
        lastError: { error: 'access_denied', errorDescription: 'The user cancelled the sign-in.' },
      },
      'auth.signInFailed',
    );
    const note = await within(card).findByText('Sign-in cancelled on the provider’s page.');
    expect(note.closest('[role="status"]')).not.toBeNull();
    expect(alerts(card)).toEqual([]);
  });

  /** A sign-in the host refuses at once (its redirect port is taken): what the card then says. */
  async function refusedAtOnce() {
    const message = 'the redirect port 8400 is in use by another program; close it or choose another port';
    fakeHost.answer('auth.signIn', () => {
      // As the host does: the attempt's failure is also the provider's last error.
      state = { status: 'signedOut', lastError: { error: 'unavailable', errorDescription: message } };
      refuse({ code: 'unavailable', message: `auth.signIn: ${message}` });
    });
    const { user, card } = await renderCard();
    const signIn = within(card).getByRole('button', { name: 'Sign in with Corp' });
    const reads = fakeHost.callsTo('auth.providers').length;
    await user.click(signIn);
    // Both sources have spoken: the refused call, and the provider's state read again after it.
    await vi.waitFor(() => expect(fakeHost.callsTo('auth.providers').length).toBeGreaterThan(reads));
    await settled();
    return { said: alerts(card).map((a) => a.querySelector('p')?.textContent ?? ''), signIn };
  }

  it('a sign-in the host refuses at once is said in plain words, with focus back on Sign in', async () => {
    const { said, signIn } = await refusedAtOnce();
    expect(said).toContain(
      'Sign-in failed: The redirect port 8400 is in use by another program; close it or choose another port.',
    );
    expect(said.join(' ')).not.toContain('auth.signIn');
    expect(document.activeElement).toBe(signIn);
  });

  // The refused call is also the provider's last error: the card says it once, not twice.
  it('…and said once, not twice', async () => {
    const { said } = await refusedAtOnce();
    expect(said.filter((text) => text.includes('in use by another program'))).toHaveLength(1);
  });

  it('Cancel ends the wait: "Sign-in cancelled." and focus back on Sign in', async () => {
    fakeHost.answer('auth.cancel', () => {
      state = { status: 'signedOut', reason: 'Sign-in cancelled', cancelled: true };
      return true;
    });
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
    await user.click(await within(card).findByRole('button', { name: 'Cancel' }));

    const note = await within(card).findByText('Sign-in cancelled.');
    expect(note.getAttribute('role')).toBe('status');
    expect(fakeHost.callsTo('auth.cancel')).toEqual([['corp']]);
    expect(alerts(card)).toEqual([]);
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Sign in with Corp' }));
  });

  it('a device code sign-in shows the code and the page to enter it on', async () => {
    deviceFlow = true;
    fakeHost.answer('auth.signInWithDevice', () => {
      state = {
        status: 'pending',
        mode: 'device',
        userCode: 'WDJB-MJHT',
        verificationUri: 'http://127.0.0.1:4000/device',
        startedAt: Date.now(),
        expiresAt: Date.now() + 10 * MINUTE,
      };
      return {
        userCode: 'WDJB-MJHT',
        verificationUri: 'http://127.0.0.1:4000/device',
        expiresIn: 600,
        interval: 5,
      };
    });
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Use a device code instead' }));
    expect(await within(card).findByText('WDJB-MJHT')).toBeDefined();
    expect(within(card).getByRole('link', { name: 'http://127.0.0.1:4000/device' })).toBeDefined();
    expect(within(card).getByRole('button', { name: 'Copy code' })).toBeDefined();
    expect(fakeHost.callsTo('auth.signInWithDevice')).toEqual([['corp', { rememberMe: true }]]);
    expect(card.contains(document.activeElement)).toBe(true);
  });

  it('Copy link copies through the host in the desktop app and says so', async () => {
    const copied: string[] = [];
    fakeHost
      .answer('window.capabilities', () => ({
        transport: 'electron',
        windowControls: true,
        floating: true,
        alwaysOnTop: true,
        clipboard: true,
        inAppPopups: true,
      }))
      .answer('clipboard.write', (text) => void copied.push(text));
    const { user, card } = await renderCard();
    await user.click(within(card).getByRole('button', { name: 'Sign in with Corp' }));
    await user.click(await within(card).findByRole('button', { name: 'Copy link' }));
    expect(await within(card).findByText('Copied')).toBeDefined();
    expect(copied).toEqual([AUTH_URL]);
  });

  describe('signed in', () => {
    beforeEach(() => {
      state = signedIn();
    });

    it('a sign-in from an imported token says so on the card', async () => {
      state = { ...signedIn(), imported: true, hasRefreshToken: false };
      const { card } = await renderCard();
      expect(within(card).getByText(/Signed in from an imported token\./)).toBeDefined();
    });

    it('a browser sign-in does not say it was imported', async () => {
      const { card } = await renderCard();
      expect(card.textContent).not.toContain('imported token');
    });

    it('Refresh now says how long the new token lasts, and keeps focus on the button', async () => {
      fakeHost.answer('auth.refresh', () => (state = { ...signedIn(), expiresAt: Date.now() + 90 * MINUTE }));
      const { user, card } = await renderCard();
      const refresh = within(card).getByRole('button', { name: 'Refresh now' });
      await user.click(refresh);
      expect(
        await within(card).findByText(/^Refreshed: the new token expires in 1 h (29|30) min\.$/),
      ).toBeDefined();
      expect(document.activeElement).toBe(refresh);
    });

    it('the example call shows the response in a region of its own', async () => {
      fakeHost.answer('auth.request', () => ({
        status: 200,
        contentType: 'application/json',
        body: '{"sub":"ada"}',
      }));
      const { user, card } = await renderCard();
      await user.click(within(card).getByRole('button', { name: 'Call userinfo' }));
      const response = await within(card).findByRole('region', { name: 'Corp API response' });
      expect(response.textContent).toBe('HTTP 200\n{\n  "sub": "ada"\n}');
      expect(fakeHost.callsTo('auth.request')).toEqual([
        ['corp', { url: 'http://127.0.0.1:4000/me' }, { accountId: 'acct_ada' }],
      ]);
    });

    it('Sign out returns to "Sign in with Corp", with focus on it', async () => {
      fakeHost.answer('auth.signOut', () => {
        state = { status: 'signedOut' };
        return { endSessionUrl: null };
      });
      const { user, card } = await renderCard();
      await user.click(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' }));
      const signIn = await within(card).findByRole('button', { name: 'Sign in with Corp' });
      expect(fakeHost.callsTo('auth.signOut')).toEqual([['corp', { accountId: 'acct_ada' }]]);
      expect(within(card).queryByText('Ada Lovelace')).toBeNull();
      expect(document.activeElement).toBe(signIn);
    });

    it('Sign out whose signed-out event arrives before its answer still ends with focus on Sign in', async () => {
      // As the host does it: the state changes (and the card re-renders, its buttons disabled while the call
      // runs) before sign-out answers. Focus must wait for the sign-in button, not land on "Remember me".
      const answer = deferred<{ endSessionUrl: string | null }>();
      fakeHost.answer('auth.signOut', () => answer.promise);
      const { user, card } = await renderCard();
      await user.click(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' }));
      hostSays({ status: 'signedOut' }, 'auth.changed');
      const signIn = await within(card).findByRole('button', { name: 'Sign in with Corp' });
      expect(signIn).toHaveProperty('disabled', true);
      answer.resolve({ endSessionUrl: null });
      await vi.waitFor(() => expect(signIn).toHaveProperty('disabled', false));
      await settled();
      expect(document.activeElement).toBe(signIn);
    });

    it('a refusal from the host is shown in plain words, without the method name', async () => {
      fakeHost.answer('auth.refresh', () =>
        refuse({
          code: 'forbidden',
          message: 'auth.refresh: the provider refused the refresh token',
        }),
      );
      const { user, card } = await renderCard();
      await user.click(within(card).getByRole('button', { name: 'Refresh now' }));
      await vi.waitFor(() => expect(alerts(card)).not.toEqual([]));
      expect(alerts(card).map((a) => a.textContent)).toEqual(['The provider refused the refresh token.']);
    });
  });

  it('lists several accounts: the active one marked, Use this account and Sign out {name} on the others', async () => {
    state = signedIn();
    others = [
      {
        ...signedIn(),
        accountId: 'acct_grace',
        user: { id: 'grace', name: 'Grace Hopper', email: 'grace@example.org' },
      },
    ];
    const calls: unknown[][] = [];
    fakeHost
      .answer('auth.setActiveAccount', (...args) => void calls.push(['use', ...args]))
      .answer('auth.signOut', (...args) => {
        calls.push(['out', ...args]);
        return { endSessionUrl: null };
      });
    const { user, card } = await renderCard();
    const list = within(card).getByRole('list', { name: 'Corp accounts' });
    const ada = within(list).getByRole('group', { name: 'Ada Lovelace' });
    expect(ada.textContent).toContain('Active');
    expect(within(ada).queryByRole('button', { name: 'Use this account' })).toBeNull();
    const grace = within(list).getByRole('group', { name: 'Grace Hopper' });
    expect(grace.textContent).toContain('grace@example.org');
    await user.click(within(grace).getByRole('button', { name: 'Use this account' }));
    await user.click(within(card).getByRole('button', { name: 'Sign out Grace Hopper' }));
    await user.click(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' }));
    expect(calls).toEqual([
      ['use', 'corp', 'acct_grace'],
      ['out', 'corp', { accountId: 'acct_grace' }],
      ['out', 'corp', { accountId: 'acct_ada' }],
    ]);
  });

  it('Add another account asks the host for a sign-in that adds, never replaces', async () => {
    state = signedIn();
    const asked: unknown[] = [];
    fakeHost.answer('auth.signIn', (_id, options) => {
      asked.push(options);
      state = pending();
      return { authorizationUrl: AUTH_URL, openedByHost: true };
    });
    const { user, card } = await renderCard();
    // One account: no list, and one Sign out named after it.
    expect(within(card).queryByRole('list', { name: 'Corp accounts' })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' })).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Add another account' }));
    expect(asked).toEqual([{ rememberMe: true, addAccount: true }]);
  });

  it('two accounts with the same name are told apart by e-mail in their names', async () => {
    state = signedIn();
    others = [
      {
        ...signedIn(),
        accountId: 'acct_work',
        user: { id: 'ada-w', name: 'Ada Lovelace', email: 'ada@work.example' },
      },
    ];
    const { card } = await renderCard();
    const list = within(card).getByRole('list', { name: 'Corp accounts' });
    expect(within(list).getByRole('group', { name: 'Ada Lovelace (ada@work.example)' })).toBeTruthy();
    expect(within(list).getByRole('group', { name: 'Ada Lovelace (ada@example.org)' })).toBeTruthy();
    expect(
      within(card).getByRole('button', { name: 'Sign out Ada Lovelace (ada@work.example)' }),
    ).toBeTruthy();
    expect(
      within(card).getByRole('button', { name: 'Sign out Ada Lovelace (ada@example.org)' }),
    ).toBeTruthy();
  });

  it('while another account is being added, the signed-in account stays on the card beside the pending sign-in', async () => {
    state = signedIn();
    const { card } = await renderCard();
    fakeHost.answer('auth.providers', () => ({
      providers: [{ ...provider(), pending: pending() }],
      problems: [],
      source: null,
    }));
    await act(async () => fakeHost.emit('auth.changed', { providerId: 'corp' }));
    await within(card).findByRole('button', { name: 'Cancel' });
    expect(within(card).getByRole('textbox', { name: 'Sign-in link' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Sign out Ada Lovelace' })).toBeTruthy();
    expect(within(card).getByText('Ada Lovelace', { selector: '.who' })).toBeTruthy();
  });
});
