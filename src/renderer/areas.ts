/**
 * The app's areas, in order, said once: the tab bar and its panels (App.tsx), deep links, the layout and
 * accessibility end-to-end tests and the keyboard tests all read this list, so a new area is covered as soon
 * as it is here. Which showcase areas appear is the app identity's `showcase` (src/shared/app-identity.ts).
 * Plain data (no React), so Node-side tests can import it.
 */
import { APP_IDENTITY } from '../shared/app-identity.ts';

export const ALL_AREAS = [
  { id: 'signin', label: 'Sign-in' },
  { id: 'storage', label: 'Storage', showcase: true },
  { id: 'encryption', label: 'Encryption', showcase: true },
  { id: 'window', label: 'Window', showcase: true },
  { id: 'about', label: 'About' },
] as const;

export type AreaId = (typeof ALL_AREAS)[number]['id'];
export type Area = (typeof ALL_AREAS)[number];

/** The areas an app shows: every area that is not a showcase, and the showcase areas it names. */
export function areasFor(showcase: readonly string[]): Area[] {
  return ALL_AREAS.filter((a) => !('showcase' in a) || showcase.includes(a.id));
}

export const AREAS: readonly Area[] = areasFor(APP_IDENTITY.showcase);
