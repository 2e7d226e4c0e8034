/**
 * The app's areas, in order, said once: the tab bar and its panels (App.tsx), the layout and accessibility
 * end-to-end tests and the keyboard tests all read this list, so a new area is covered as soon as it is here.
 * Plain data (no React), so Node-side tests can import it.
 */
export const AREAS = [
  { id: 'signin', label: 'Sign-in' },
  { id: 'storage', label: 'Storage' },
  { id: 'encryption', label: 'Encryption' },
  { id: 'window', label: 'Window' },
  { id: 'about', label: 'About' },
] as const;

export type AreaId = (typeof AREAS)[number]['id'];
