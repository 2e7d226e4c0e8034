import { SessionPanel } from './SessionPanel.tsx';

export function StoragePanel() {
  return (
    <div className="stack">
      <SessionPanel />
    </div>
  );
}
