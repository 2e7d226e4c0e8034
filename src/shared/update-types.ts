/** What the About area and the menus show of the app's updates (`update.state`, `update.changed`). */
export type UpdateState =
  /** Web mode and development builds: updates are for the installed app. */
  | { status: 'unsupported'; reason: string }
  | { status: 'idle' }
  | { status: 'checking' }
  /** The feed's version is this one or older (an older one is never installed: no downgrades). */
  | { status: 'upToDate'; checkedAt: number; feedVersion: string | null }
  | { status: 'downloading'; version: string; percent: number; transferred: number; total: number }
  /** Downloaded and verified (sha512): installs on "Restart to update" or at the next quit. */
  | { status: 'ready'; version: string }
  | { status: 'error'; kind: UpdateErrorKind; message: string };

export type UpdateErrorKind = 'offline' | 'unreachable' | 'integrity' | 'other';
