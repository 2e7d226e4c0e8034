/**
 * The key/value editor, in the session panel as in the app, over a fake host that keeps the session's
 * entries: it validates before it sends, sends typed values, shows the host's refusals in plain words, and
 * keeps focus on something useful when rows go away.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/shared/json.ts';
import { SessionPanel } from '../../../src/renderer/panels/SessionPanel.tsx';
import { deferred, fakeHost, refuse } from '../helpers/fake-host.ts';

let entries: Map<string, JsonValue>;

beforeEach(() => {
  entries = new Map();
  fakeHost
    .answer('session.entries', () => [...entries])
    .answer('session.set', (key, value) => {
      if (key === '')
        refuse({ code: 'invalid_argument', message: 'session.set: a key must not be empty', path: '[0]' });
      entries.set(key, value);
    })
    .answer('session.remove', (key) => entries.delete(key));
});

async function renderEditor(initial: Array<[string, JsonValue]> = []) {
  entries = new Map(initial);
  const user = userEvent.setup();
  render(<SessionPanel />);
  const panel = screen.getByRole('region', { name: 'Session storage' });
  // The list has arrived once "Loading…" is gone.
  await within(panel).findByText(initial.length ? initial[0]![0] : 'No entries.');
  return {
    user,
    panel,
    key: within(panel).getByRole('textbox', { name: 'Session key' }),
    value: within(panel).getByRole('textbox', { name: 'Session value' }),
    kind: within(panel).getByRole('combobox', { name: 'Session value type' }),
    save: within(panel).getByRole('button', { name: 'Set session value' }),
    alert: within(panel).getByRole('alert'),
  };
}

const rows = (panel: HTMLElement) =>
  within(within(panel).getByRole('table', { name: 'Session entries' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td code')].map((cell) => cell.textContent));

describe('entry editor', () => {
  it('says "Loading…" until the list arrives, then "No entries."', async () => {
    const list = deferred<Array<[string, JsonValue]>>();
    fakeHost.answer('session.entries', () => list.promise);
    render(<SessionPanel />);
    expect(screen.getByText('Loading…').getAttribute('aria-busy')).toBe('true');
    list.resolve([]);
    expect(await screen.findByText('No entries.')).toBeDefined();
  });

  it('saves a text value, lists it, and clears the form', async () => {
    const { user, panel, key, value, save } = await renderEditor();
    await user.type(key, 'greeting');
    await user.type(value, 'hello');
    await user.click(save);

    await within(panel).findByRole('table', { name: 'Session entries' });
    expect(fakeHost.callsTo('session.set')).toEqual([['greeting', 'hello']]);
    expect(rows(panel)).toEqual([['greeting', '"hello"']]);
    expect(key).toHaveProperty('value', '');
    expect(value).toHaveProperty('value', '');
    expect(document.activeElement).toBe(save);
  });

  it('sends JSON as a value, not as text', async () => {
    const { user, panel, key, value, kind, save } = await renderEditor();
    await user.type(key, 'user');
    await user.selectOptions(kind, 'JSON');
    // user-event treats { and [ as key descriptors: paste the JSON instead.
    await user.click(value);
    await user.paste('{"name":"Ada","tags":[1,2]}');
    await user.click(save);

    await within(panel).findByRole('table', { name: 'Session entries' });
    expect(fakeHost.callsTo('session.set')).toEqual([['user', { name: 'Ada', tags: [1, 2] }]]);
    expect(rows(panel)).toEqual([['user', '{"name":"Ada","tags":[1,2]}']]);
  });

  it('refuses JSON that does not parse before asking the host, and keeps what was typed', async () => {
    const { user, key, value, kind, save, alert } = await renderEditor();
    await user.type(key, 'broken');
    await user.selectOptions(kind, 'JSON');
    await user.click(value);
    await user.paste('{"a": ');
    await user.click(save);

    expect(alert.textContent).toBe('The value is not valid JSON. Choose "Text" to store it as a string.');
    expect(fakeHost.callsTo('session.set')).toEqual([]);
    expect(key).toHaveProperty('value', 'broken');
    expect(value).toHaveProperty('value', '{"a": ');
  });

  it("shows the host's refusal in plain words, keeps the form, and clears the alert on the next save", async () => {
    const { user, panel, key, value, save, alert } = await renderEditor();
    await user.type(value, 'no key');
    await user.click(save);

    expect(await within(panel).findByText('A key must not be empty.')).toBeDefined();
    expect(alert.textContent).not.toContain('session.set');
    expect(value).toHaveProperty('value', 'no key');
    expect(document.activeElement).toBe(save);

    await user.type(key, 'k');
    await user.click(save);
    await within(panel).findByRole('table', { name: 'Session entries' });
    expect(alert.textContent).toBe('');
  });

  it('does not clear what the user started typing while the save was on its way', async () => {
    const saved = deferred<void>();
    fakeHost.answer('session.set', (k, v) => {
      entries.set(k, v);
      return saved.promise;
    });
    const { user, panel, key, value, save } = await renderEditor();
    await user.type(key, 'first');
    await user.type(value, 'one');
    await user.click(save);
    await user.clear(key);
    await user.type(key, 'second');
    saved.resolve();
    await within(panel).findByRole('table', { name: 'Session entries' });
    expect(key).toHaveProperty('value', 'second');
    expect(value).toHaveProperty('value', '');
  });

  it('Edit puts an entry back in the form, with its type', async () => {
    const { user, panel, key, value, kind } = await renderEditor([
      ['plain', 'text'],
      ['user', { name: 'Ada' }],
    ]);
    await user.click(within(panel).getByRole('button', { name: 'Edit session entry user' }));
    expect(key).toHaveProperty('value', 'user');
    expect(kind).toHaveProperty('value', 'json');
    expect(value).toHaveProperty('value', '{"name":"Ada"}');
    await user.click(within(panel).getByRole('button', { name: 'Edit session entry plain' }));
    expect(kind).toHaveProperty('value', 'text');
    expect(value).toHaveProperty('value', 'text');
  });

  it('Remove takes the row away and focus goes to the row that took its place, then to the key field', async () => {
    const { user, panel, key } = await renderEditor([
      ['a', 1],
      ['b', 2],
    ]);
    await user.click(within(panel).getByRole('button', { name: 'Remove session entry a' }));
    await within(panel).findByRole('button', { name: 'Remove session entry b' });
    await within(panel).findByText('b');
    expect(fakeHost.callsTo('session.remove')).toEqual([['a']]);
    expect(rows(panel)).toEqual([['b', '2']]);
    expect(document.activeElement).toBe(
      within(panel).getByRole('button', { name: 'Remove session entry b' }),
    );

    await user.click(within(panel).getByRole('button', { name: 'Remove session entry b' }));
    await within(panel).findByText('No entries.');
    // Focus is put back by an effect once the action has ended, which can be a render after the empty list.
    await waitFor(() => expect(document.activeElement).toBe(key));
  });
});
