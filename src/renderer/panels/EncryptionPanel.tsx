export function EncryptionPanel() {
  return (
    <p className="hint">Passphrase encryption compatible with Flet arrives with the encryption issue.</p>
  );
}
