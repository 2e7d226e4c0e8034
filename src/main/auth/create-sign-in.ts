/** Builds the sign-in service from configuration, starting the demo identity provider when it is offered. */
import { loadProviderConfig, type LoadOptions } from './config/load.ts';
import { DEMO_CLIENT_ID } from './demo-idp/client-id.ts';
import type { DemoIdp } from './demo-idp/server.ts';
import type { FetchImpl } from './providers/http.ts';
import { createRuntime } from './providers/index.ts';
import { SignInService, type AuthPorts } from './sign-in-service.ts';

export interface SignInSetup {
  service: SignInService;
  close(): Promise<void>;
}

export interface SignInSetupOptions {
  /** Where the demo provider keeps its keys and grants (so remembered demo sign-ins survive). */
  demoDataDir?: string | undefined;
  /** How providers are reached (default: this runtime's fetch). */
  fetch?: FetchImpl | undefined;
}

export async function createSignIn(
  options: LoadOptions,
  ports: AuthPorts,
  { demoDataDir, fetch }: SignInSetupOptions = {},
): Promise<SignInSetup> {
  const config = await loadProviderConfig(options);
  for (const problem of config.problems) {
    ports.log.warn(`latchkey: providers: ${problem.entry}: ${problem.field}: ${problem.message}`);
  }
  let demo: Promise<DemoIdp> | null = null;
  const demoIssuer = () => {
    // Loaded on demand: oidc-provider (and Koa under it) stays off the app's start-up path.
    demo ??= import('./demo-idp/server.ts').then((m) =>
      m.startDemoIdp(demoDataDir ? { dataDir: demoDataDir } : {}),
    );
    return demo.then((d) => d.issuer);
  };
  const runtimes = config.providers.map((settings) =>
    createRuntime(settings, {
      demoIssuer,
      demoClientId: DEMO_CLIENT_ID,
      ...(fetch ? { fetchImpl: fetch } : {}),
    }),
  );
  const service = new SignInService(config, runtimes, ports);
  return {
    service,
    close: async () => {
      service.close();
      if (demo) await (await demo.catch(() => null))?.close();
    },
  };
}
