import { describe, expect, it } from 'vitest';
import { CliError, parseWebArgs } from '../../../src/main/web/cli-args.ts';

describe('parseWebArgs', () => {
  it('has safe defaults: free port, open the browser', () => {
    expect(parseWebArgs([])).toEqual({
      port: 0,
      open: true,
      dataDir: undefined,
      providers: undefined,
      demoIdp: false,
      help: false,
    });
  });
  it('reads every documented option', () => {
    expect(
      parseWebArgs([
        '--port',
        '8550',
        '--no-open',
        '--data-dir',
        '/tmp/d',
        '--providers',
        'p.json',
        '--demo-idp',
      ]),
    ).toEqual({
      port: 8550,
      open: false,
      dataDir: '/tmp/d',
      providers: 'p.json',
      demoIdp: true,
      help: false,
    });
    expect(parseWebArgs(['--port=9000']).port).toBe(9000);
  });
  it.each([
    ['--port'],
    ['--port', 'abc'],
    ['--port', '70000'],
    ['--port', '-1'],
    ['--bogus'],
    ['--data-dir'],
  ])('refuses %j', (...argv) => {
    expect(() => parseWebArgs(argv)).toThrow(CliError);
  });
});
