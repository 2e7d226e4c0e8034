/**
 * The application menu, the tray menu and the floating window's context menu, as pure functions of what the
 * app is showing: templates for `Menu.buildFromTemplate`, table-tested in test/main/electron/menus.test.ts.
 * The wiring (shell-menus.ts) only builds them and rebuilds the tray's when its inputs change.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  showMain(): void;
  toggleFloating(): void;
  checkForUpdates(): void;
  /** Brings the main window forward on the About area (version, updates, logs). */
  showAbout(): void;
  openLogsFolder(): void;
  quit(): void;
}

/** A signed-in account, as the tray lists it. */
export interface TrayAccount {
  providerName: string;
  user: string | null;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  productName: string;
  /** Reload and the developer tools only in development: a packaged app has no use for them. */
  isPackaged: boolean;
  floatingOpen: boolean;
  accounts: readonly TrayAccount[];
  /** What the update item says now ("Check for Updates…", "Restart to Update", "Downloading update… 40%"). */
  updateLabel: string;
  /** False while a check or download runs: the item is shown but cannot be clicked. */
  updateEnabled: boolean;
}

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

/** The floating window on/off, the same in the Window menu and the tray. */
const floatingItem = (ctx: MenuContext, actions: MenuActions): MenuItemConstructorOptions => ({
  id: 'floating',
  label: 'Floating Window',
  type: 'checkbox',
  checked: ctx.floatingOpen,
  click: () => actions.toggleFloating(),
});

/** Edit roles: without them, copy and paste shortcuts do nothing in text fields on macOS. */
export function editItems(): MenuItemConstructorOptions[] {
  return [
    { role: 'undo' },
    { role: 'redo' },
    SEPARATOR,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ];
}

export function applicationMenuTemplate(
  ctx: MenuContext,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const update: MenuItemConstructorOptions = {
    id: 'update',
    label: ctx.updateLabel,
    enabled: ctx.updateEnabled,
    click: () => actions.checkForUpdates(),
  };
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: `About ${ctx.productName}`,
    click: () => actions.showAbout(),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac)
    template.push({
      label: ctx.productName,
      submenu: [
        about,
        update,
        SEPARATOR,
        { role: 'services' },
        SEPARATOR,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        SEPARATOR,
        { role: 'quit' },
      ],
    });
  else template.push({ label: '&File', submenu: [{ role: 'quit' }] });
  template.push({ label: '&Edit', submenu: editItems() });
  template.push({
    label: '&View',
    submenu: [
      ...(ctx.isPackaged
        ? []
        : ([{ role: 'reload' }, { role: 'toggleDevTools' }, SEPARATOR] as MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: '&Window',
    submenu: [
      floatingItem(ctx, actions),
      SEPARATOR,
      { role: 'minimize' },
      ...(mac
        ? ([{ role: 'zoom' }, SEPARATOR, { role: 'front' }] as MenuItemConstructorOptions[])
        : [{ role: 'close' } as MenuItemConstructorOptions]),
    ],
  });
  template.push({
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'logs', label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
      ...(mac ? [] : [SEPARATOR, update, about]),
    ],
  });
  return template;
}

export function trayMenuTemplate(ctx: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const accounts: MenuItemConstructorOptions[] =
    ctx.accounts.length === 0
      ? [{ id: 'accounts', label: 'Not signed in', enabled: false }]
      : ctx.accounts.map((a) => ({
          label: a.user ? `${a.providerName}: ${a.user}` : `${a.providerName}: signed in`,
          enabled: false,
        }));
  return [
    { id: 'show', label: `Show ${ctx.productName}`, click: () => actions.showMain() },
    floatingItem(ctx, actions),
    SEPARATOR,
    ...accounts,
    SEPARATOR,
    {
      id: 'update',
      label: ctx.updateLabel,
      enabled: ctx.updateEnabled,
      click: () => actions.checkForUpdates(),
    },
    SEPARATOR,
    { id: 'quit', label: `Quit ${ctx.productName}`, click: () => actions.quit() },
  ];
}

/** The floating window has no menu bar on any platform: its context menu carries the essentials. */
export function floatingContextMenuTemplate(
  ctx: MenuContext,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  return [
    ...editItems(),
    SEPARATOR,
    { id: 'show', label: 'Back to the Main Window', click: () => actions.toggleFloating() },
    { id: 'quit', label: `Quit ${ctx.productName}`, click: () => actions.quit() },
  ];
}
