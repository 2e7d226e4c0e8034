/** Bounded reads against real loopback servers: a huge answer is stopped at the cap while it streams. */
import { describe, expect, it } from 'vitest';
import { boundedFetch, readBounded, tooLargeIn } from '../../../src/main/net/bounded-read.ts';
import { HostError } from '../../../src/shared/errors.ts';
import { floodServer } from '../../helpers/flood-server.ts';

const MB = 1024 * 1024;

describe('readBounded', () => {
  it('stops a body without a length at the cap, leaving most of it unsent', async () => {
    const flood = await floodServer({ total: 100 * MB });
    const response = await fetch(flood.origin);
    await expect(readBounded(response, MB, 'the answer')).rejects.toMatchObject({
      code: 'too_large',
      details: { limit: MB },
    });
    await flood.ended();
    // Reading whole before refusing would have taken all 100 MB off the socket.
    expect(flood.sent()).toBeLessThan(20 * MB);
  });

  it('refuses a declared length over the cap before reading the body', async () => {
    const flood = await floodServer({ total: 10 * MB, declare: true });
    const response = await fetch(flood.origin);
    await expect(readBounded(response, MB, 'the answer')).rejects.toMatchObject({
      code: 'too_large',
      details: { limit: MB, actual: 10 * MB },
    });
  });

  it('reads a body within the cap whole', async () => {
    const flood = await floodServer({ total: 300 * 1024 });
    const body = await readBounded(await fetch(flood.origin), MB, 'the answer');
    expect(body.byteLength).toBe(300 * 1024 + 1);
  });
});

describe('boundedFetch', () => {
  it("makes another reader's json() fail with too_large at the cap", async () => {
    const flood = await floodServer({ total: 100 * MB });
    const capped = boundedFetch(fetch, MB, 'the answer');
    const response = await capped(flood.origin);
    const error = await response.json().catch((e: unknown) => e);
    expect(tooLargeIn(error)).toBeInstanceOf(HostError);
    expect(tooLargeIn(error)?.message).toContain('127.0.0.1');
    await flood.ended();
    expect(flood.sent()).toBeLessThan(20 * MB);
  });

  it('passes small answers through with their status and headers', async () => {
    const flood = await floodServer({ total: 10, contentType: 'text/plain' });
    const response = await boundedFetch(fetch, MB)(flood.origin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe(`"${'a'.repeat(10)}`);
  });
});
