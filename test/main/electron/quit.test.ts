import { describe, expect, it, vi } from 'vitest';
import { closeWithin } from '../../../src/main/electron/quit.ts';

describe('closeWithin', () => {
  it('waits for the host to close', async () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    let closed = false;
    await closeWithin(
      Promise.resolve().then(() => void (closed = true)),
      3000,
      log,
    );
    expect(closed).toBe(true);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('gives up after the bound and says so', async () => {
    vi.useFakeTimers();
    const log = { warn: vi.fn(), error: vi.fn() };
    const done = closeWithin(new Promise<void>(() => {}), 3000, log);
    await vi.advanceTimersByTimeAsync(3000);
    await done;
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('did not close within 3000 ms'));
    vi.useRealTimers();
  });

  it('logs a failed close instead of throwing', async () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    await closeWithin(Promise.reject(new Error('EACCES')), 3000, log);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
  });
});
