import type { VaultInfo } from '../../../src/shared/auth-types.ts';

/** What the host says of its vault in web mode with nothing remembered: a key file, ready to remember. */
export const EMPTY_VAULT: VaultInfo = {
  file: '/data/vault.json',
  backend: 'key-file',
  level: 'key-file',
  allowWeakProtection: false,
  canRemember: true,
  whyNot: null,
  remembered: [],
  rememberedSessions: 0,
  notes: [],
};
