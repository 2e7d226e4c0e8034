/** The Window area's controls in the desktop app, over the fake host: what each sends, and what it shows. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WindowPanel } from '../../../src/renderer/panels/WindowPanel.tsx';
import type { WindowState } from '../../../src/shared/window-types.ts';
import { fakeHost } from '../helpers/fake-host.ts';

const STATE: WindowState = {
  focused: true,
  maximized: false,
  minimized: false,
  alwaysOnTop: false,
  bounds: { left: 10, top: 20, width: 1040, height: 720 },
  backgroundColor: '#fff6f7f9',
  floating: false,
  opacity: 1,
  minWidth: 640,
  minHeight: 480,
  maxWidth: null,
  maxHeight: null,
  resizable: true,
  fullScreen: false,
  preventClose: false,
  skipTaskBar: false,
  progressBar: null,
  frameless: false,
  titleBarHidden: false,
  transparent: false,
};

function renderDesktop() {
  fakeHost
    .answer('window.capabilities', () => ({
      transport: 'electron',
      windowControls: true,
      floating: true,
      alwaysOnTop: true,
      clipboard: true,
      inAppPopups: true,
    }))
    .answer('window.getState', () => STATE);
  const user = userEvent.setup();
  render(<WindowPanel />);
  return { user };
}

/** Waits until the panel listens for `name` (it subscribes once the host has said it is the desktop app). */
const listening = (name: 'window.event' | 'window.closeRequested') =>
  waitFor(() => expect(fakeHost.listenerCount(name)).toBeGreaterThan(0));

describe('Window area (desktop)', () => {
  it('sends the picked colour with its opacity alpha first, as Flet writes it', async () => {
    fakeHost.answer('window.setBackgroundColor', () => STATE);
    const { user } = renderDesktop();
    const card = await screen.findByRole('region', { name: 'Window' });
    await screen.findByDisplayValue('640'); // the window's state has arrived: the controls are on
    // A colour picker and a slider take their value by a change event (there is no typing into them).
    fireEvent.change(within(card).getByLabelText('Background colour'), { target: { value: '#ff0000' } });
    fireEvent.change(within(card).getByRole('slider', { name: 'Background opacity' }), {
      target: { value: '50' },
    });
    await user.click(within(card).getByRole('button', { name: 'Apply background' }));
    await waitFor(() => expect(fakeHost.callsTo('window.setBackgroundColor')).toEqual([['#80ff0000']]));
  });

  it("applies Flet's window properties from the form, starting from the window's own", async () => {
    fakeHost.answer('window.update', (props) => ({ ...STATE, ...props }) as WindowState);
    const { user } = renderDesktop();
    const form = await screen.findByRole('form', { name: 'Window properties' });
    const minWidth = within(form).getByRole('textbox', { name: 'Minimum width' });
    await listening('window.event');
    await waitFor(() => expect(minWidth).toHaveProperty('value', '640'));
    const opacity = within(form).getByRole('spinbutton', { name: 'Window opacity' });
    await user.clear(opacity);
    await user.type(opacity, '0.7');
    await user.clear(minWidth);
    await user.type(within(form).getByRole('textbox', { name: 'Maximum width' }), '1600');
    await user.type(within(form).getByRole('textbox', { name: 'Taskbar progress' }), '0.3');
    await user.click(within(form).getByRole('checkbox', { name: 'Prevent close' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Frameless' }));
    await user.click(within(form).getByRole('button', { name: 'Apply window properties' }));
    await screen.findByText('Window properties applied');
    expect(fakeHost.callsTo('window.update')).toEqual([
      [
        {
          opacity: 0.7,
          progressBar: 0.3,
          minWidth: null,
          minHeight: 480,
          maxWidth: 1600,
          maxHeight: null,
          resizable: true,
          fullScreen: false,
          preventClose: true,
          skipTaskBar: false,
          frameless: true,
          titleBarHidden: false,
          transparent: false,
        },
      ],
    ]);
  });

  it('a close request (Prevent close) asks, and Close it closes the window', async () => {
    fakeHost.answer('window.close', () => undefined);
    const { user } = renderDesktop();
    await listening('window.closeRequested');
    fakeHost.emit('window.closeRequested', {});
    const question = await screen.findByRole('group', { name: 'Close this window?' });
    await user.click(within(question).getByRole('button', { name: 'Close it' }));
    await waitFor(() => expect(fakeHost.callsTo('window.close')).toEqual([[]]));

    fakeHost.emit('window.closeRequested', {});
    await user.click(
      within(await screen.findByRole('group', { name: 'Close this window?' })).getByRole('button', {
        name: 'Keep it open',
      }),
    );
    expect(screen.queryByRole('group', { name: 'Close this window?' })).toBeNull();
    expect(fakeHost.callsTo('window.close')).toHaveLength(1);
  });

  it("shows the last window event by Flet's name", async () => {
    renderDesktop();
    await listening('window.event');
    fakeHost.emit('window.event', { type: 'enterFullScreen' });
    expect((await screen.findByLabelText('Last window event')).textContent).toBe('enterFullScreen');
  });

  it('opens the floating window with the area and size the person picked', async () => {
    fakeHost.answer('window.openFloating', () => undefined);
    const { user } = renderDesktop();
    const card = await screen.findByRole('region', { name: 'Window' });
    await user.selectOptions(
      within(card).getByRole('combobox', { name: 'Floating window shows' }),
      'Storage',
    );
    await user.type(within(card).getByRole('textbox', { name: 'Floating width' }), '420');
    await user.type(within(card).getByRole('textbox', { name: 'Floating height' }), '360');
    await user.click(within(card).getByRole('button', { name: 'Open the floating window' }));
    await waitFor(() => expect(fakeHost.callsTo('window.openFloating')).toHaveLength(1));
    expect(fakeHost.callsTo('window.openFloating')).toEqual([[{ width: 420, height: 360, area: 'storage' }]]);
  });
});
