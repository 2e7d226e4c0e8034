/**
 * The demo provider's saved state is checked by value: a state.json that parses but holds values no server
 * can use (port -1, an empty or foreign key) is started over, and the demo provider comes up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DemoStateFile,
  demoStateProblem,
  freshDemoState,
} from '../../../../src/main/auth/demo-idp/demo-state.ts';
import { startDemoIdp } from '../../../../src/main/auth/demo-idp/server.ts';
import { ensurePrivateDir } from '../../../../src/main/services/storage/trusted-path.ts';
import { track } from '../../../helpers/disposables.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const good = freshDemoState();

describe('demo provider state', () => {
  it.each([
    ['port -1', { ...good, port: -1 }, 'port'],
    ['port 70000', { ...good, port: 70000 }, 'port'],
    ['an empty key', { ...good, jwk: {} }, 'signing key'],
    ['a key that is not P-256', { ...good, jwk: { ...good.jwk, crv: 'P-384' } }, 'signing key'],
    ['an empty cookie key', { ...good, cookieKey: '' }, 'cookie key'],
    ['grants of the wrong form', { ...good, stores: { AccessToken: { x: 1 } } }, 'grants'],
  ])('refuses a state with %s', (_what, state, words) => {
    expect(demoStateProblem(state)).toContain(words);
  });

  it('takes a state it wrote itself', () => {
    expect(demoStateProblem(JSON.parse(JSON.stringify(good)))).toBeNull();
  });

  it('starts over, with a note, when state.json holds wrong values, and the demo provider comes up', async () => {
    const dataDir = tempDir('demo-state');
    ensurePrivateDir(dataDir);
    const file = path.join(dataDir, 'state.json');
    writeFileSync(file, JSON.stringify({ ...good, port: -1, jwk: {}, cookieKey: '' }), { mode: 0o600 });
    const log = { warn: vi.fn() };
    expect((await new DemoStateFile(dataDir, log).load()).port).toBe(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('could not be used (its port'));

    const idp = await startDemoIdp({ dataDir, log });
    track({ close: () => idp.close() });
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(discovery.issuer).toBe(idp.issuer);
    expect(demoStateProblem(JSON.parse(readFileSync(file, 'utf8')))).toBeNull();
  });
});
