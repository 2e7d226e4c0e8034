/**
 * The desktop app's log file: electron-log's file transport (its Node flavour, so it needs nothing from
 * Electron and runs under the tests' stand-in) writing already-redacted lines to `main.log` in the
 * platform's log folder (`app.getPath('logs')`), rotated to `main.old.log` past LOG_MAX_BYTES.
 */
import path from 'node:path';
import type { LineSink } from '../log/line-log.ts';

/** The log file rotates when it would grow past this (README "Logs and crash reports"). */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_FILE_NAME = 'main.log';

/** Loads electron-log (lazily: ~20 ms of module loading kept off the way to the first window). */
export async function openLogFile(dir: string, maxBytes = LOG_MAX_BYTES): Promise<LineSink> {
  const { default: electronLog } = await import('electron-log/node.js');
  const log = electronLog.create({ logId: `latchkey-file:${dir}` });
  log.transports.console.level = false;
  const file = log.transports.file;
  file.level = 'info';
  file.maxSize = maxBytes;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  // Only the user may read what the app wrote about its sessions.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.resolvePathFn = () => path.join(dir, LOG_FILE_NAME);
  return (level, line) => log[level](line);
}
