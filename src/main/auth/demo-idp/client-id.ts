/** The demo identity provider's public client (its own module, so importing it does not load oidc-provider). */
export const DEMO_CLIENT_ID = 'latchkey-demo';
