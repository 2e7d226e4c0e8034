export function SignInPanel() {
  return <p className="hint">Sign-in with OpenID Connect providers arrives with the sign-in issue.</p>;
}
