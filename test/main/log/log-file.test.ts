/** The desktop log file: redacted lines in main.log (mode 0600), early lines kept, rotation at the size. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE_NAME, LOG_MAX_BYTES, openLogFile } from '../../../src/main/electron/log-file.ts';
import { LineLog } from '../../../src/main/log/line-log.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('the log file', () => {
  it('gets the lines written before it was attached, redacted, in a file only the user can read', async () => {
    const dir = tempDir('logs');
    const echoed: string[] = [];
    const log = new LineLog((_level, line) => echoed.push(line));
    log.warn('early', { refresh_token: 'rt-early-secret' });
    log.attach(await openLogFile(dir));
    log.error('later Authorization: Bearer at-later-secret');
    const file = path.join(dir, LOG_FILE_NAME);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\[warn\]\s+early \{ refresh_token: '\[redacted\]' \}/);
    expect(text).toMatch(/\[error\] later Authorization: \[redacted\]/);
    expect(text).not.toMatch(/secret/);
    expect(echoed).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates to main.old.log when it grows past its size (1 MiB by default)', async () => {
    expect(LOG_MAX_BYTES).toBe(1024 * 1024);
    const dir = tempDir('logs');
    const log = new LineLog();
    log.attach(await openLogFile(dir, 16 * 1024));
    for (let i = 0; i < 400; i++) log.warn(`line ${i} ${'x'.repeat(80)}`);
    expect(existsSync(path.join(dir, 'main.old.log'))).toBe(true);
    expect(statSync(path.join(dir, LOG_FILE_NAME)).size).toBeLessThanOrEqual(16 * 1024 + 200);
  });
});
