import { describe, expect, it } from 'vitest';
import { HostError } from '../../../src/shared/errors.ts';
import { friendlyError } from '../../../src/renderer/host/friendly-error.ts';

describe('errors in the user’s words', () => {
  it('says how large a value is and what the limit is, with the technical text behind it', () => {
    const e = new HostError(
      'too_large',
      'clientStorage.set: not storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576',
    );
    expect(friendlyError(e)).toEqual({
      message: 'This value is 1.05 MB; the limit is 1 MB.',
      detail: 'not storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576',
    });
  });

  it.each([
    ['invalid_argument', 'session.set: a key must not be empty', 'A key must not be empty.'],
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
