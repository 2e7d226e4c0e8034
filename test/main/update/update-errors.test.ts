/** Update errors in plain words: what each kind of failure says. */
import { describe, expect, it } from 'vitest';
import { describeUpdateError } from '../../../src/main/update/update-errors.ts';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('describeUpdateError', () => {
  it.each([
    [
      'a sha512 mismatch',
      coded('sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH'),
      'integrity',
    ],
    [
      'an unsigned Windows build',
      coded('not signed by the application owner', 'ERR_UPDATER_INVALID_SIGNATURE'),
      'integrity',
    ],
    ['no network (Chromium)', new Error('net::ERR_INTERNET_DISCONNECTED'), 'offline'],
    ['no DNS', coded('getaddrinfo ENOTFOUND updates.example', 'ENOTFOUND'), 'offline'],
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'), 'unreachable'],
    [
      'no release on the feed',
      coded('Cannot find latest-linux.yml', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'),
      'unreachable',
    ],
    ['a 503', Object.assign(new Error('HttpError: 503'), { statusCode: 503 }), 'unreachable'],
    ['anything else', new Error('EISDIR something odd'), 'other'],
  ])('%s', (_name, error, kind) => {
    const described = describeUpdateError(error);
    expect(described.kind).toBe(kind);
    // Plain words only: never the updater's text, which may name the feed URL.
    expect(described.message).not.toContain((error as Error).message);
  });
});
