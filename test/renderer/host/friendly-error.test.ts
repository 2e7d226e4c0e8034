import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher.ts';
import { HostError, type HostErrorShape } from '../../../src/shared/errors.ts';
import { friendlyError } from '../../../src/renderer/host/friendly-error.ts';
import { ClientStoragePanel } from '../../../src/renderer/panels/ClientStoragePanel.tsx';
import { fakeHost, refuse } from '../helpers/fake-host.ts';

/**
 * The error the renderer gets for a call the argument check refuses, made by the real dispatcher and rebuilt
 * as a transport does. No handler runs for a refused call, so none is given.
 */
async function errorFor(name: string, args: unknown[]): Promise<HostError> {
  return HostError.from(await refusalFor(name, args));
}

/** The same refusal as it crosses a transport (JSON), before the renderer rebuilds it. */
async function refusalFor(name: string, args: unknown[]): Promise<HostErrorShape> {
  const dispatch = createDispatcher({} as Handlers, { warn() {}, error() {} });
  const result = await dispatch(name, args, { clientId: 'page-1' });
  if (result.ok) throw new Error(`${name} did not fail`);
  return JSON.parse(JSON.stringify(result.error)) as HostErrorShape;
}

describe('errors in the user’s words', () => {
  it('says how large a value is and what the limit is, with the technical text behind it', async () => {
    const e = await errorFor('clientStorage.set', ['k', 'x'.repeat(1_100_000)]);
    expect(friendlyError(e)).toEqual({
      message: 'This value is 1.05 MB; the limit is 1 MB.',
      detail: 'not storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576',
    });
  });

  it('says why a value cannot be stored, without the path or the method', async () => {
    const e = await errorFor('session.set', ['k', { list: [1, Number.NaN] }]);
    expect(friendlyError(e)).toEqual({
      message: 'This value cannot be stored: NaN is not a JSON number.',
      detail: undefined,
    });
  });

  it('words sizes from the error’s details, never from numbers in its message', () => {
    const e = new HostError('unavailable', 'the value is 1100002 bytes of JSON, over the limit of 1048576');
    expect(friendlyError(e).message).toBe('The value is 1100002 bytes of JSON, over the limit of 1048576.');
    const sized = new HostError('too_large', 'too big', {
      details: { limit: 8 * 1024 * 1024, actual: 9437184 },
    });
    expect(friendlyError(sized).message).toBe('This value is 9 MB; the limit is 8 MB.');
  });

  it.each([
    ['invalid_argument', 'session.set: a key must not be empty', 'A key must not be empty.'],
    ['too_large', 'crypto.encrypt: the text is over 8388608 bytes', 'The text is over 8388608 bytes.'],
    [
      'decrypt_failed',
      'cannot decrypt: wrong passphrase, or the text was changed',
      'Cannot decrypt: wrong passphrase, or the text was changed.',
    ],
    [
      'unavailable',
      'could not save client storage: ENOSPC (the disk is full); nothing was changed',
      'Could not save client storage: ENOSPC (the disk is full); nothing was changed.',
    ],
  ] as const)('%s: no method name, a sentence', (code, message, expected) => {
    const f = friendlyError(new HostError(code, message));
    expect(f.message).toBe(expected);
    expect(JSON.stringify(f)).not.toMatch(/[a-z]+\.[a-z]+[A-Z]?\w*:/);
  });

  it('never shows an internal failure’s wiring first', () => {
    const f = friendlyError(new HostError('internal', 'auth.refresh failed unexpectedly; see the host log'));
    expect(f.message).toMatch(/^Something went wrong in Latchkey/);
  });
});

describe('what the user sees: a host error in the client storage panel', () => {
  beforeEach(() => {
    fakeHost
      .answer('clientStorage.entries', () => [])
      .answer('clientStorage.status', () => ({
        file: null,
        keys: 0,
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
        error: null,
      }));
  });

  /** Saves an entry that the host answers with `refusal`; returns the alert and the Save button. */
  async function saveRefusedWith(refusal: HostErrorShape) {
    fakeHost.answer('clientStorage.set', () => refuse(refusal));
    const user = userEvent.setup();
    render(createElement(ClientStoragePanel));
    const panel = screen.getByRole('region', { name: 'Client storage' });
    await within(panel).findByText('No entries.');
    await user.type(within(panel).getByRole('textbox', { name: 'Client storage key' }), 'k');
    await user.type(within(panel).getByRole('textbox', { name: 'Client storage value' }), 'v');
    const save = within(panel).getByRole('button', { name: 'Save to client storage' });
    await user.click(save);
    const alert = within(panel).getAllByRole('alert')[0]!;
    await within(alert).findByRole('paragraph');
    return { alert, save };
  }

  it('over the limit (as the real gate refuses it): the sizes first, the host’s text under Technical detail', async () => {
    const refusal = await refusalFor('clientStorage.set', ['k', 'x'.repeat(1_100_000)]);
    const { alert, save } = await saveRefusedWith(refusal);
    expect(within(alert).getByText('This value is 1.05 MB; the limit is 1 MB.').tagName).toBe('P');
    expect(within(alert).getByText('Technical detail').tagName).toBe('SUMMARY');
    expect(alert.querySelector('code')?.textContent).toBe(
      'not storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576',
    );
    expect(alert.textContent).not.toContain('clientStorage.set');
    // Save was disabled while the host answered: focus comes back to it, not to the page.
    expect(document.activeElement).toBe(save);
  });

  it('an internal failure: an apology and what to do first, the host’s text (no method name) behind it', async () => {
    const { alert } = await saveRefusedWith({
      code: 'internal',
      message: 'clientStorage.set: EIO: i/o error, write',
    });
    expect(alert.querySelector('p')?.textContent).toBe(
      'Something went wrong in Latchkey. Try again; if it keeps happening, see the log.',
    );
    expect(alert.querySelector('code')?.textContent).toBe('EIO: i/o error, write');
  });

  it('a full disk: one plain sentence, nothing technical behind it', async () => {
    const { alert } = await saveRefusedWith({
      code: 'unavailable',
      message:
        'clientStorage.set: could not save client storage: ENOSPC (the disk is full); nothing was changed',
    });
    expect(alert.textContent).toBe(
      'Could not save client storage: ENOSPC (the disk is full); nothing was changed.',
    );
    expect(within(alert).queryByText('Technical detail')).toBeNull();
  });
});
