import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { defer, disposeAll, track } from './disposables.ts';

const log: string[] = [];

describe('disposables', () => {
  beforeEach(() => defer(() => log.push('from beforeEach')));

  it('closes everything registered, last first, each awaited', async () => {
    log.length = 0;
    track({ close: async () => void log.push('store') });
    defer(() => log.push('server'));
    track({ [Symbol.asyncDispose]: async () => void log.push('async disposable') });
    track({ [Symbol.dispose]: () => void log.push('disposable') });
    await disposeAll();
    expect(log).toEqual(['disposable', 'async disposable', 'server', 'store', 'from beforeEach']);
  });

  it.fails('a failing test still gets its cleanup (checked by the next test)', () => {
    log.length = 0;
    defer(() => log.push('after a failure'));
    expect(1).toBe(2);
  });

  it('…which ran after that test, before this one', () => {
    expect(log).toEqual(['after a failure', 'from beforeEach']);
  });

  it('a cleanup that throws does not stop the others, and its error is reported', async () => {
    log.length = 0;
    defer(() => log.push('still closed'));
    defer(() => {
      throw new Error('boom');
    }, 'the broken one');
    await expect(disposeAll()).rejects.toThrow('closing the broken one after the test failed');
    expect(log).toEqual(['still closed', 'from beforeEach']);
  });
});

afterAll(() => {
  expect(() => track({ close() {} })).toThrow(/outside a test/);
});
