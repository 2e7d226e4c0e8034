import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  delay,
  Limiter,
  MAX_TIMER_DELAY_MS,
  Sequencer,
  SingleFlight,
  Timer,
  WallClockWatch,
} from '../../src/main/async.ts';

/** A promise with its resolve/reject in hand, so a test decides when work ends. */
function gate<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Sequencer', () => {
  it('runs whole operations in the order queued, each after the previous one ended', async () => {
    const s = new Sequencer();
    const log: string[] = [];
    const first = gate();
    const a = s.run(async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = s.run(async () => {
      log.push('b start');
      return 'b';
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('goes on after a failure, which only its own caller sees', async () => {
    const s = new Sequencer();
    const failed = s.run(() => Promise.reject(new Error('boom')));
    const next = s.run(() => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
    await expect(s.idle()).resolves.toBeUndefined();
  });
});

describe('Limiter', () => {
  it('never runs more than its limit at once, and starts the waiting in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        order.push(i);
        running++;
        peak = Math.max(peak, running);
        await g.promise;
        running--;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });

  it('lets a waiting run leave the line when its signal aborts, with the signal reason', async () => {
    const limiter = new Limiter(1);
    const busy = gate();
    const first = limiter.run(() => busy.promise);
    const controller = new AbortController();
    const work = vi.fn(async () => 'ran');
    const waiting = limiter.run(work, controller.signal);
    const reason = new Error('cancelled by the user');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    busy.resolve();
    await first;
    expect(work).not.toHaveBeenCalled();
    // The slot was not lost: a later run still gets it.
    await expect(limiter.run(async () => 'later')).resolves.toBe('later');
  });

  it('refuses at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(new Limiter(1).run(async () => 1, controller.signal)).rejects.toThrow('already');
  });
});

describe('SingleFlight', () => {
  it('shares one flight among every caller while it is in the air, then starts anew', async () => {
    const g = gate<number>();
    const work = vi.fn(() => g.promise);
    const flight = new SingleFlight(work);
    const a = flight.run();
    const b = flight.run();
    expect(flight.inFlight).toBe(true);
    g.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(work).toHaveBeenCalledTimes(1);
    expect(flight.inFlight).toBe(false);
    work.mockResolvedValueOnce(8);
    await expect(flight.run()).resolves.toBe(8);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('with keep, hands out the first success from then on and retries after a failure', async () => {
    const work = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce('config')
      .mockResolvedValue('again');
    const flight = new SingleFlight(work, { keep: true });
    await expect(flight.run()).rejects.toThrow('offline');
    await expect(flight.run()).resolves.toBe('config');
    await expect(flight.run()).resolves.toBe('config');
    expect(work).toHaveBeenCalledTimes(2);
    flight.reset();
    await expect(flight.run()).resolves.toBe('again');
  });
});

describe('Timer', () => {
  it('fires a delay past 2^31−1 ms once, at its time, not after 1 ms', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = { now: () => Date.now() };
    const fire = vi.fn();
    const thirtyDays = 30 * 24 * 3600 * 1000;
    expect(thirtyDays).toBeGreaterThan(MAX_TIMER_DELAY_MS);
    new Timer(clock).fireIn(thirtyDays, fire);
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(thirtyDays - MAX_TIMER_DELAY_MS - 1001);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(thirtyDays);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('replaces what was scheduled, cancels, and says when it will fire', () => {
    vi.useFakeTimers({ now: 1000 });
    const timer = new Timer({ now: () => Date.now() });
    const first = vi.fn();
    const second = vi.fn();
    timer.fireAt(5000, first);
    timer.fireAt(3000, second);
    expect(timer.at).toBe(3000);
    vi.advanceTimersByTime(10_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(timer.at).toBeNull();
    timer.fireIn(100, first);
    timer.cancel();
    vi.advanceTimersByTime(1000);
    expect(first).not.toHaveBeenCalled();
  });

  it('waits the rest when its clock is behind the wake-up (an injected clock)', () => {
    vi.useFakeTimers({ now: 0 });
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const fire = vi.fn();
    new Timer(clock).fireAt(10_000, fire);
    offset = -5000; // the clock went back: at the first wake it is only 5 s
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5000);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

describe('after a sleep or a clock jump', () => {
  it('a timer looked at again fires at once when its time came meanwhile, and waits the rest otherwise', () => {
    vi.useFakeTimers({ now: 0 });
    let jump = 0;
    const timer = new Timer({ now: () => Date.now() + jump });
    const fire = vi.fn();
    timer.fireAt(60_000, fire);
    timer.recheck();
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    // The wall clock moved an hour while the timer's own clock did not (a suspended machine).
    jump = 3600_000;
    timer.recheck();
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(1);
    timer.recheck();
    vi.advanceTimersByTime(3600_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('the wall-clock watch says when the wall clock and the process clock part, not when they agree', () => {
    vi.useFakeTimers({ now: 0 });
    let wall = 1_000_000;
    let mono = 0;
    const jumped = vi.fn();
    const watch = new WallClockWatch({ now: () => wall, monotonic: () => mono, everyMs: 10_000 }, jumped);
    watch.start();
    wall += 10_000;
    mono += 10_000;
    vi.advanceTimersByTime(10_000);
    expect(jumped).not.toHaveBeenCalled();
    // Asleep for 20 minutes: the wall clock went on, the process clock stood still.
    wall += 1_200_000 + 10_000;
    mono += 10_000;
    vi.advanceTimersByTime(10_000);
    expect(jumped).toHaveBeenCalledWith(1_200_000);
    watch.stop();
    wall += 1_000_000;
    vi.advanceTimersByTime(60_000);
    expect(jumped).toHaveBeenCalledTimes(1);
  });
});

describe('delay', () => {
  it('resolves after its time and rejects with the reason when aborted first', async () => {
    vi.useFakeTimers({ now: 0 });
    const done = vi.fn();
    void delay(50).then(done);
    await vi.advanceTimersByTimeAsync(49);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
    const controller = new AbortController();
    const waiting = delay(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
