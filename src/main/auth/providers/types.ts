import type { ProviderSettings } from '../config/types.ts';
import type { RuntimeOf } from './runtime.ts';

export type { TokenSet } from './runtime.ts';

/** A configured provider of any type, as the sign-in code sees it (members: runtime.ts). */
export type ProviderRuntime = RuntimeOf<ProviderSettings>;
