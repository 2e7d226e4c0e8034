import { ClientStoragePanel } from './ClientStoragePanel.tsx';
import { SessionPanel } from './SessionPanel.tsx';

export function StoragePanel() {
  return (
    <div className="stack">
      <ClientStoragePanel />
      <SessionPanel />
    </div>
  );
}
