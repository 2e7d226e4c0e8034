/** The update menu item (tray and application menu) for each update state: a pure function. */
import type { UpdateState } from '../../shared/update-types.ts';

/** What the update item says and whether it can be clicked, for each update state. */
export function updateMenuItem(state: UpdateState): { label: string; enabled: boolean } {
  switch (state.status) {
    case 'checking':
      return { label: 'Checking for Updates…', enabled: false };
    case 'downloading':
      return { label: `Downloading Update… ${state.percent}%`, enabled: false };
    case 'ready':
      return { label: `Restart to Update (${state.version})`, enabled: true };
    default:
      return { label: 'Check for Updates…', enabled: true };
  }
}
