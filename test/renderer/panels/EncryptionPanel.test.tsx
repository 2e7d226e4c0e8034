/** The Encryption panel over the fake host: what it sends, what it shows, and where focus goes. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EncryptionPanel } from '../../../src/renderer/panels/EncryptionPanel.tsx';
import { FLET_ITERATIONS, type DecryptDetails } from '../../../src/shared/flet-encryption.ts';
import { deferred, fakeHost, refuse } from '../helpers/fake-host.ts';

const TOKEN = 'c2FsdHNhbHRzYWx0c2FsdGdBQUFBQUJuLWZha2UtdG9rZW4=';

function renderPanel() {
  const user = userEvent.setup();
  render(<EncryptionPanel />);
  const panel = screen.getByRole('region', { name: 'Passphrase encryption' });
  const get = {
    version: within(panel).getByRole('combobox', { name: 'Flet version' }),
    // A password field has no role: it is found by its label.
    passphrase: within(panel).getByLabelText('Passphrase'),
    input: within(panel).getByRole('textbox', { name: 'Input' }),
    output: within(panel).getByRole('textbox', { name: 'Output' }),
    encrypt: within(panel).getByRole('button', { name: 'Encrypt' }),
    decrypt: within(panel).getByRole('button', { name: 'Decrypt' }),
    status: within(panel).getByRole('status'),
    alert: within(panel).getByRole('alert'),
  };
  return { user, panel, ...get };
}

describe('Encryption panel', () => {
  it('encrypts through the host for Flet 0.27.5 and later, busy meanwhile, then gives focus back to Encrypt', async () => {
    const answer = deferred<string>();
    fakeHost.answer('crypto.encrypt', () => answer.promise);
    const { user, panel, passphrase, input, output, encrypt, decrypt, status } = renderPanel();
    await user.type(passphrase, 'correct horse');
    await user.type(input, 'a secret');
    await user.click(encrypt);

    expect(fakeHost.callsTo('crypto.encrypt')).toEqual([
      ['a secret', 'correct horse', { iterations: FLET_ITERATIONS.current }],
    ]);
    expect(panel.getAttribute('aria-busy')).toBe('true');
    expect(within(panel).getByRole('button', { name: 'Encrypting…' })).toHaveProperty('disabled', true);
    expect(decrypt).toHaveProperty('disabled', true);
    expect(status.textContent).toBe('Deriving key and encrypting…');

    answer.resolve(TOKEN);
    await within(panel).findByRole('button', { name: 'Encrypt' });
    expect(output).toHaveProperty('value', TOKEN);
    expect(status.textContent).toMatch(/^Encrypted in \d+ ms, readable by Flet 0\.27\.5 and later$/);
    expect(panel.getAttribute('aria-busy')).toBe('false');
    expect(document.activeElement).toBe(encrypt);
  });

  it('Enter in the passphrase field encrypts, and an empty passphrase is called out', async () => {
    fakeHost.answer('crypto.encrypt', () => TOKEN);
    const { user, passphrase, input, status } = renderPanel();
    await user.type(input, 'hello');
    await user.type(passphrase, '{Enter}');
    expect(await screen.findByText(/anyone can decrypt it/)).toBe(status);
    expect(fakeHost.callsTo('crypto.encrypt')).toEqual([
      ['hello', '', { iterations: FLET_ITERATIONS.current }],
    ]);
  });

  it('decrypts for the Flet version chosen and says which versions wrote it', async () => {
    const details: DecryptDetails = {
      text: 'a secret',
      iterations: FLET_ITERATIONS.legacy,
      fletVersions: 'Flet 0.1.60 – 0.27.4',
      layout: 'flet',
    };
    fakeHost.answer('crypto.decryptDetailed', () => details);
    const { user, version, passphrase, input, output, decrypt, status } = renderPanel();
    await user.selectOptions(version, 'Flet 0.1.60 – 0.27.4');
    await user.type(passphrase, 'pw');
    await user.type(input, TOKEN);
    await user.click(decrypt);

    await screen.findByText(/^Decrypted in/);
    expect(fakeHost.callsTo('crypto.decryptDetailed')).toEqual([
      [TOKEN, 'pw', { iterations: FLET_ITERATIONS.legacy }],
    ]);
    expect(output).toHaveProperty('value', 'a secret');
    expect(status.textContent).toMatch(
      /^Decrypted in \d+ ms: written for Flet 0\.1\.60 – 0\.27\.4, 100,000 iterations$/,
    );
    expect(document.activeElement).toBe(decrypt);
  });

  it('a wrong passphrase is an alert in plain words; the output and the status are cleared', async () => {
    fakeHost
      .answer('crypto.encrypt', () => TOKEN)
      .answer('crypto.decryptDetailed', () =>
        refuse({
          code: 'decrypt_failed',
          message: 'crypto.decryptDetailed: cannot decrypt: wrong passphrase, or the text was changed',
        }),
      );
    const { user, passphrase, input, output, encrypt, decrypt, status, alert } = renderPanel();
    await user.type(input, 'x');
    await user.click(encrypt);
    await screen.findByText(/^Encrypted in/);

    await user.type(passphrase, 'wrong');
    await user.click(decrypt);
    await screen.findByText('Cannot decrypt: wrong passphrase, or the text was changed.');
    expect(alert.textContent).toBe('Cannot decrypt: wrong passphrase, or the text was changed.');
    expect(output).toHaveProperty('value', '');
    expect(status.textContent).toBe('');
    expect(document.activeElement).toBe(decrypt);

    // The next attempt clears the alert.
    await user.click(encrypt);
    await screen.findByText(/^Encrypted in/);
    expect(alert.textContent).toBe('');
  });

  it('"Use output as input" moves the text over and carries focus to Input', async () => {
    fakeHost.answer('crypto.encrypt', () => TOKEN);
    const { user, panel, input, output, encrypt } = renderPanel();
    await user.type(input, 'x');
    await user.click(encrypt);
    await screen.findByText(/^Encrypted in/);
    const useOutput = within(panel).getByRole('button', { name: 'Use output as input' });
    await user.click(useOutput);
    expect(input).toHaveProperty('value', TOKEN);
    expect(output).toHaveProperty('value', '');
    expect(useOutput).toHaveProperty('disabled', true);
    expect(document.activeElement).toBe(input);
  });

  it('Copy output copies through the host in the desktop app', async () => {
    const copied: string[] = [];
    fakeHost
      .answer('crypto.encrypt', () => TOKEN)
      .answer('window.capabilities', () => ({
        transport: 'electron',
        windowControls: true,
        floating: true,
        alwaysOnTop: true,
        clipboard: true,
        inAppPopups: true,
      }))
      .answer('clipboard.write', (text) => void copied.push(text));
    const { user, panel, input, encrypt } = renderPanel();
    const copy = within(panel).getByRole('button', { name: 'Copy output' });
    expect(copy).toHaveProperty('disabled', true);
    await user.type(input, 'x');
    await user.click(encrypt);
    await screen.findByText(/^Encrypted in/);
    await user.click(copy);
    await screen.findByText('Output copied to the clipboard');
    expect(copied).toEqual([TOKEN]);
  });
});
