/** The animated box reports each layer's end by Flet's name, once, and never for a layer inside it. */
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnimatedBox } from '../../../src/renderer/components/AnimatedBox.tsx';

const LOOK = { width: 80, height: 40, bgcolor: '#123456', borderRadius: 8 };

function transition(
  el: Element,
  type: 'transitionrun' | 'transitionend' | 'transitioncancel',
  property: string,
) {
  const event = new Event(type, { bubbles: true });
  Object.defineProperty(event, 'propertyName', { value: property });
  el.dispatchEvent(event);
}

function renderBox(onEnd: (name: string) => void) {
  render(
    <AnimatedBox
      label="Box"
      opacity={0.5}
      rotate={1}
      scale={2}
      offset={{ x: 0.5, y: 0 }}
      position={{ left: 10, top: 20 }}
      container={LOOK}
      animate={{ opacity: 100, rotation: 200, scale: 300, offset: 400, position: 500, container: 600 }}
      curve="easeIn"
      onAnimationEnd={onEnd}
    >
      Hi
    </AnimatedBox>,
  );
  const layer = (kind: string) => document.querySelector(`[data-animation="${kind}"]`)!;
  return layer;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AnimatedBox', () => {
  it('sets each target on its own layer, with its own duration', () => {
    const layer = renderBox(() => {});
    expect(screen.getByRole('group', { name: 'Box' })).toBe(layer('position'));
    expect((layer('rotation') as HTMLElement).style.transform).toBe('rotate(1rad)');
    expect((layer('offset') as HTMLElement).style.transform).toBe('translate(50%, 0%)');
    expect((layer('opacity') as HTMLElement).style.transition).toBe('opacity 100ms ease-in');
    expect((layer('position') as HTMLElement).style.left).toBe('10px');
    expect((layer('container') as HTMLElement).style.transition).toContain('width 600ms ease-in');
  });

  it.each(['opacity', 'rotation', 'scale', 'offset', 'position', 'container'])(
    'a %s transition ends as Flet’s "%s"',
    (kind) => {
      const onEnd = vi.fn();
      const layer = renderBox(onEnd);
      const property = kind === 'opacity' ? 'opacity' : kind === 'position' ? 'left' : 'transform';
      transition(layer(kind), 'transitionrun', property);
      transition(layer(kind), 'transitionend', property);
      // The end bubbles through every layer outside it; only its own layer answers.
      expect(onEnd.mock.calls).toEqual([[kind]]);
    },
  );

  it('the container ends once, after the last of its properties', () => {
    const onEnd = vi.fn();
    const layer = renderBox(onEnd);
    for (const p of ['width', 'height', 'background-color'])
      transition(layer('container'), 'transitionrun', p);
    transition(layer('container'), 'transitionend', 'width');
    transition(layer('container'), 'transitionend', 'height');
    expect(onEnd).not.toHaveBeenCalled();
    transition(layer('container'), 'transitionend', 'background-color');
    expect(onEnd.mock.calls).toEqual([['container']]);
  });

  it('a change undone before it moved still ends once, after its duration, as Flutter’s does', () => {
    vi.useFakeTimers();
    const onEnd = vi.fn();
    const layer = renderBox(onEnd);
    // The browser cancels the transition and starts none: the value is back where it was.
    transition(layer('rotation'), 'transitionrun', 'transform');
    transition(layer('rotation'), 'transitioncancel', 'transform');
    vi.advanceTimersByTime(199);
    expect(onEnd).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onEnd.mock.calls).toEqual([['rotation']]);
  });

  it('a cancel followed by a new transition waits for that one’s end', () => {
    vi.useFakeTimers();
    const onEnd = vi.fn();
    const layer = renderBox(onEnd);
    transition(layer('scale'), 'transitionrun', 'transform');
    transition(layer('scale'), 'transitioncancel', 'transform');
    transition(layer('scale'), 'transitionrun', 'transform');
    vi.advanceTimersByTime(1000);
    expect(onEnd).not.toHaveBeenCalled();
    transition(layer('scale'), 'transitionend', 'transform');
    expect(onEnd.mock.calls).toEqual([['scale']]);
  });

  it('a kind without a duration is not animated', () => {
    render(<AnimatedBox container={LOOK} animate={{ scale: 100 }} rotate={1} />);
    expect((document.querySelector('[data-animation="rotation"]') as HTMLElement).style.transition).toBe('');
    expect((document.querySelector('[data-animation="scale"]') as HTMLElement).style.transition).toBe(
      'transform 100ms linear',
    );
  });
});
