/** The Storage area's notes about damaged files, over the fake host: counted damage says what was kept. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClientStoragePanel } from '../../../src/renderer/panels/ClientStoragePanel.tsx';
import type { ClientStorageStatus } from '../../../src/shared/contract.ts';
import { fakeHost } from '../helpers/fake-host.ts';

const none = {
  corruptLines: 0,
  missingLines: 0,
  tornBytes: 0,
  repairedLines: 0,
  overLimitEntries: 0,
  overQuotaEntries: 0,
};

function renderWith(status: ClientStorageStatus) {
  fakeHost.answer('clientStorage.entries', () => []).answer('clientStorage.status', () => status);
  render(<ClientStoragePanel />);
}

describe('Client storage panel: damaged files', () => {
  it('a damaged journal: says what was skipped, that the rest was kept, and where the original is', async () => {
    const damage = { ...none, corruptLines: 1, tornBytes: 20 };
    renderWith({
      file: '/data/client-storage.json',
      keys: 3,
      recovered: [
        {
          file: '/data/client-storage.json.journal',
          movedTo: '/data/client-storage.json.journal.damaged-2026',
          reason: '1 damaged line skipped; 20 bytes of an unfinished last line dropped',
          at: '2026-12-01T00:00:00.000Z',
          damage,
        },
      ],
      damage,
      usedBytes: 30,
      quotaBytes: 268435456,
      error: null,
    });
    const note = await screen.findByText(/Damage was found in the stored file/);
    expect(note.textContent).toBe(
      'Damage was found in the stored file /data/client-storage.json.journal: 1 damaged line skipped; 20 bytes of an unfinished last line dropped. Everything else was kept, and the original file was kept as /data/client-storage.json.journal.damaged-2026.',
    );
    expect(screen.queryByText(/storage started empty/)).toBeNull();
  });

  it('an unreadable snapshot: moved aside, storage started empty', async () => {
    renderWith({
      file: '/data/client-storage.json',
      keys: 0,
      recovered: [
        {
          file: '/data/client-storage.json',
          movedTo: '/data/client-storage.corrupt-2026.json',
          reason: 'the file is not a JSON object',
          at: '2026-12-01T00:00:00.000Z',
        },
      ],
      damage: none,
      usedBytes: 0,
      quotaBytes: 268435456,
      error: null,
    });
    expect((await screen.findByText(/could not be read/)).textContent).toContain('storage started empty');
  });
});
