/** electron-updater's and Node's errors in plain words (a pure function, table-tested). */
import type { UpdateErrorKind } from '../../shared/update-types.ts';

const OFFLINE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NETWORK_CHANGED',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ERR_CONNECTION_REFUSED',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_TIMED_OUT',
  'ERR_TIMED_OUT',
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'HTTP_ERROR_404',
]);
const INTEGRITY = new Set([
  'ERR_CHECKSUM_MISMATCH',
  'ERR_UPDATER_INVALID_SIGNATURE',
  'ERR_UPDATER_ZIP_FILE_NOT_FOUND',
]);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, statusCode, cause } = e as { code?: unknown; statusCode?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof statusCode === 'number')
      codes.push(statusCode >= 500 ? 'HTTP_5XX' : `HTTP_ERROR_${statusCode}`);
    e = cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Chromium's net errors reach electron-updater as text ("net::ERR_INTERNET_DISCONNECTED").
  for (const m of message.matchAll(/\b(?:net::)?(ERR_[A-Z_]+|E[A-Z]{4,})\b/g)) codes.push(m[1]!);
  if (/checksum mismatch/i.test(message)) codes.push('ERR_CHECKSUM_MISMATCH');
  return codes;
}

export function describeUpdateError(error: unknown): { kind: UpdateErrorKind; message: string } {
  const codes = codesOf(error);
  if (codes.some((c) => INTEGRITY.has(c)))
    return {
      kind: 'integrity',
      message:
        'The downloaded update did not match the checksum (or signature) its release published, so it was discarded. Nothing was installed.',
    };
  if (codes.some((c) => OFFLINE.has(c)))
    return { kind: 'offline', message: 'You appear to be offline. Updates will be checked again later.' };
  if (codes.some((c) => UNREACHABLE.has(c) || c === 'HTTP_5XX' || c.startsWith('HTTP_ERROR_')))
    return {
      kind: 'unreachable',
      message: 'The update server could not be reached or has no release for this app. Try again later.',
    };
  return { kind: 'other', message: 'The update check failed. Details are in the log file.' };
}
