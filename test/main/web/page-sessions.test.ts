import { describe, expect, it } from 'vitest';
import { PageSessions } from '../../../src/main/web/page-sessions.ts';

/** A hand-driven clock and timer list, so each step of the policy is explicit. */
function harness(graceMs = 1000, idleMs = 5000) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const gone: string[] = [];
  const pages = new PageSessions({
    graceMs,
    idleMs,
    onGone: (id) => gone.push(id),
    now: () => now,
    setTimer: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimer: (h) => timers.delete(h as number),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [h, t] of [...timers]) {
      if (t.at > now) continue;
      timers.delete(h);
      t.fn();
    }
  };
  return { pages, gone, advance, pending: () => timers.size };
}

describe('PageSessions: when a web page’s session storage is dropped', () => {
  it('keeps the session of a page that reloads (stream closes, the same id opens one again)', () => {
    const { pages, gone, advance, pending } = harness();
    pages.streamOpened('tab-a');
    pages.streamClosed('tab-a');
    advance(200);
    pages.streamOpened('tab-a');
    advance(10_000);
    expect(gone).toEqual([]);
    expect(pending()).toBe(0);
  });

  it('drops the session of a page that stays away past the grace period (a closed tab)', () => {
    const { pages, gone, advance } = harness();
    pages.streamOpened('tab-a');
    pages.streamClosed('tab-a');
    advance(999);
    expect(gone).toEqual([]);
    advance(1);
    expect(gone).toEqual(['tab-a']);
  });

  it('waits for the last of a page’s streams, and treats each page on its own', () => {
    const { pages, gone, advance } = harness();
    pages.streamOpened('tab-a');
    pages.streamOpened('tab-a');
    pages.streamOpened('tab-b');
    pages.streamClosed('tab-a');
    pages.streamClosed('tab-b');
    advance(1000);
    expect(gone).toEqual(['tab-b']);
    pages.streamClosed('tab-a');
    advance(1000);
    expect(gone).toEqual(['tab-b', 'tab-a']);
  });

  it('leaves a stream dropped for reading slowly to reconnect, and to the idle sweep if it never does', () => {
    const { pages, gone, advance } = harness();
    pages.streamOpened('slow');
    pages.streamClosed('slow', true);
    advance(4000);
    pages.sweep();
    expect(gone).toEqual([]);
    advance(1000);
    pages.sweep();
    expect(gone).toEqual(['slow']);
  });

  it('sweeps a page that only ever called and went quiet, but not one still calling', () => {
    const { pages, gone, advance } = harness();
    pages.seen('quiet');
    pages.seen('busy');
    advance(4000);
    pages.seen('busy');
    advance(1000);
    pages.sweep();
    expect(gone).toEqual(['quiet']);
  });

  it('does not sweep a page inside its grace period, and the grace timer drops it once', () => {
    const { pages, gone, advance } = harness(1000, 500);
    pages.streamOpened('tab-a');
    pages.streamClosed('tab-a');
    advance(600);
    pages.sweep();
    expect(gone).toEqual([]);
    advance(400);
    pages.sweep();
    expect(gone).toEqual(['tab-a']);
  });

  it('drops nothing after close', () => {
    const { pages, gone, advance, pending } = harness();
    pages.streamOpened('tab-a');
    pages.streamClosed('tab-a');
    pages.close();
    expect(pending()).toBe(0);
    advance(5000);
    expect(gone).toEqual([]);
  });
});
