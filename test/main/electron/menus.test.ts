/** The menu templates as pure functions: what each platform and state gets. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  applicationMenuTemplate,
  floatingContextMenuTemplate,
  trayMenuTemplate,
  type MenuActions,
  type MenuContext,
} from '../../../src/main/electron/menus.ts';
import { updateMenuItem } from '../../../src/main/electron/app-shell-items.ts';

const EDIT_ROLES = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'];

type Recorded = { [K in keyof MenuActions]: ReturnType<typeof vi.fn<() => void>> };

function actions(): Recorded {
  return {
    showMain: vi.fn<() => void>(),
    toggleFloating: vi.fn<() => void>(),
    checkForUpdates: vi.fn<() => void>(),
    showAbout: vi.fn<() => void>(),
    openLogsFolder: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
  };
}

const ctx = (over: Partial<MenuContext> = {}): MenuContext => ({
  platform: 'linux',
  productName: 'Latchkey',
  isPackaged: true,
  floatingOpen: false,
  accounts: [],
  updateLabel: 'Check for Updates…',
  updateEnabled: true,
  ...over,
});

const sub = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const top = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((m) => m.label?.replace('&', '') === label);
const roles = (items: MenuItemConstructorOptions[]) => items.flatMap((i) => (i.role ? [i.role] : []));
const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: Edit has every editing role', (platform) => {
    const edit = sub(top(applicationMenuTemplate(ctx({ platform }), actions()), 'Edit'));
    expect(roles(edit)).toEqual(EDIT_ROLES);
  });

  it.each([
    ['darwin', ['Latchkey', 'Edit', 'View', 'Window', 'Help']],
    ['win32', ['File', 'Edit', 'View', 'Window', 'Help']],
    ['linux', ['File', 'Edit', 'View', 'Window', 'Help']],
  ] as const)('%s: the menus, in order', (platform, labels) => {
    const template = applicationMenuTemplate(ctx({ platform }), actions());
    expect(template.map((m) => m.label?.replace('&', ''))).toEqual(labels);
  });

  it('macOS: the standard app menu (about, services, hide, quit)', () => {
    const appMenu = sub(applicationMenuTemplate(ctx({ platform: 'darwin' }), actions())[0]);
    expect(roles(appMenu)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(byId(appMenu, 'about')?.label).toBe('About Latchkey');
  });

  it.each([
    [true, []],
    [false, ['reload', 'toggleDevTools']],
  ])('packaged %s: development items in View are %j', (isPackaged, dev) => {
    const view = roles(sub(top(applicationMenuTemplate(ctx({ isPackaged }), actions()), 'View')));
    expect(view.filter((r) => r === 'reload' || r === 'toggleDevTools' || r === 'forceReload')).toEqual(dev);
  });

  it('Help opens the logs folder and the About area, and checks for updates', () => {
    const a = actions();
    const help = sub(top(applicationMenuTemplate(ctx(), a), 'Help'));
    click(byId(help, 'logs'));
    click(byId(help, 'about'));
    click(byId(help, 'update'));
    expect(a.openLogsFolder).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
    expect(a.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('Window has the floating window as a checkbox showing whether it is open', () => {
    const win = sub(top(applicationMenuTemplate(ctx({ floatingOpen: true }), actions()), 'Window'));
    expect(byId(win, 'floating')).toMatchObject({ type: 'checkbox', checked: true });
  });
});

describe('tray menu', () => {
  it('shows the app, toggles the floating window, checks for updates and quits', () => {
    const a = actions();
    const tray = trayMenuTemplate(ctx(), a);
    expect(tray.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'Show Latchkey',
      'Floating Window',
      'Not signed in',
      'Check for Updates…',
      'Quit Latchkey',
    ]);
    for (const id of ['show', 'floating', 'update', 'quit']) click(byId(tray, id));
    expect([a.showMain, a.toggleFloating, a.checkForUpdates, a.quit].map((f) => f.mock.calls.length)).toEqual(
      [1, 1, 1, 1],
    );
  });

  it('lists the signed-in accounts (not clickable)', () => {
    const tray = trayMenuTemplate(
      ctx({
        accounts: [
          { providerName: 'Demo', user: 'ada' },
          { providerName: 'GitHub', user: null },
        ],
      }),
      actions(),
    );
    const accounts = tray.filter((i) => i.enabled === false);
    expect(accounts.map((i) => i.label)).toEqual(['Demo: ada', 'GitHub: signed in']);
  });

  it.each([
    [{ status: 'idle' }, 'Check for Updates…', true],
    [{ status: 'checking' }, 'Checking for Updates…', false],
    [
      { status: 'downloading', version: '1.2.0', percent: 40, transferred: 4, total: 10 },
      'Downloading Update… 40%',
      false,
    ],
    [{ status: 'ready', version: '1.2.0' }, 'Restart to Update (1.2.0)', true],
    [{ status: 'error', kind: 'offline', message: 'offline' }, 'Check for Updates…', true],
    [{ status: 'unsupported', reason: 'x' }, 'Check for Updates…', true],
  ] as const)('update item for %j', (state, label, enabled) => {
    const item = updateMenuItem(state);
    expect(item).toEqual({ label, enabled });
    const tray = trayMenuTemplate(ctx({ updateLabel: item.label, updateEnabled: item.enabled }), actions());
    expect(byId(tray, 'update')).toMatchObject({ label, enabled });
  });
});

describe('floating window context menu', () => {
  it('has the editing roles, the way back and quit', () => {
    const a = actions();
    const menu = floatingContextMenuTemplate(ctx({ floatingOpen: true }), a);
    expect(roles(menu)).toEqual(EDIT_ROLES);
    click(byId(menu, 'show'));
    click(byId(menu, 'quit'));
    expect(a.toggleFloating).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
  });
});
