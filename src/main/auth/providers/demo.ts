/** The embedded demo identity provider (demo-idp/): no registration anywhere, groups shown by default. */
import { z } from 'zod';
import { idField, nameField } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { createOidcRuntime } from './oidc-runtime.ts';

export const demo = defineProviderType({
  type: 'demo',
  schema: () => z.strictObject({ type: z.literal('demo'), id: idField(), name: nameField() }),
  defaultName: 'Demo',
  defaultId: 'demo',
  binding: () => ({}),
  flowDefaults: { fetchGroups: true },
  createRuntime: (settings, deps) =>
    createOidcRuntime(settings, {
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
      issuer: deps.demoIssuer,
      clientId: deps.demoClientId,
      clientAuthMethod: 'client_secret_basic',
      groupsClaim: 'groups',
      allowHttp: true,
      // The demo is for trying accounts out: always ask who is signing in, even if the browser remembers one.
      // The demo shows its login and consent pages every time, so a person sees the whole flow.
      prompt: () => 'login consent',
    }),
});
