import {
  APP_POLICY,
  enabledBeyondDefaults,
  type AppPolicy,
  type PolicySetting,
} from '../../shared/app-policy.ts';

const SAYS: Record<PolicySetting, string> = {
  'auth.getAccessToken': 'hand access tokens to this page',
  'auth.exportToken': 'export tokens, refresh token included',
  'auth.importToken': 'sign in from an imported token',
};

/**
 * Says what the app's policy lets this page do beyond a production app's defaults (README "App policy"):
 * Latchkey's showcase turns token export and import on to demonstrate them, and says so here.
 */
export function PolicyNote({ policy = APP_POLICY }: { policy?: AppPolicy }) {
  const beyond = enabledBeyondDefaults(policy);
  if (beyond.length === 0) return null;
  return (
    <p className="hint" role="note" aria-label="App policy">
      This app lets its page {beyond.map((s) => SAYS[s]).join(' and ')} (
      {beyond.map((s, i) => (
        <span key={s}>
          {i > 0 ? ', ' : ''}
          <code>{s}</code>
        </span>
      ))}{' '}
      on in its app policy); a production app usually leaves these off.
    </p>
  );
}
