/**
 * After each action focus goes to the control that continues the task, an inline question gives way to
 * Escape, and what a panel says replaces what it said before. Over the fake host, queried by role and name.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VaultInfo } from '../../../src/shared/auth-types.ts';
import type { JsonValue } from '../../../src/shared/json.ts';
import { ClientStoragePanel } from '../../../src/renderer/panels/ClientStoragePanel.tsx';
import { SessionPanel } from '../../../src/renderer/panels/SessionPanel.tsx';
import { VaultPanel } from '../../../src/renderer/panels/VaultPanel.tsx';
import { WindowPanel } from '../../../src/renderer/panels/WindowPanel.tsx';
import { fakeHost } from '../helpers/fake-host.ts';

let session: Map<string, JsonValue>;
let client: Map<string, JsonValue>;

beforeEach(() => {
  session = new Map([
    ['a', 'one'],
    ['b', 'two'],
  ]);
  client = new Map([['theme', 'dark']]);
  fakeHost
    .answer('session.entries', () => [...session])
    .answer('session.clear', () => void session.clear())
    .answer('clientStorage.entries', (prefix) => [...client].filter(([k]) => k.startsWith(prefix ?? '')))
    .answer('clientStorage.status', () => ({
      file: '/data/client-storage.json',
      keys: client.size,
      error: null,
      recovered: [],
      damage: {
        corruptLines: 0,
        missingLines: 0,
        tornBytes: 0,
        repairedLines: 0,
        overLimitEntries: 0,
        overQuotaEntries: 0,
      },
      usedBytes: 0,
      quotaBytes: 268435456,
    }))
    .answer('clientStorage.clear', () => void client.clear());
});

describe('focus after an action', () => {
  it('after Clear, focus goes to the key field (the Clear button is gone with the list)', async () => {
    const user = userEvent.setup();
    render(<SessionPanel />);
    const panel = screen.getByRole('region', { name: 'Session storage' });
    await user.click(await within(panel).findByRole('button', { name: 'Clear session' }));
    const question = within(panel).getByRole('group', { name: 'Clear all 2 session entries?' });
    await user.click(within(question).getByRole('button', { name: 'Clear' }));
    await within(panel).findByText('No entries.');
    expect(document.activeElement).toBe(within(panel).getByRole('textbox', { name: 'Session key' }));
  });

  it('…in client storage too', async () => {
    const user = userEvent.setup();
    render(<ClientStoragePanel />);
    const panel = screen.getByRole('region', { name: 'Client storage' });
    await user.click(await within(panel).findByRole('button', { name: 'Clear client storage' }));
    await user.click(within(panel).getByRole('button', { name: 'Clear' }));
    await within(panel).findByText('No entries.');
    expect(document.activeElement).toBe(within(panel).getByRole('textbox', { name: 'Client storage key' }));
  });

  it('Escape answers an inline question with Keep: nothing is cleared, focus is back on its button', async () => {
    const user = userEvent.setup();
    render(<SessionPanel />);
    const panel = screen.getByRole('region', { name: 'Session storage' });
    await user.click(await within(panel).findByRole('button', { name: 'Clear session' }));
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Keep' }));
    await user.keyboard('{Escape}');
    expect(within(panel).queryByRole('group', { name: 'Clear all 2 session entries?' })).toBeNull();
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Clear session' }));
    expect(fakeHost.callsTo('session.clear')).toEqual([]);
  });

  it('Edit puts the entry in the form and focus on its first field', async () => {
    const user = userEvent.setup();
    render(<SessionPanel />);
    const panel = screen.getByRole('region', { name: 'Session storage' });
    await user.click(await within(panel).findByRole('button', { name: 'Edit session entry b' }));
    const key = within(panel).getByRole('textbox', { name: 'Session key' });
    expect(key).toHaveProperty('value', 'b');
    expect(document.activeElement).toBe(key);
  });
});

describe('wording', () => {
  it('a filter that matches nothing says so, instead of "No entries."', async () => {
    const user = userEvent.setup();
    render(<ClientStoragePanel />);
    const panel = screen.getByRole('region', { name: 'Client storage' });
    await within(panel).findByText('theme');
    await user.type(within(panel).getByRole('searchbox', { name: 'Filter by prefix' }), 'zz');
    expect(await within(panel).findByText('No key starts with this prefix.')).toBeDefined();
    expect(within(panel).queryByText('No entries.')).toBeNull();
  });

  const vault = (over: Partial<VaultInfo>): VaultInfo => ({
    file: '/data/vault.json',
    backend: 'gnome_libsecret',
    level: 'os-keychain',
    allowWeakProtection: false,
    canRemember: true,
    whyNot: null,
    remembered: [],
    rememberedSessions: 0,
    notes: [],
    ...over,
  });

  it('Forget all is off when nothing is remembered; notes are sentences; the key store has its own name', async () => {
    fakeHost.answer('auth.vault', () =>
      vault({ notes: [{ reason: 'the remembered sign-ins could not be read', at: '2026-12-01T20:00:00Z' }] }),
    );
    render(<VaultPanel />);
    const panel = await screen.findByRole('region', { name: 'Remembered sign-ins' });
    const forget = await within(panel).findByRole('button', { name: 'Forget all remembered sign-ins' });
    // Off, but still focusable (aria-disabled): pressing it asks nothing.
    expect(forget.getAttribute('aria-disabled')).toBe('true');
    await userEvent.setup().click(forget);
    expect(within(panel).queryByRole('group')).toBeNull();
    expect(within(panel).getByRole('status').textContent).toBe('The remembered sign-ins could not be read.');
    expect(panel.textContent).toContain('(key store: the Secret Service (GNOME Keyring)).');
    expect(panel.textContent).not.toContain('gnome_libsecret');
  });

  it('Forget all asks with the count when something is remembered', async () => {
    fakeHost.answer('auth.vault', () => vault({ remembered: ['demo'], rememberedSessions: 1 }));
    const user = userEvent.setup();
    render(<VaultPanel />);
    const forget = await screen.findByRole('button', { name: 'Forget all remembered sign-ins' });
    expect(forget.getAttribute('aria-disabled')).toBeNull();
    await user.click(forget);
    expect(
      screen.getByRole('group', {
        name: 'Forget all 1 remembered sign-in? You stay signed in until the app closes.',
      }),
    ).toBeDefined();
  });
});

describe('statuses replace each other', () => {
  it('a clipboard read the browser refuses: one plain alert, the browser’s text under Technical detail, no stale "Copied"', async () => {
    fakeHost.answer('window.capabilities', () => ({
      transport: 'web',
      windowControls: false,
      floating: false,
      alwaysOnTop: false,
      clipboard: true,
      inAppPopups: false,
    }));
    const raw = "Failed to execute 'readText' on 'Clipboard': Read permission denied.";
    const user = userEvent.setup();
    // After setup: user-event puts a clipboard of its own on navigator.
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async () => undefined,
        readText: async () => {
          throw new DOMException(raw, 'NotAllowedError');
        },
      },
    });
    render(<WindowPanel />);
    const card = screen.getByRole('region', { name: 'Clipboard' });
    await user.type(within(card).getByRole('textbox', { name: 'Clipboard text' }), 'hello');
    await user.click(within(card).getByRole('button', { name: 'Copy to clipboard' }));
    expect(await within(card).findByText('Copied to the clipboard')).toBeDefined();
    await user.click(within(card).getByRole('button', { name: 'Read clipboard' }));
    const alert = await within(card).findByText(/^The browser did not let this page read the clipboard\./);
    expect(within(card).queryByText('Copied to the clipboard')).toBeNull();
    expect(alert.closest('[role="alert"]')?.querySelector('details code')?.textContent).toBe(raw);
    expect(
      within(card)
        .getAllByRole('status')
        .map((s) => s.textContent),
    ).toEqual(['']);
  });
});
