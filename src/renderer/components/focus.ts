/**
 * Keeping keyboard focus somewhere sensible. A button that is disabled while its action runs, or that
 * disappears when the view changes (Sign in → Cancel → Sign out), drops focus to the page body, and a
 * keyboard user has to start again from the top. These helpers put it back: on the same control if it is
 * still there, else on the first control of the part of the page it was in.
 */
import { useEffect, useRef, type RefObject } from 'react';

const CONTROLS =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex="0"]';

export function firstControl(container: Element | null): HTMLElement | null {
  return container?.querySelector<HTMLElement>(CONTROLS) ?? null;
}

/** The first field of the first form in `container` (a form's key field, say). */
export function firstField(container: Element | null): HTMLElement | null {
  return (
    container?.querySelector<HTMLElement>('form input:not([disabled]), form select:not([disabled])') ?? null
  );
}

export function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

export function usable(el: HTMLElement | null): el is HTMLElement {
  return (
    el !== null && el.isConnected && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0
  );
}

/** Where focus should go back to after an action started from `origin`. */
export function focusBack(origin: HTMLElement | null, container: Element | null): void {
  if (!focusLost()) return;
  if (usable(origin)) origin.focus();
  else firstControl(container)?.focus();
}

/**
 * For a region whose content changes on its own (a provider card when a sign-in completes, a list that
 * empties): if focus was in it and was lost by the change, it goes to the region's first control.
 */
export function useFocusKeeper<T extends HTMLElement>(
  key: unknown,
  ready = true,
  /** Where focus goes instead of the first control (e.g. the first field of a form). */
  pick: (region: T) => HTMLElement | null = firstControl,
): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const hadFocus = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onIn = () => (hadFocus.current = true);
    const onOut = (e: FocusEvent) => {
      // Only a move to somewhere else on the page counts; switching windows keeps it.
      if (e.relatedTarget instanceof Node && !el.contains(e.relatedTarget)) hadFocus.current = false;
    };
    el.addEventListener('focusin', onIn);
    el.addEventListener('focusout', onOut);
    return () => {
      el.removeEventListener('focusin', onIn);
      el.removeEventListener('focusout', onOut);
    };
  }, []);
  // Not while `ready` is false (an action is running and its buttons are disabled): the first control then
  // would be whatever happens to be enabled. Once ready, focus goes to the first control as it now is.
  useEffect(() => {
    const region = ref.current;
    if (region && ready && hadFocus.current && focusLost()) (pick(region) ?? firstControl(region))?.focus();
    // `pick` is a choice made once per call site, not state to follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready]);
  return ref;
}

/**
 * For an action whose control is disabled (or replaced) while it runs: `remember()` when it starts notes
 * where focus was; when `busy` turns false, focus goes back there (or to the first control of its section).
 */
export function useFocusReturn(busy: boolean): () => void {
  const origin = useRef<{ el: HTMLElement | null; container: Element | null } | null>(null);
  useEffect(() => {
    if (busy || !origin.current) return;
    const { el, container } = origin.current;
    origin.current = null;
    focusBack(el, container);
  }, [busy]);
  return () => {
    const el = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    origin.current = { el, container: el?.closest('section, form, [role="tabpanel"]') ?? null };
  };
}
