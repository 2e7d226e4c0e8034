export function WindowPanel() {
  return (
    <p className="hint">
      Window controls, the floating window and clipboard arrive with the desktop shell issue.
    </p>
  );
}
