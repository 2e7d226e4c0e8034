/**
 * A tab list that may be wider than its window (the narrow layout's tab bar, with any number of areas): it
 * says which side has more tabs (`data-more` = start, end or both; the styles fade that side, a sign that it
 * scrolls) and keeps the selected tab in full view, clear of the fade.
 */
import { useEffect, type RefObject } from 'react';

/** How far from the edge the selected tab is kept: the width of the fade. */
const FADE = 40;

export function useTabBar(ref: RefObject<HTMLElement | null>, selected: unknown): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const max = el.scrollWidth - el.clientWidth;
      const start = max > 1 && el.scrollLeft > 1;
      const end = max > 1 && el.scrollLeft < max - 1;
      const more = start && end ? 'both' : start ? 'start' : end ? 'end' : null;
      if (more) el.dataset.more = more;
      else delete el.dataset.more;
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    resized?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized?.disconnect();
    };
  }, [ref]);

  useEffect(() => {
    const el = ref.current;
    const tab = el?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!el || !tab || el.scrollWidth <= el.clientWidth) return;
    const bar = el.getBoundingClientRect();
    const at = tab.getBoundingClientRect();
    if (at.left < bar.left + FADE) el.scrollLeft -= bar.left + FADE - at.left;
    else if (at.right > bar.right - FADE) el.scrollLeft += at.right - (bar.right - FADE);
  }, [ref, selected]);
}
