import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../../src/main/vault/token-vault.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const writer = fileURLToPath(new URL('../../helpers/vault-writer.ts', import.meta.url));
const ROUNDS = 25;

function runAndKill(dir: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = -1;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) last = Math.max(last, Number(line.split(' ')[1]));
      if (last >= after && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(stderr))));
  });
}

describe('token vault under SIGKILL', () => {
  it(`always opens, and holds the last write reported done, over ${ROUNDS} kills`, async () => {
    const dir = tempDir('vault-kill');
    for (let round = 0; round < ROUNDS; round++) {
      const last = await runAndKill(dir, randomInt(0, 60));
      const vault = await TokenVault.open({
        dir,
        protector: new KeyFileProtector(dir),
        log: { warn() {}, error() {} },
      });
      try {
        const sessions = await vault.load();
        expect(vault.status().notes).toEqual([]);
        // The child restarts its count each round, so the newest save is the highest signedInAt per provider.
        const newest = Math.max(...sessions.map((s) => s.signedInAt));
        expect(newest).toBeGreaterThanOrEqual(last);
        for (const s of sessions) expect(s.tokens.accessToken).toBe(`access-${s.signedInAt}`);
      } finally {
        await vault.close();
      }
    }
  });
});
