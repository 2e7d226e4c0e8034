/**
 * Web mode's clipboard through the Window area, over the fake host: a press from page script (element.click,
 * no pointer or key press) is refused before the browser's clipboard is touched; a person's click goes through.
 * (setup.ts gives happy-dom Chromium's rule for user activation.)
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { WindowPanel } from '../../../src/renderer/panels/WindowPanel.tsx';
import { fakeHost } from '../helpers/fake-host.ts';

function renderWeb() {
  fakeHost.answer('window.capabilities', () => ({
    transport: 'web',
    windowControls: false,
    floating: false,
    alwaysOnTop: false,
    clipboard: true,
    inAppPopups: true,
  }));
  const user = userEvent.setup();
  // After setup: user-event puts a clipboard of its own on navigator.
  const clipboard = { readText: vi.fn(async () => 'on the clipboard'), writeText: vi.fn(async () => {}) };
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
  render(<WindowPanel />);
  return { user, clipboard, card: screen.getByRole('region', { name: 'Clipboard' }) };
}

describe('the clipboard in web mode', () => {
  // The refusal shows only once the call has run its course, so a clipboard touched first would be seen.
  it.each([
    ['Read clipboard', 'readText'],
    ['Copy to clipboard', 'writeText'],
  ] as const)('refuses %s pressed by script, without touching the clipboard', async (button, method) => {
    const { clipboard, card } = renderWeb();
    fireEvent.click(within(card).getByRole('button', { name: button }));
    expect(await within(card).findByText(/only right after you click or press a key/)).toBeDefined();
    expect(clipboard[method]).not.toHaveBeenCalled();
    expect(within(card).queryByLabelText('Clipboard contents')).toBeNull();
  });

  it('reads when a person clicks', async () => {
    const { user, clipboard, card } = renderWeb();
    await user.click(within(card).getByRole('button', { name: 'Read clipboard' }));
    expect((await within(card).findByLabelText('Clipboard contents')).textContent).toBe('on the clipboard');
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
  });
});
