/**
 * The installed app around the windows: the application menu, the tray, the floating window's context menu,
 * "Open logs folder", showing an area (deep links, About) and the updates' menu item. The templates are pure
 * functions (menus.ts); this builds them and rebuilds them when what they show changes (sign-ins, updates,
 * the floating window).
 */
import { app, dialog, Menu, nativeImage, shell, Tray, type BrowserWindow } from 'electron';
import type { AreaId } from '../../renderer/areas.ts';
import type { Host } from '../host.ts';
import type { Logger } from '../../shared/logger.ts';
import type { UpdateState } from '../../shared/update-types.ts';
import type { UpdateController } from '../update/update-controller.ts';
import { bringToFront } from './bring-to-front.ts';
import {
  applicationMenuTemplate,
  floatingContextMenuTemplate,
  trayMenuTemplate,
  type MenuActions,
  type MenuContext,
  type TrayAccount,
} from './menus.ts';
import type { WindowManager } from './window-manager.ts';
import { updateMenuItem } from './app-shell-items.ts';

export interface AppShellOptions {
  productName: string;
  wm: WindowManager;
  host: Host;
  updates: UpdateController | null;
  logsDir: string;
  /** Where the tray icon is (a PNG: the packaged app's resources, or assets/icons in development). */
  trayIcon: () => string;
  log: Logger;
}

export class AppShell {
  readonly #o: AppShellOptions;
  #tray: Tray | null = null;
  readonly actions: MenuActions;

  constructor(options: AppShellOptions) {
    this.#o = options;
    const { wm } = options;
    this.actions = {
      showMain: () => this.#showMain(),
      toggleFloating: () => (wm.floating ? wm.closeFloating() : wm.openFloating({})),
      checkForUpdates: () => void this.checkForUpdates(),
      showAbout: () => void this.showArea('about'),
      openLogsFolder: () => void this.openLogsFolder(),
      quit: () => app.quit(),
    };
  }

  /** The application menu (every platform; on macOS the standard app menu first). */
  installMenu(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(this.context(), this.actions)));
  }

  /** The tray icon: made after the first window shows, so it is not on the start-up path. */
  createTray(): void {
    if (this.#tray) return;
    const image = nativeImage.createFromPath(this.#o.trayIcon());
    this.#tray = new Tray(process.platform === 'darwin' ? image.resize({ width: 16, height: 16 }) : image);
    this.#tray.setToolTip(this.#o.productName);
    // Windows and Linux: a click on the icon shows the app; the menu is on the right button.
    this.#tray.on('click', () => this.actions.showMain());
    this.refresh();
  }

  /** Rebuilds what shows state: the tray's menu and the application menu (floating, accounts, updates). */
  refresh(): void {
    const ctx = this.context();
    this.#tray?.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(ctx, this.actions)));
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(ctx, this.actions)));
  }

  /** The floating window has no menu bar: its context menu has the Edit roles and the way back. */
  attachFloating(win: BrowserWindow): void {
    win.webContents.on('context-menu', () =>
      Menu.buildFromTemplate(floatingContextMenuTemplate(this.context(), this.actions)).popup({
        window: win,
      }),
    );
  }

  context(): MenuContext {
    const update = updateMenuItem(this.#o.updates?.state ?? { status: 'idle' });
    return {
      platform: process.platform,
      productName: this.#o.productName,
      isPackaged: app.isPackaged,
      floatingOpen: this.#o.wm.floating !== null,
      accounts: this.#accounts(),
      updateLabel: update.label,
      updateEnabled: update.enabled,
    };
  }

  /** Brings the main window forward on `area` (the floating window gives way to it). */
  async showArea(area: AreaId): Promise<void> {
    // A window opened just now reads the last area when it loads; one already open gets the event.
    (await this.#o.host.settings()).saveLastArea(area);
    this.#showMain();
    this.#o.host.events.emit('app.showArea', { area });
  }

  async openLogsFolder(): Promise<void> {
    const failed = await shell.openPath(this.#o.logsDir);
    if (failed) this.#o.log.warn(`latchkey: could not open the logs folder: ${failed}`);
  }

  /** The menu item: installs a ready update, otherwise checks and says how it went. */
  async checkForUpdates(): Promise<void> {
    const updates = this.#o.updates;
    if (updates?.state.status === 'ready') {
      await updates.install();
      return;
    }
    const end: UpdateState = updates
      ? await updates.check()
      : { status: 'unsupported', reason: 'updates are for the installed app' };
    const message =
      end.status === 'upToDate'
        ? `${this.#o.productName} ${app.getVersion()} is the newest version.`
        : end.status === 'error'
          ? end.message
          : end.status === 'unsupported'
            ? 'Updates are for the installed app; this is a development build.'
            : null;
    if (message) await dialog.showMessageBox({ type: 'info', message, buttons: ['OK'] });
  }

  #showMain(): void {
    const { wm } = this.#o;
    // Closing the floating window brings the main one back (WindowManager does it).
    if (wm.floating) return wm.closeFloating();
    const main = wm.main && !wm.main.isDestroyed() ? wm.main : wm.createMain();
    main.show();
    bringToFront(main);
  }

  #accounts(): TrayAccount[] {
    return this.#o.host.signIn.service
      .overview()
      .providers.flatMap((p) =>
        p.state.status === 'signedIn' ? [{ providerName: p.name, user: userLabel(p.state) }] : [],
      );
  }
}

function userLabel(state: {
  user?: { login?: string; name?: string; email?: string } | null;
}): string | null {
  const u = state.user;
  return u ? (u.login ?? u.name ?? u.email ?? null) : null;
}
