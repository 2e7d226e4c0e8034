import type { ProviderSettings } from '../config/types.ts';
import type { RuntimeDeps } from './definition.ts';
import { bindingOf, resolveFlowOptions } from './flow-options.ts';
import { providerTypeOf } from './registry.ts';
import type { ProviderRuntime } from './types.ts';

/** A provider runtime: what its type does, plus its resolved flow options and identity binding. */
export function createRuntime(settings: ProviderSettings, deps: RuntimeDeps): ProviderRuntime {
  const runtime = providerTypeOf(settings).createRuntime(settings, deps);
  return Object.assign(runtime, {
    flow: resolveFlowOptions(settings),
    binding: bindingOf(settings),
    fetch: deps.fetchImpl ?? fetch,
  });
}
