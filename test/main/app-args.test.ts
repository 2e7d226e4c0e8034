import { describe, expect, it } from 'vitest';
import { parseAppArgs } from '../../src/main/app-args.ts';

describe('parseAppArgs', () => {
  it("reads Latchkey's options and leaves Electron's switches alone", () => {
    expect(
      parseAppArgs([
        '/usr/bin/electron',
        '.',
        '--no-sandbox',
        '--providers',
        'p.json',
        '--demo-idp',
        '--floating',
      ]),
    ).toEqual({
      providers: 'p.json',
      demoIdp: true,
      floating: true,
    });
    expect(parseAppArgs(['--providers=x.json']).providers).toBe('x.json');
    expect(parseAppArgs([])).toEqual({ providers: undefined, demoIdp: false, floating: false });
  });
});
