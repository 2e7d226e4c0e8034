/** `npm run web` refuses a data folder other users could tamper with, before it starts anything. */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

describe('web mode --data-dir', () => {
  it('exits 1 naming a world-writable data folder and the command that fixes it', () => {
    const dir = tempDir('web-open');
    chmodSync(dir, 0o777);
    const r = spawnSync(NODE, ['src/main/web/cli.ts', '--no-open', '--data-dir', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `latchkey web: refusing to use ${dir}: other users can write to it (mode 777); fix: chmod 700 '${dir}'`,
    );
    expect(r.stdout).not.toContain('serving');
  });
});
