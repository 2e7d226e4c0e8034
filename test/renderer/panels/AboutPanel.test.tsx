/** The About area over the fake host: each update state as the user sees it, and the log folder. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AboutPanel } from '../../../src/renderer/panels/AboutPanel.tsx';
import { definePolicy } from '../../../src/shared/app-policy.ts';
import type { AppInfo } from '../../../src/shared/contract.ts';
import type { UpdateState } from '../../../src/shared/update-types.ts';
import { fakeHost } from '../helpers/fake-host.ts';

const DESKTOP: AppInfo = {
  name: 'Latchkey',
  version: '1.0.0',
  transport: 'electron',
  platform: 'linux',
  policy: definePolicy(),
};
const WEB: AppInfo = { ...DESKTOP, transport: 'web' };

function renderWith(info: AppInfo, state: UpdateState) {
  fakeHost.answer('app.info', () => info).answer('update.state', () => state);
  render(<AboutPanel />);
}

describe('About panel', () => {
  it('web mode: updates are for the installed app, and the log is in the terminal', async () => {
    renderWith(WEB, { status: 'unsupported', reason: 'updates are for the installed app' });
    expect(await screen.findByText(/Updates are for the installed app/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
    expect(screen.getByText(/Web mode writes its log to the terminal/)).toBeTruthy();
  });

  it('checks for updates, shows the download progress as it arrives, then offers the restart', async () => {
    const user = userEvent.setup();
    let state: UpdateState = { status: 'idle' };
    fakeHost.answer('update.check', () => (state = { status: 'checking' }));
    renderWith(DESKTOP, state);
    fakeHost.answer('update.state', () => state);
    await user.click(await screen.findByRole('button', { name: 'Check for updates' }));
    expect(fakeHost.callsTo('update.check')).toHaveLength(1);

    state = { status: 'downloading', version: '1.1.0', percent: 40, transferred: 4, total: 10 };
    fakeHost.emit('update.changed', state);
    const bar = await screen.findByRole('progressbar', { name: 'Update download' });
    expect(bar.getAttribute('value')).toBe('40');
    expect((screen.getByRole('button', { name: 'Check for updates' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    state = { status: 'ready', version: '1.1.0' };
    fakeHost.answer('update.install', () => true);
    fakeHost.emit('update.changed', state);
    await user.click(await screen.findByRole('button', { name: 'Restart to update' }));
    expect(fakeHost.callsTo('update.install')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Version 1.1.0 is ready: restart to update.');
  });

  it.each([
    [{ status: 'upToDate', checkedAt: 0, feedVersion: '1.0.0' }, 'You have the newest version.'],
    [
      { status: 'error', kind: 'integrity', message: 'The downloaded update did not match.' },
      'The downloaded update did not match.',
    ],
    [{ status: 'error', kind: 'offline', message: 'You appear to be offline.' }, 'You appear to be offline.'],
  ] as const)('says %j in plain words', async (state, text) => {
    renderWith(DESKTOP, state);
    expect((await screen.findByRole('status')).textContent).toBe(text);
  });

  it('opens the logs folder through the host', async () => {
    const user = userEvent.setup();
    fakeHost.answer('app.openLogsFolder', () => undefined);
    renderWith(DESKTOP, { status: 'idle' });
    await user.click(await screen.findByRole('button', { name: 'Open logs folder' }));
    expect(fakeHost.callsTo('app.openLogsFolder')).toHaveLength(1);
  });
});
